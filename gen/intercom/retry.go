package intercom

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The exponential backoff: the n-th retry waits a random time between 0 and
// min(initialBackoff·2^(n-1), maxBackoff) ("full jitter"), unless the server said how long to
// wait; either way never more than the configured maximum wait.
const (
	initialBackoff = 500 * time.Millisecond
	maxBackoff     = 8 * time.Second
)

// idempotent reports whether a request with method can be sent twice with the effect of once
// (RFC 9110, section 9.2.2).
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// retryRule says when a failed call may be sent again; the generated code sets it from the
// operation (see the generator's ir.RetryRule).
type retryRule int

const (
	retryByMethod retryRule = iota // as the method allows (see idempotent)
	retryReadOnly                  // as a GET: the operation changes nothing (a search by POST)
	retryUnsent                    // only when nothing was done: a scroll cannot resume otherwise
)

// safe reports whether c may be sent again after it may have reached the server.
func (c *call) safe() bool {
	switch c.retry {
	case retryReadOnly:
		return true
	case retryUnsent:
		return false
	}
	return idempotent(c.method)
}

// retryable reports whether an attempt at c that failed with err is worth retrying; resp is
// its answer, nil if none came.
func retryable(c *call, resp *http.Response, err error) bool {
	if errors.Is(err, ErrResponseTooLarge) || errors.Is(err, ErrRedirect) {
		return false // the same answer would come again
	}
	var hdrErr *headerError
	if errors.As(err, &hdrErr) {
		return false // the same request would be refused again
	}
	if apiErr, ok := err.(*APIError); ok {
		return retryableStatus(c.safe(), apiErr.StatusCode)
	}
	if resp != nil {
		// The answer broke off while its body was read: the server has acted on the request.
		return c.safe()
	}
	return retryableError(c.safe(), err)
}

// retryableStatus reports whether an answer with status code is worth retrying. A 429 is: the
// request was refused before being acted on. A 500, 502, 503 or 504 is only for a request that
// is safe to send again, since the server may have acted on it.
func retryableStatus(safe bool, code int) bool {
	switch code {
	case http.StatusTooManyRequests:
		return true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return safe
	}
	return false
}

// retryableError reports whether err, from sending a request, is worth retrying. A connection
// that could not be opened is, whatever the request: it was never written. Any other failure of
// the connection is only for a request that is safe to send again, since it may have reached
// the server. A host that does not exist or a certificate that is not trusted will
// not get better by trying again.
func retryableError(safe bool, err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var (
		verifyErr    *tls.CertificateVerificationError
		authorityErr x509.UnknownAuthorityError
		hostErr      x509.HostnameError
		invalidErr   x509.CertificateInvalidError
	)
	if errors.As(err, &verifyErr) || errors.As(err, &authorityErr) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
		return false
	}
	return notSent(err) || safe
}

// notSent reports whether err says that no connection could be made, so that nothing of the
// request was written: a refused connection, say.
func notSent(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && (opErr.Op == "dial" || opErr.Op == "proxyconnect")
}

// retryWait returns how long to wait before retry number n (1 for the first retry) of a call
// whose last attempt was answered with resp (nil for none): what the server asked for with
// Retry-After or, on a 429, X-RateLimit-Reset, or else the jittered backoff; never more than
// the maximum wait.
func (cfg *config) retryWait(n int, resp *http.Response) time.Duration {
	d, ok := time.Duration(0), false
	if resp != nil {
		d, ok = serverWait(resp, cfg.now())
	}
	if !ok || d <= 0 {
		d = cfg.backoff(n)
	}
	return min(d, cfg.maxRetryWait)
}

// backoff returns the jittered backoff before retry number n.
func (cfg *config) backoff(n int) time.Duration {
	ceiling := maxBackoff
	if n >= 1 && n <= 10 { // 2^10 · initialBackoff is way past maxBackoff; larger shifts overflow
		ceiling = min(initialBackoff<<(n-1), maxBackoff)
	}
	return time.Duration(cfg.rand(int64(ceiling) + 1))
}

// serverWait returns how long resp asks the client to wait before trying again: Retry-After
// (delay seconds or an HTTP date) or, on a 429, X-RateLimit-Reset (Unix seconds), measured from
// now.
func serverWait(resp *http.Response, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(resp.Header.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
			if secs < 0 {
				return 0, false
			}
			return time.Duration(min(secs, maxUnixSeconds)) * time.Second, true
		}
		if t, err := http.ParseTime(v); err == nil {
			return t.Sub(now), true
		}
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		if reset := parseRateLimit(resp.Header).Reset; !reset.IsZero() {
			return reset.Sub(now), true
		}
	}
	return 0, false
}

// sleepContext waits for d, or until ctx is done, in which case it returns ctx's error at once.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// waitError is a call given up while waiting to retry, because its context was done.
type waitError struct {
	prefix string // "intercom: METHOD /path"
	ctxErr error
	last   error // the error of the last attempt
}

func (e *waitError) Error() string {
	last := strings.TrimPrefix(e.last.Error(), e.prefix+": ")
	return e.prefix + ": " + e.ctxErr.Error() + " while waiting to retry (last attempt: " + last + ")"
}

// Unwrap returns both the context's error and the last attempt's, so that errors.Is and
// errors.As find either.
func (e *waitError) Unwrap() []error { return []error{e.ctxErr, e.last} }

package intercom

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is what an answer said about the caller's rate limit, from Intercom's
// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers. A field is zero when
// its header was missing or malformed.
type RateLimit struct {
	// Limit is the number of requests allowed in the current window (X-RateLimit-Limit).
	Limit int
	// Remaining is the number of requests left in the current window (X-RateLimit-Remaining).
	Remaining int
	// Reset is when the current window ends and Remaining goes back to Limit
	// (X-RateLimit-Reset, sent as Unix seconds).
	Reset time.Time
}

// parseRateLimit reads the rate-limit headers of h.
func parseRateLimit(h http.Header) RateLimit {
	var rl RateLimit
	if n, ok := headerInt(h, "X-RateLimit-Limit"); ok {
		rl.Limit = int(min(n, int64(maxInt)))
	}
	if n, ok := headerInt(h, "X-RateLimit-Remaining"); ok {
		rl.Remaining = int(min(n, int64(maxInt)))
	}
	if n, ok := headerInt(h, "X-RateLimit-Reset"); ok && n > 0 && n < maxUnixSeconds {
		rl.Reset = time.Unix(n, 0).UTC()
	}
	return rl
}

const (
	maxInt = int(^uint(0) >> 1)
	// maxUnixSeconds keeps a reset time far in the future representable as a time.Duration
	// from now (about 292 years), however silly the header.
	maxUnixSeconds = 1 << 33
)

// headerInt returns the non-negative integer value of header key in h.
func headerInt(h http.Header, key string) (int64, bool) {
	v := strings.TrimSpace(h.Get(key))
	if v == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

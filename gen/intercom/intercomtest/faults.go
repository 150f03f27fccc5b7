package intercomtest

import (
	"net/http"
	"strconv"
	"time"
)

// Fault is what the fake does to a request instead of, or before, answering it, so that a test
// can exercise its retry and error paths: answer an error status, wait, or break the connection.
type Fault struct {
	// Status, if set, is the status of the answer (4xx or 5xx), with Intercom's error list of one
	// error whose code is Code ("intercomtest_fault" if empty).
	Status int
	Code   string
	// RetryAfter, if set, is sent as the Retry-After header (in whole seconds) with Status.
	RetryAfter time.Duration
	// Delay is how long the fake waits before acting (answering Status, breaking the connection,
	// or answering as usual when neither is set); the wait ends early if the client gives up.
	Delay time.Duration
	// Disconnect breaks the connection without answering: the client's attempt fails with a
	// connection error (an unexpected EOF), as when a proxy or Intercom drops it.
	Disconnect bool
}

// AnyRoute is the route to give Inject for a fault on whatever request comes next.
const AnyRoute = "*"

// pendingFault is a fault waiting for its requests.
type pendingFault struct {
	route string // a route key, or AnyRoute
	left  int    // how many requests it still applies to
	fault Fault
}

// Inject makes the next n requests of route ("GET /contacts/{id}", or AnyRoute for any
// operation) meet fault. The requests are checked and recorded as usual (Requests lists them);
// only their answer changes. Faults apply in the order they were injected; after its n requests
// a fault is spent, and requests are answered as before.
func (s *Server) Inject(route string, n int, fault Fault) {
	s.t.Helper()
	key := route
	if route != AnyRoute {
		r := s.route("Inject", route)
		if r == nil {
			return
		}
		key = r.key()
	}
	switch {
	case n < 1:
		s.t.Errorf("intercomtest: Inject(%q, %d): the number of requests is at least 1", route, n)
		return
	case fault.Status != 0 && (fault.Status < 400 || fault.Status > 599):
		s.t.Errorf("intercomtest: Inject(%q): the status of a fault is 4xx or 5xx, not %d", route, fault.Status)
		return
	case fault.Disconnect && fault.Status != 0:
		s.t.Errorf("intercomtest: Inject(%q): a fault either answers a status or disconnects, not both", route)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &pendingFault{route: key, left: n, fault: fault})
}

// takeFault takes one request's worth of the first fault that applies to route, if any.
func (s *Server) takeFault(route string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.route != AnyRoute && f.route != route {
			continue
		}
		f.left--
		if f.left == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return f.fault, true
	}
	return Fault{}, false
}

// fault applies the fault due to a request of route, if any, and reports whether it answered
// the request (or broke its connection), so that serve is done with it.
func (s *Server) fault(w http.ResponseWriter, req *http.Request, route string) bool {
	f, ok := s.takeFault(route)
	if !ok {
		return false
	}
	if f.Delay > 0 {
		timer := time.NewTimer(f.Delay)
		select {
		case <-timer.C:
		case <-req.Context().Done():
			timer.Stop()
			return true
		}
	}
	switch {
	case f.Disconnect:
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic(http.ErrAbortHandler) // closes the connection all the same, quietly
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
		return true
	case f.Status != 0:
		code := f.Code
		if code == "" {
			code = "intercomtest_fault"
		}
		h := w.Header()
		h.Set("Content-Type", "application/json")
		if f.RetryAfter > 0 {
			h.Set("Retry-After", strconv.Itoa(int((f.RetryAfter+time.Second-1)/time.Second)))
		}
		w.WriteHeader(f.Status)
		w.Write(errorList(code, "intercomtest: injected fault "+strconv.Itoa(f.Status)))
		return true
	}
	return false // only a delay: answer as usual
}

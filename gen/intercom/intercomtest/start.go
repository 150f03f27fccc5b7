package intercomtest

import (
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
)

// Start starts a fake Intercom API, as NewServer does, outside a test: for a runnable example,
// a demo, or a program developed against it. Close stops it. With no test to fail, a request
// the fake rejects is answered 400 with what was wrong, as under NewServer, and the same
// message goes to standard error; misuse that would end a test (Last of a route never
// requested, an answer Respond cannot accept) panics.
func Start() *Server {
	return NewServer(&standalone{})
}

// Close stops a Server that Start started. Under NewServer the test's end stops it.
func (s *Server) Close() {
	if sa, ok := s.t.(*standalone); ok {
		sa.close()
	}
}

// standalone is the testing.TB of a Server started by Start. The fake uses only the methods
// below; the embedded interface is nil, so that any other fails loudly rather than silently.
type standalone struct {
	testing.TB

	mu       sync.Mutex
	cleanups []func()
}

func (*standalone) Helper() {}

func (*standalone) Errorf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
}

func (*standalone) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

func (*standalone) FailNow() { panic("intercomtest: failed") }

func (sa *standalone) Cleanup(f func()) {
	sa.mu.Lock()
	defer sa.mu.Unlock()
	sa.cleanups = append(sa.cleanups, f)
}

// close runs the cleanups, last registered first, once.
func (sa *standalone) close() {
	sa.mu.Lock()
	fs := sa.cleanups
	sa.cleanups = nil
	sa.mu.Unlock()
	for _, f := range slices.Backward(fs) {
		f()
	}
}

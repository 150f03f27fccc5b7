package intercomtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
)

// WithReplay makes the fake answer from a recording that a Recorder wrote (the file at path):
// each request, checked as strictly as ever, is answered with the recorded answer of the first
// exchange not yet replayed with the same method, path, query and body (the query and the
// body's JSON compared after scrubbing as the recording was scrubbed), or, once all of those were, the last of them
// again. A request that the recording does not have fails the test, saying so and listing what
// it has, and is answered 501 (which the client does not retry). A file that cannot be read
// fails the test at once.
func WithReplay(path string) ServerOption {
	return func(s *Server) {
		s.t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			s.t.Fatalf("intercomtest: WithReplay: %v", err)
		}
		var rec Recording
		if err := json.Unmarshal(data, &rec); err != nil {
			s.t.Fatalf("intercomtest: WithReplay: %s: %v", path, err)
		}
		for i := range rec.Exchanges { // compact, as the requests to match will be
			rec.Exchanges[i].RequestBody = scrubJSON(rec.Exchanges[i].RequestBody, "", nil)
		}
		s.replay = &replay{path: path, rec: rec, used: make([]bool, len(rec.Exchanges))}
	}
}

// replay is the recording a fake answers from.
type replay struct {
	path string
	rec  Recording

	mu   sync.Mutex
	used []bool
}

// remembered answers a request from what the fake remembers, if anything: a replayed
// recording, or the state (WithState).
func (s *Server) remembered(r *route, req *Request) (answer, bool) {
	if s.replay != nil {
		return s.replay.answer(s, req), true
	}
	if s.state != nil {
		return s.state.serve(r, req)
	}
	return answer{}, false
}

// answer finds the recorded answer to req.
func (rp *replay) answer(s *Server, req *Request) answer {
	body := string(scrubJSON(req.RawBody, "", rp.rec.Scrubbed))
	query := scrubQuery(req.Query, "", rp.rec.Scrubbed)
	rp.mu.Lock()
	defer rp.mu.Unlock()
	found := -1
	for i, ex := range rp.rec.Exchanges {
		if ex.Method != req.Method || ex.Path != req.Path || ex.Query != query || string(ex.RequestBody) != body {
			continue
		}
		found = i
		if !rp.used[i] {
			break
		}
	}
	if found < 0 {
		var have []string
		for _, ex := range rp.rec.Exchanges {
			have = append(have, describe(ex.Method, ex.Path, ex.Query, string(ex.RequestBody)))
		}
		msg := fmt.Sprintf("intercomtest: replay of %s: no recorded answer to %s; the recording has %d: %s",
			rp.path, describe(req.Method, req.Path, query, body), len(have), strings.Join(have, ", "))
		s.t.Errorf("%s", msg)
		return answer{status: http.StatusNotImplemented, body: errorList("intercomtest_not_recorded", msg)}
	}
	rp.used[found] = true
	ex := rp.rec.Exchanges[found]
	a := answer{status: ex.Status, header: http.Header{}, body: ex.Body}
	if ex.Body == nil {
		a.body = []byte(ex.Text)
	}
	for k, v := range ex.Header {
		a.header.Set(k, v)
	}
	return a
}

// describe names a request in a message.
func describe(method, path, query, body string) string {
	s := method + " " + path
	if query != "" {
		s += "?" + query
	}
	if body != "" {
		s += " " + body
	}
	return s
}

package call

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

const token = "bench-token"

// contactID is the id of the contact in ../testdata/contact.json.
const contactID = "6657ab0000000000002a0000"

// way makes one GET /contacts/{id} against base and returns the contact's id and email.
type way struct {
	name string
	new  func(base string, hc *http.Client) (func(ctx context.Context, id string) (gotID, email string, err error), error)
}

// ways returns plain and ours, then the peers' (none without -tags peers).
func ways() []way {
	return append([]way{plain(), ours()}, peers()...)
}

func plain() way {
	return way{name: "plain", new: func(base string, hc *http.Client) (func(context.Context, string) (string, string, error), error) {
		return func(ctx context.Context, id string) (string, string, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/contacts/"+id, nil)
			if err != nil {
				return "", "", err
			}
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Intercom-Version", intercom.APIVersion)
			resp, err := hc.Do(req)
			if err != nil {
				return "", "", err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return "", "", fmt.Errorf("status %s", resp.Status)
			}
			var c intercom.Contact
			if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
				return "", "", err
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			return c.ID, c.Email, nil
		}, nil
	}}
}

func ours() way {
	return way{name: "ours", new: func(base string, hc *http.Client) (func(context.Context, string) (string, string, error), error) {
		client, err := intercom.NewClient(intercom.WithToken(token), intercom.WithBaseURL(base), intercom.WithHTTPClient(hc))
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, id string) (string, string, error) {
			c, err := client.Contacts.Get(ctx, id)
			if err != nil {
				return "", "", err
			}
			return c.ID, c.Email, nil
		}, nil
	}}
}

// newServer serves GET /contacts/{id} with the contact of ../testdata/contact.json, to a
// request that carries the token.
func newServer(tb testing.TB) *httptest.Server {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join("..", "testdata", "contact.json"))
	if err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /contacts/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, `{"type":"error.list","errors":[{"code":"unauthorized"}]}`, http.StatusUnauthorized)
			return
		}
		if r.PathValue("id") != contactID {
			http.Error(w, `{"type":"error.list","errors":[{"code":"not_found"}]}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

func newHTTPClient(tb testing.TB) *http.Client {
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}
	tb.Cleanup(hc.CloseIdleConnections)
	return hc
}

// TestCall checks that every way gets the contact, with the token.
func TestCall(t *testing.T) {
	srv := newServer(t)
	for _, w := range ways() {
		call, err := w.new(srv.URL, newHTTPClient(t))
		if err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		id, email, err := call(context.Background(), contactID)
		if err != nil || id != contactID || email != "user0@example.com" {
			t.Errorf("%s: %q, %q, %v; want %s, user0@example.com", w.name, id, email, err, contactID)
		}
	}
}

// BenchmarkCall makes one call per iteration each way: BenchmarkCall/<way>.
func BenchmarkCall(b *testing.B) {
	srv := newServer(b)
	for _, w := range ways() {
		b.Run(w.name, func(b *testing.B) {
			call, err := w.new(srv.URL, newHTTPClient(b))
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := call(ctx, contactID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

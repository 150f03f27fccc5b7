package decode

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

// summary is what a decoder saw: how many contacts or conversation parts, and a few values
// from the first and last of them.
type summary struct {
	N                 int
	First, Last, Text string
}

// decoder decodes each payload into one client's typed model.
type decoder struct {
	name         string
	contactList  func(data []byte) (summary, error)
	conversation func(data []byte) (summary, error)
}

// decoders returns ours, then the peers' (none without -tags peers).
func decoders() []decoder {
	return append([]decoder{ours()}, peers()...)
}

func ours() decoder {
	return decoder{
		name: "ours",
		contactList: func(data []byte) (summary, error) {
			// The client hands a body straight to the result's decoder (call.go's unmarshal), not
			// through json.Unmarshal, which would validate the whole body first.
			var v intercom.ContactList
			if err := v.UnmarshalJSON(data); err != nil {
				return summary{}, err
			}
			s := summary{N: len(v.Data)}
			if n := len(v.Data); n > 0 {
				s.First, s.Last, s.Text = v.Data[0].ID, v.Data[n-1].ID, v.Data[n-1].Email
			}
			return s, nil
		},
		conversation: func(data []byte) (summary, error) {
			var v intercom.Conversation
			if err := v.UnmarshalJSON(data); err != nil {
				return summary{}, err
			}
			s := summary{First: v.ID}
			if v.ConversationParts != nil {
				parts := v.ConversationParts.ConversationParts
				s.N = len(parts)
				if s.N > 0 {
					s.Last, s.Text = parts[s.N-1].ID, parts[s.N-1].Body
				}
			}
			return s, nil
		},
	}
}

// payloads are the bodies decoded, by benchmark name.
var payloads = []struct {
	name, file string
	decode     func(decoder) func([]byte) (summary, error)
}{
	{"contact_list", "contact_list.json", func(d decoder) func([]byte) (summary, error) { return d.contactList }},
	// The same contacts with no string twice, so that no figure rests on interning.
	{"contact_list_distinct", "contact_list_distinct.json", func(d decoder) func([]byte) (summary, error) { return d.contactList }},
	{"conversation", "conversation.json", func(d decoder) func([]byte) (summary, error) { return d.conversation }},
}

func readPayload(tb testing.TB, file string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", file))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// want is what the payloads hold (cmd/payloads): 50 contacts, 100 parts.
func want(t *testing.T, payload string, data []byte) summary {
	t.Helper()
	var raw struct {
		ID   string `json:"id"`
		Data []struct {
			ID    string `json:"id"`
			Email string `json:"email"`
		} `json:"data"`
		Parts struct {
			Parts []struct {
				ID   string `json:"id"`
				Body string `json:"body"`
			} `json:"conversation_parts"`
		} `json:"conversation_parts"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(payload, "contact_list") {
		d := raw.Data
		return summary{N: len(d), First: d[0].ID, Last: d[len(d)-1].ID, Text: d[len(d)-1].Email}
	}
	p := raw.Parts.Parts
	return summary{N: len(p), First: raw.ID, Last: p[len(p)-1].ID, Text: p[len(p)-1].Body}
}

// TestDecode checks that every decoder decodes every payload whole.
func TestDecode(t *testing.T) {
	for _, p := range payloads {
		data := readPayload(t, p.file)
		w := want(t, p.name, data)
		if (strings.HasPrefix(p.name, "contact_list") && w.N != 50) || (p.name == "conversation" && w.N != 100) {
			t.Fatalf("%s holds %d items; regenerate it with cmd/payloads", p.file, w.N)
		}
		for _, d := range decoders() {
			got, err := p.decode(d)(data)
			if err != nil || got != w {
				t.Errorf("%s/%s: %+v, %v; want %+v", p.name, d.name, got, err, w)
			}
		}
	}
}

// TestOursNoIssues checks that our client decodes the payloads with no field left out.
func TestOursNoIssues(t *testing.T) {
	var list intercom.ContactList
	if err := json.Unmarshal(readPayload(t, "contact_list.json"), &list); err != nil {
		t.Fatal(err)
	}
	var distinct intercom.ContactList
	if err := json.Unmarshal(readPayload(t, "contact_list_distinct.json"), &distinct); err != nil {
		t.Fatal(err)
	}
	var conv intercom.Conversation
	if err := json.Unmarshal(readPayload(t, "conversation.json"), &conv); err != nil {
		t.Fatal(err)
	}
	for _, issue := range slices.Concat(intercom.DecodeIssues(&list), intercom.DecodeIssues(&distinct), intercom.DecodeIssues(&conv)) {
		t.Errorf("%s: %v", issue.Path, issue.Err)
	}
}

// BenchmarkDecode decodes each payload with each decoder: BenchmarkDecode/<payload>/<client>.
func BenchmarkDecode(b *testing.B) {
	for _, p := range payloads {
		data := readPayload(b, p.file)
		for _, d := range decoders() {
			decode := p.decode(d)
			b.Run(p.name+"/"+d.name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := decode(data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

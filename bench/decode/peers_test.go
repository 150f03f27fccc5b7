//go:build peers

package decode

import (
	"encoding/json"

	"github.com/go-faster/jx"

	"github.com/gointercom/intercom/bench/peers/oapicodegen/oapiintercom"
	"github.com/gointercom/intercom/bench/peers/ogen/ogenintercom"
)

// peers returns the peers' decoders, each decoding as its generated client does: ogen with jx
// from the bytes (its client then validates: "ogen+validate" adds that step), oapi-codegen with
// encoding/json.
func peers() []decoder {
	return []decoder{ogen(false), ogen(true), oapiCodegen()}
}

func ogen(validate bool) decoder {
	name := "ogen"
	if validate {
		name = "ogen+validate"
	}
	return decoder{
		name: name,
		contactList: func(data []byte) (summary, error) {
			var v ogenintercom.ContactList
			if err := v.Decode(jx.DecodeBytes(data)); err != nil {
				return summary{}, err
			}
			if validate {
				if err := v.Validate(); err != nil {
					return summary{}, err
				}
			}
			s := summary{N: len(v.Data)}
			if n := len(v.Data); n > 0 {
				s.First, s.Last, s.Text = v.Data[0].ID.Or(""), v.Data[n-1].ID.Or(""), v.Data[n-1].Email.Or("")
			}
			return s, nil
		},
		conversation: func(data []byte) (summary, error) {
			var v ogenintercom.Conversation
			if err := v.Decode(jx.DecodeBytes(data)); err != nil {
				return summary{}, err
			}
			if validate {
				if err := v.Validate(); err != nil {
					return summary{}, err
				}
			}
			s := summary{First: v.ID.Or("")}
			if cp, ok := v.ConversationParts.Get(); ok {
				parts := cp.ConversationParts
				s.N = len(parts)
				if s.N > 0 {
					s.Last, s.Text = parts[s.N-1].ID.Or(""), parts[s.N-1].Body.Or("")
				}
			}
			return s, nil
		},
	}
}

func oapiCodegen() decoder {
	return decoder{
		name: "oapi-codegen",
		contactList: func(data []byte) (summary, error) {
			var v oapiintercom.ContactList
			if err := json.Unmarshal(data, &v); err != nil {
				return summary{}, err
			}
			var s summary
			if v.Data != nil {
				d := *v.Data
				s.N = len(d)
				if s.N > 0 {
					s.First, s.Last, s.Text = deref(d[0].Id), deref(d[s.N-1].Id), deref(d[s.N-1].Email)
				}
			}
			return s, nil
		},
		conversation: func(data []byte) (summary, error) {
			var v oapiintercom.Conversation
			if err := json.Unmarshal(data, &v); err != nil {
				return summary{}, err
			}
			s := summary{First: deref(v.Id)}
			if v.ConversationParts != nil && v.ConversationParts.ConversationParts != nil {
				parts := *v.ConversationParts.ConversationParts
				s.N = len(parts)
				if s.N > 0 {
					s.Last, s.Text = deref(parts[s.N-1].Id), deref(parts[s.N-1].Body)
				}
			}
			return s, nil
		},
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

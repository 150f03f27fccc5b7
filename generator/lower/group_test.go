package lower

import (
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

// TestComponentResource: a component goes with the one service that reaches it, else with the
// service its name names (the longest noun, then the earliest), else with none (shared).
func TestComponentResource(t *testing.T) {
	t.Parallel()
	var services []*ir.Service
	for _, n := range []string{"Contacts", "Conversations", "Tickets", "TicketTypes"} {
		services = append(services, &ir.Service{Name: n})
	}
	for _, tt := range []struct {
		name    string
		reached []string
		want    string
	}{
		{"CreateContactRequest", []string{"Contacts"}, "Contacts"},
		{"ContactReplyConversationRequest", []string{"Conversations"}, "Conversations"},
		{"Contact", []string{"Contacts", "Conversations"}, "Contacts"},
		{"Contact", nil, "Contacts"},
		{"TicketTypeAttribute", []string{"Tickets", "TicketTypes"}, "TicketTypes"},
		{"ContactReplyConversationRequest", []string{"Contacts", "Conversations"}, "Contacts"},
		{"Reference", []string{"Contacts", "Tickets"}, ""},
	} {
		if got := componentResource(tt.name, tt.reached, services); got != tt.want {
			t.Errorf("componentResource(%s, %v) = %q, want %q", tt.name, tt.reached, got, tt.want)
		}
	}
}

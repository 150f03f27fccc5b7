package webhooks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/diag"
)

func TestParse(t *testing.T) {
	d, err := Parse("hooks.yaml", []byte(`# comment
items:
  conversation: conversation
  event: data_event
topics:
  - {topic: conversation.user.created, item: conversation, description: "a contact started a conversation."}
  - topic: event.created
    item: event
  - {topic: ping}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := &Data{
		File: "hooks.yaml",
		Items: []Item{
			{Type: "conversation", Schema: "conversation", Line: 3},
			{Type: "event", Schema: "data_event", Line: 4},
		},
		Topics: []Topic{
			{Topic: "conversation.user.created", Item: "conversation", Description: "a contact started a conversation.", Line: 6},
			{Topic: "event.created", Item: "event", Line: 7},
			{Topic: "ping", Line: 9},
		},
	}
	if !equal(d, want) {
		t.Errorf("Parse =\n%+v\nwant\n%+v", d, want)
	}
}

func equal(a, b *Data) bool {
	if a.File != b.File || len(a.Items) != len(b.Items) || len(a.Topics) != len(b.Topics) {
		return false
	}
	for i := range a.Items {
		if a.Items[i] != b.Items[i] {
			return false
		}
	}
	for i := range a.Topics {
		if a.Topics[i] != b.Topics[i] {
			return false
		}
	}
	return true
}

// TestParseProblems checks that every problem of a file is reported at once, with its line.
func TestParseProblems(t *testing.T) {
	_, err := Parse("hooks.yaml", []byte(`items:
  conversation: conversation
topics:
  - {topic: conversation.user.created, item: conversation}
  - {topic: conversation.user.created, item: conversation}
  - {topic: ticket.created, item: ticket}
  - {item: conversation}
`))
	var probs diag.List
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v, want a diag.List", err)
	}
	want := []string{
		"hooks.yaml:5: topic conversation.user.created is listed twice (first at line 4)",
		`hooks.yaml:6: topic ticket.created carries item type "ticket", which items does not map to a schema`,
		"hooks.yaml:7: topic 4 has no name",
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing problem %q in:\n%v", w, err)
		}
	}
	if len(probs) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(probs), len(want), err)
	}
}

func TestParseNoTopics(t *testing.T) {
	for name, src := range map[string]string{
		"empty file":   ``,
		"empty list":   "items:\n  contact: contact\ntopics: []\n",
		"no topic key": "items:\n  contact: contact\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("hooks.yaml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), "hooks.yaml: no topics") {
				t.Errorf("err = %v, want no topics", err)
			}
		})
	}
}

func TestParseBadYAML(t *testing.T) {
	for name, src := range map[string]string{
		"syntax":        "topics: [\n",
		"topics is map": "topics:\n  ping: {}\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("hooks.yaml", []byte(src))
			if err == nil || !strings.HasPrefix(err.Error(), "hooks.yaml: ") {
				t.Errorf("err = %v, want an error naming the file", err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "webhooks.yaml")
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "read webhooks") {
		t.Errorf("missing file: %v", err)
	}
	if err := os.WriteFile(path, []byte("topics:\n  - {topic: ping}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(path)
	if err != nil || d.File != path || len(d.Topics) != 1 || d.Topics[0].Topic != "ping" {
		t.Errorf("Load = %+v, %v", d, err)
	}
}

// TestIntercomFile parses the real topics file: it is well-formed and keeps its shape.
func TestIntercomFile(t *testing.T) {
	d, err := Load("../../spec/webhooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	typed := 0
	for _, tp := range d.Topics {
		if tp.Item != "" {
			typed++
		}
	}
	// A change to these numbers is a change to the client's webhook API: review it.
	if len(d.Topics) != 74 || typed != 42 || len(d.Items) != 9 {
		t.Errorf("%d topics (%d with an item), %d item types", len(d.Topics), typed, len(d.Items))
	}
}

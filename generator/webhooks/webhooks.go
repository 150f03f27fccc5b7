// Package webhooks reads spec/webhooks.yaml: Intercom's webhook topics and the model each
// notification's item decodes into. The OpenAPI 3.0 description has no place for webhooks, so
// this small data file is the one place that knowledge lives; the generator turns it into topic
// constants, item decoding and typed handler registration.
package webhooks

import (
	"fmt"
	"os"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/diag"
	"github.com/gointercom/intercom/generator/spec"
)

// Data is the content of the file.
type Data struct {
	File   string
	Items  []Item  // item types, in file order
	Topics []Topic // topics, in file order
}

// Item maps the "type" of a notification's data.item to a component schema.
type Item struct {
	Type   string // "conversation"
	Schema string // "conversation" (under #/components/schemas)
	Line   int
}

// Topic is one webhook topic.
type Topic struct {
	Topic       string // "conversation.user.created"
	Item        string // item type the notification carries, "" if it has no model
	Description string
	Line        int
}

// Load reads and checks a webhooks file; every problem is reported at once, with its line.
func Load(path string) (*Data, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read webhooks: %w", err)
	}
	return Parse(path, data)
}

// Parse parses the bytes of a webhooks file; file names them in messages.
func Parse(file string, data []byte) (*Data, error) {
	var raw struct {
		Items  yaml.Node `yaml:"items"`
		Topics []struct {
			Topic       string `yaml:"topic"`
			Item        string `yaml:"item"`
			Description string `yaml:"description"`
		} `yaml:"topics"`
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if err := root.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	d := &Data{File: file}
	var probs diag.List
	if raw.Items.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(raw.Items.Content); i += 2 {
			k, v := raw.Items.Content[i], raw.Items.Content[i+1]
			d.Items = append(d.Items, Item{Type: k.Value, Schema: v.Value, Line: k.Line})
		}
	}
	topicLines := map[int]int{}
	if n := spec.Child(&root, "topics"); n != nil {
		for i, t := range n.Content {
			topicLines[i] = t.Line
		}
	}
	seen := map[string]int{}
	for i, t := range raw.Topics {
		line := topicLines[i]
		at := diag.Problem{File: file, Line: line}
		if t.Topic == "" {
			probs.Add(at, "topic %d has no name", i+1)
			continue
		}
		if prev, dup := seen[t.Topic]; dup {
			probs.Add(at, "topic %s is listed twice (first at line %d)", t.Topic, prev)
			continue
		}
		seen[t.Topic] = line
		if t.Item != "" && !slices.ContainsFunc(d.Items, func(it Item) bool { return it.Type == t.Item }) {
			probs.Add(at, "topic %s carries item type %q, which items does not map to a schema", t.Topic, t.Item)
		}
		d.Topics = append(d.Topics, Topic{Topic: t.Topic, Item: t.Item, Description: t.Description, Line: line})
	}
	if len(d.Topics) == 0 {
		probs.Add(diag.Problem{File: file}, "no topics")
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return d, nil
}

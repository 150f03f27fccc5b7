package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// tiny is a description with the schemas and operations build reads, its examples as sparse as
// Intercom's.
const tiny = `openapi: 3.0.1
paths:
  /contacts/{id}:
    get:
      responses:
        '200':
          content:
            application/json:
              examples:
                ok:
                  value: {type: contact, id: abc, name: null, tags: {type: list, data: [], url: /x, total_count: 0}}
  /contacts:
    get:
      responses:
        '200':
          content:
            application/json:
              examples:
                ok:
                  value: {type: list, data: [], total_count: 0, pages: {type: pages, page: 1, per_page: 10, total_pages: 0}}
  /conversations/{id}:
    get:
      responses:
        '200':
          content:
            application/json:
              examples:
                ok:
                  value: {type: conversation, id: '333', conversation_parts: {type: conversation_part.list, conversation_parts: [], total_count: 0}}
components:
  schemas:
    contact:
      type: object
      properties:
        type: {type: string, example: contact}
        id: {type: string, example: 5ba682d2}
        email: {type: string, example: joe@example.com}
        name: {type: string, nullable: true, example: John Doe}
        created_at: {type: integer, example: 1571672154}
        role: {type: string, enum: [user, lead]}
        tags: {$ref: '#/components/schemas/tags'}
        self: {$ref: '#/components/schemas/contact'}
    tags:
      type: object
      properties:
        type: {type: string, example: list}
        data: {type: array, items: {type: object, properties: {type: {type: string, example: note}, id: {type: string, example: '1'}}}}
        url: {type: string}
        total_count: {type: integer, example: 0}
    contact_list:
      type: object
      properties:
        type: {type: string, example: list}
        data: {type: array, items: {$ref: '#/components/schemas/contact'}}
        total_count: {type: integer, example: 1}
        pages: {type: object, properties: {type: {type: string, example: pages}, next: {type: object, nullable: true}}}
    conversation:
      type: object
      properties:
        type: {type: string, example: conversation}
        id: {type: string}
        conversation_parts:
          type: object
          properties:
            type: {type: string, example: conversation_part.list}
            conversation_parts: {type: array, items: {$ref: '#/components/schemas/conversation_part'}}
            total_count: {type: integer}
    conversation_part:
      type: object
      properties:
        type: {type: string, example: conversation_part}
        id: {type: string, example: '3'}
        part_type: {type: string, example: comment}
        body: {type: string, nullable: true, example: <p>Okay!</p>}
        created_at: {type: integer, example: 1663597223}
        assigned_to: {type: object, nullable: true, properties: {type: {type: string, example: admin}}}
        attachments: {type: array, items: {type: object, properties: {url: {type: string, example: 'https://x'}}}}
`

func TestBuild(t *testing.T) {
	files, err := build([]byte(tiny))
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Data []struct {
			ID, Email string
			Name      *string
			Role      string
			Self      any
			Tags      struct {
				Data       []struct{ Type string }
				TotalCount int `json:"total_count"`
			}
		}
		TotalCount int `json:"total_count"`
		Pages      struct {
			Next struct {
				StartingAfter string `json:"starting_after"`
			}
		}
	}
	if err := json.Unmarshal(files["contact_list.json"], &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Data) != listContacts || list.TotalCount != 10*listContacts || list.Pages.Next.StartingAfter == "" {
		t.Fatalf("contact list: %d contacts of %d, next %q", len(list.Data), list.TotalCount, list.Pages.Next.StartingAfter)
	}
	seen := map[string]bool{}
	for _, c := range list.Data {
		if seen[c.ID] || seen[c.Email] {
			t.Errorf("contact %s (%s) is not unique", c.ID, c.Email)
		}
		seen[c.ID], seen[c.Email] = true, true
	}
	c := list.Data[0]
	if c.Name == nil || c.Role != "user" || c.Self != nil {
		t.Errorf("contact 0: the example's null name, the enum, the cycle: %+v", c)
	}
	if len(c.Tags.Data) != 1 || c.Tags.Data[0].Type != "tag" || c.Tags.TotalCount != 1 {
		t.Errorf("contact 0 tags: %+v", c.Tags)
	}
	checkDistinct(t, files["contact_list_distinct.json"], len(files["contact_list.json"]))
	if !bytes.Equal(files["contact.json"], must(json.Marshal(json.RawMessage(firstContact(t, files["contact_list.json"]))))) {
		t.Error("contact.json is not the first contact of the list")
	}

	var conv struct {
		ID    string
		Parts struct {
			Parts []struct {
				ID, Body   string
				AssignedTo any   `json:"assigned_to"`
				Attach     []any `json:"attachments"`
			} `json:"conversation_parts"`
			TotalCount int `json:"total_count"`
		} `json:"conversation_parts"`
	}
	if err := json.Unmarshal(files["conversation.json"], &conv); err != nil {
		t.Fatal(err)
	}
	parts := conv.Parts.Parts
	if conv.ID != "333" || len(parts) != conversationParts || conv.Parts.TotalCount != conversationParts {
		t.Fatalf("conversation %s: %d parts, total %d", conv.ID, len(parts), conv.Parts.TotalCount)
	}
	if parts[0].AssignedTo != nil || parts[2].AssignedTo == nil || len(parts[0].Attach) != 0 || len(parts[9].Attach) != 1 {
		t.Errorf("assignments and attachments are not where the API puts them: %+v", parts[:10])
	}
	if parts[0].ID == parts[1].ID || parts[0].Body == parts[1].Body {
		t.Error("parts are not varied")
	}

	again, err := build([]byte(tiny))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if !bytes.Equal(data, again[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func firstContact(t *testing.T, list []byte) []byte {
	t.Helper()
	var v struct{ Data []json.RawMessage }
	if err := json.Unmarshal(list, &v); err != nil {
		t.Fatal(err)
	}
	return v.Data[0]
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

func TestBuildErrors(t *testing.T) {
	for _, desc := range []string{"[1, 2]", "openapi: 3.0.1\npaths: {}\ncomponents: {schemas: {}}\n", ": not yaml :"} {
		if _, err := build([]byte(desc)); err == nil {
			t.Errorf("build(%q) succeeded", desc)
		}
	}
}

// checkDistinct checks the contact list whose strings are all distinct: as many contacts as the
// plain list, at least as long, and no string twice but the type constants and enum values.
func checkDistinct(t *testing.T, data []byte, plainLen int) {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	if len(data) < plainLen {
		t.Errorf("the distinct list is %d bytes, shorter than the plain one (%d)", len(data), plainLen)
	}
	seen := map[string]string{}
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(e, k)
			}
		case []any:
			for _, e := range x {
				walk(e, key)
			}
		case string:
			if keepStrings[key] {
				return
			}
			if prev, ok := seen[x]; ok {
				t.Errorf("%q is the value of %s and %s", x, prev, key)
			}
			seen[x] = key
		}
	}
	walk(v, "")
	list := v.(map[string]any)
	if data := list["data"].([]any); len(data) != listContacts {
		t.Errorf("the distinct list has %d contacts", len(data))
	}
}

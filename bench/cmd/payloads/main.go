// Command payloads writes the realistic response bodies the decode and per-call benchmarks
// read, into bench/testdata, from the examples of the (overlaid) description:
//
//	payloads [-spec peers/overlaid.yaml] [-out testdata]
//
// The description's response examples are sparse (a contact list with no contacts, a
// conversation with no parts, most fields null), so each body is the operation's example laid
// over an object built from the examples the description gives for every property of the schema
// (see synth), then scaled up with varied ids, emails, names, times and bodies:
//
//   - contact.json: one contact, as GET /contacts/{id} answers;
//   - contact_list.json: a page of GET /contacts with 50 contacts;
//   - contact_list_distinct.json: the same page of contacts, every string of which is distinct
//     (ids, names, emails, URLs, tag ids, ...; only the type constants and enum values repeat),
//     so that no decoding figure rests on interning repeated strings;
//   - conversation.json: GET /conversations/{id} with 100 conversation parts.
//
// The output is deterministic: the same description gives the same bytes.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The sizes the issue asks for: a page of 50 contacts, a conversation of 100 parts.
const (
	listContacts      = 50
	conversationParts = 100
)

func main() {
	specPath := flag.String("spec", "peers/overlaid.yaml", "the overlaid description (intercomgen overlaid)")
	out := flag.String("out", "testdata", "directory to write the payloads to")
	flag.Parse()
	if err := run(*specPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "payloads:", err)
		os.Exit(1)
	}
}

func run(specPath, out string) error {
	data, err := os.ReadFile(specPath)
	if err != nil {
		return err
	}
	files, err := build(data)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"contact.json", "contact_list.json", "contact_list_distinct.json", "conversation.json"} {
		if err := os.WriteFile(filepath.Join(out, name), files[name], 0o644); err != nil {
			return err
		}
		fmt.Printf("payloads: %s (%d bytes)\n", filepath.Join(out, name), len(files[name]))
	}
	return nil
}

// build returns the payloads by file name.
func build(description []byte) (map[string][]byte, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(description, &n); err != nil {
		return nil, err
	}
	v, err := value(&n)
	if err != nil {
		return nil, err
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("the description is not an object")
	}
	d := newDoc(root)

	contact, err := d.example("contact", "/contacts/{id}", "get")
	if err != nil {
		return nil, err
	}
	list, err := d.example("contact_list", "/contacts", "get")
	if err != nil {
		return nil, err
	}
	var contacts []any
	for i := range listContacts {
		c := varyContact(contact, i)
		countLists(c)
		contacts = append(contacts, c)
	}
	set(list, contacts, "data")
	set(list, int64(10*listContacts), "total_count")
	set(list, int64(1), "pages", "page")
	set(list, int64(listContacts), "pages", "per_page")
	set(list, int64(10), "pages", "total_pages")
	set(list, map[string]any{"per_page": int64(listContacts), "starting_after": "WzE3MTcwMjE0MjQwMDAsIjY2NTdhYWYwIl0="}, "pages", "next")

	conv, err := d.example("conversation", "/conversations/{id}", "get")
	if err != nil {
		return nil, err
	}
	part, err := d.instance("conversation_part")
	if err != nil {
		return nil, err
	}
	var parts []any
	for i := range conversationParts {
		parts = append(parts, varyPart(part, i))
	}
	set(conv, parts, "conversation_parts", "conversation_parts")
	set(conv, int64(conversationParts), "conversation_parts", "total_count")

	distinctList := clone(list)
	numbered := 0
	distinct(distinctList, "", &numbered)

	files := map[string][]byte{}
	for name, v := range map[string]any{"contact.json": contacts[0], "contact_list.json": list,
		"contact_list_distinct.json": distinctList, "conversation.json": conv} {
		b, err := marshal(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files[name] = b
	}
	return files, nil
}

// example is the 200 example of an operation laid over an instance of its schema.
func (d *doc) example(schema, path, method string) (any, error) {
	base, err := d.instance(schema)
	if err != nil {
		return nil, err
	}
	ex, err := d.responseExample(path, method)
	if err != nil {
		return nil, err
	}
	return merge(base, ex), nil
}

// keepStrings are the properties whose strings are constants or enum values, which a client may
// check: distinct leaves them as they are.
var keepStrings = map[string]bool{"type": true, "role": true}

// distinct makes every string in v different from every other, in place, by numbering it with
// *n: an email in its local part, a URL or path as a last segment, anything else as a suffix.
func distinct(v any, key string, n *int) any {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(t) {
			t[k] = distinct(t[k], k, n)
		}
	case []any:
		for i := range t {
			t[i] = distinct(t[i], key, n)
		}
	case string:
		if keepStrings[key] {
			return t
		}
		*n++
		num := strconv.Itoa(*n)
		switch {
		case strings.Contains(t, "@"):
			return "u" + num + "." + t
		case strings.HasPrefix(t, "http") || strings.HasPrefix(t, "/"):
			return strings.TrimSuffix(t, "/") + "/s" + num
		}
		return t + "-s" + num
	}
	return v
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// varyContact returns contact number i: its own id, email, name, external id and times.
func varyContact(contact any, i int) any {
	c := clone(contact)
	id := fmt.Sprintf("6657ab%018x", 0x2a0000+i)
	set(c, id, "id")
	set(c, "ext-"+strconv.Itoa(1000+i), "external_id")
	set(c, fmt.Sprintf("user%d@example.com", i), "email")
	set(c, fmt.Sprintf("Joe Bloggs %d", i), "name")
	set(c, fmt.Sprintf("+35387%07d", i), "phone")
	created := int64(1717021424 + 3600*i)
	for _, k := range []string{"created_at", "updated_at", "signed_up_at", "last_seen_at"} {
		set(c, created+int64(60*len(k)), k)
	}
	set(c, []any{map[string]any{"type": "tag", "id": strconv.Itoa(81 + i%4), "url": "/tags/" + strconv.Itoa(81+i%4)}}, "tags", "data")
	set(c, "/contacts/"+id+"/tags", "tags", "url")
	set(c, "/contacts/"+id+"/notes", "notes", "url")
	set(c, "/contacts/"+id+"/companies", "companies", "url")
	return c
}

// varyPart returns conversation part number i: its own id, times, author and a body of a few
// sentences that grows and shrinks along the conversation.
func varyPart(part any, i int) any {
	p := clone(part)
	set(p, strconv.Itoa(400000000+i), "id")
	kinds := []string{"comment", "note", "assignment", "comment", "open", "comment", "close"}
	set(p, kinds[i%len(kinds)], "part_type")
	var body bytes.Buffer
	body.WriteString("<p>")
	for s := range 1 + i%5 {
		fmt.Fprintf(&body, "Message %d, sentence %d: thanks for getting in touch, we are looking into it. ", i, s)
	}
	body.WriteString("</p>")
	set(p, body.String(), "body")
	at := int64(1717021463 + 90*i)
	set(p, at, "created_at")
	set(p, at+5, "updated_at")
	set(p, at+5, "notified_at")
	if i%2 == 1 {
		set(p, map[string]any{"type": "user", "id": "6657ab176abd0164c24b0d51", "name": "Joe Bloggs", "email": "joe@example.com"}, "author")
	} else {
		set(p, strconv.Itoa(991267000+i%3), "author", "id")
	}
	set(p, "ext-part-"+strconv.Itoa(i), "external_id")
	if kinds[i%len(kinds)] != "assignment" {
		set(p, nil, "assigned_to")
	}
	if i%10 != 9 {
		set(p, []any{}, "attachments")
	}
	return p
}

// countLists sets the total_count of every list object (type "list" with a data array) in a
// contact to the length of its data, which merging examples leaves at whatever they said.
func countLists(v any) {
	switch t := v.(type) {
	case map[string]any:
		if data, ok := t["data"].([]any); ok {
			if _, ok := t["total_count"].(int64); ok && t["type"] == "list" {
				t["total_count"] = int64(len(data))
			}
		}
		for _, x := range t {
			countLists(x)
		}
	case []any:
		for _, x := range t {
			countLists(x)
		}
	}
}

// marshal writes v as compact JSON, as the API answers, with a final newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

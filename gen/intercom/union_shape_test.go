package intercom

import (
	"slices"
	"testing"
)

// TestMatchShapeBelowTheTop: variants alike at the top are told apart by the properties their
// objects and arrays of objects declare, one level down; shapes that name none look at the top
// only.
func TestMatchShapeBelowTheTop(t *testing.T) {
	t.Parallel()
	tag := shape{required: []string{"companies", "name"}, props: []string{"companies", "companies[].company_id", "companies[].id", "name"}}
	untag := shape{required: []string{"companies", "name"}, props: []string{"companies", "companies[].company_id", "companies[].id", "companies[].untag", "name"}}
	users := shape{required: []string{"name", "users"}, props: []string{"name", "users", "users[].id"}}
	owner := shape{required: []string{"owner"}, props: []string{"owner", "owner.id", "owner.type"}}
	shapes := []shape{tag, untag, users, owner}
	for _, c := range []struct {
		body string
		want int
	}{
		{`{"name": "vip", "companies": [{"company_id": "acme"}]}`, 0},
		{`{"name": "vip", "companies": [{"company_id": "acme"}, {"id": "1", "untag": true}]}`, 1},
		{`{"name": "vip", "companies": [{"untag": true, "id": "1"}]}`, 1},
		{`{"name": "vip", "companies": []}`, 0},
		{`{"name": "vip", "users": [{"id": "1"}]}`, 2},
		{`{"owner": {"type": "admin", "id": "1"}}`, 3},
		{`{"name": "vip"}`, -1},
	} {
		if got := matchShape([]byte(c.body), shapes); got != c.want {
			t.Errorf("matchShape(%s) = %d, want %d", c.body, got, c.want)
		}
	}
	// Without a shape that looks below, an untagging body is the first that fits.
	flat := []shape{{required: tag.required, props: []string{"companies", "name"}}, {required: untag.required, props: []string{"companies", "name"}}}
	if got := matchShape([]byte(`{"name": "vip", "companies": [{"untag": true}]}`), flat); got != 0 {
		t.Errorf("matchShape with top-level shapes = %d, want 0", got)
	}
}

// TestObjectKeysDeep: the names one level below are those of objects and of the objects of
// arrays; scalars and arrays of scalars add none, nor does anything deeper.
func TestObjectKeysDeep(t *testing.T) {
	t.Parallel()
	got := objectKeys([]byte(`{"a": {"x": 1, "y": {"z": 2}}, "b": [{"p": 1}, 3, {"q": [{"r": 1}]}], "c": [1, 2], "d": "s"}`), true)
	want := []string{"a", "a.x", "a.y", "b", "b[].p", "b[].q", "c", "d"}
	if !slices.Equal(got, want) {
		t.Errorf("objectKeys deep = %q, want %q", got, want)
	}
	if got := objectKeys([]byte(`{"a": {"x": [}`), true); got != nil {
		t.Errorf("objectKeys of broken JSON = %q, want nil", got)
	}
}

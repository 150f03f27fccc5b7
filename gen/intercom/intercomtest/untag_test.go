package intercomtest

import (
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

// TestStateUntagCompany: POST /tags with companies whose items say "untag": true removes the
// tag. Tagging and untagging a company have the same properties at the top (name, companies), so
// the union tells them apart by the companies' own (untag), on the client and in the fake.
func TestStateUntagCompany(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(1))
	c := srv.Client()
	ctx := t.Context()
	acme, err := c.Companies.CreateOrUpdate(ctx, decodeInto[intercom.CreateOrUpdateCompanyRequest](t, `{"company_id": "acme", "name": "Acme"}`))
	if err != nil {
		t.Fatal(err)
	}
	tag := decodeInto[intercom.TagsCreateRequest](t, `{"name": "vip", "companies": [{"id": "`+acme.ID+`", "company_id": "acme"}]}`)
	if tag.TagCompanyRequest == nil {
		t.Fatalf("a tagging body decoded as %+v, want TagCompanyRequest", tag)
	}
	if _, err := c.Tags.Create(ctx, tag); err != nil {
		t.Fatal(err)
	}
	if tags := companyTags(t, c, acme.ID); len(tags) != 1 || tags[0] != "vip" {
		t.Fatalf("tags of the company = %q, want vip", tags)
	}
	untag := decodeInto[intercom.TagsCreateRequest](t, `{"name": "vip", "companies": [{"id": "`+acme.ID+`", "company_id": "acme", "untag": true}]}`)
	if untag.UntagCompanyRequest == nil {
		t.Fatalf("an untagging body decoded as %+v, want UntagCompanyRequest", untag)
	}
	if _, err := c.Tags.Create(ctx, untag); err != nil {
		t.Fatalf("untagging a company: %v", err)
	}
	if tags := companyTags(t, c, acme.ID); len(tags) != 0 {
		t.Errorf("after untagging, tags of the company = %q, want none", tags)
	}
}

// companyTags returns the names of the company's tags, as the client reads them.
func companyTags(t *testing.T, c *intercom.Client, id string) []string {
	t.Helper()
	company, err := c.Companies.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	if company.Tags != nil {
		for _, tag := range company.Tags.Tags {
			names = append(names, tag.Name)
		}
	}
	return names
}

package changes

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/versions"
)

// The copies of Intercom's descriptions CI keeps beside the repository, the committed reports of
// each step between versions, and what the reports are read with.
const (
	openAPIDir    = "../../../shared/intercom-openapi"
	reportsDir    = "../../spec/changes"
	manifest      = "../../" + overlay.ManifestFile
	webhooks      = "../../spec/webhooks.yaml"
	intercomPkg   = "github.com/gointercom/intercom/gen/intercom"
	sha29, sha210 = "f879783494d96e7d0e1e913d136f5f60b330f0a65db198ec34a51a058b0cd1c3", "a2fae4d652da"
)

// intercomSide is a version of Intercom's description as `make changes-reports` reads it: the
// copy beside the repository, with the overlays the manifest lists for the version.
func intercomSide(t *testing.T, version string) Side {
	t.Helper()
	path := versions.Path(openAPIDir, version)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%v: the copies of Intercom's descriptions must be in ../shared/intercom-openapi beside the repository (as in CI)", err)
	}
	m, err := overlay.ReadManifest(manifest)
	if err != nil {
		t.Fatal(err)
	}
	stack, err := m.Stack(version)
	if err != nil {
		t.Fatal(err)
	}
	label, err := filepath.Rel(filepath.Dir(openAPIDir), path)
	if err != nil {
		t.Fatal(err)
	}
	return Side{Label: filepath.ToSlash(label), Spec: path, Overlays: stack, Webhooks: webhooks}
}

// TestIntercomReports compares the real descriptions of each step whose report spec/changes
// holds (FROM-to-TO.md), as `make changes-reports` does: the committed report must be what the
// generator reports now. The steps with facts to check (checks) check them on the report's model.
func TestIntercomReports(t *testing.T) {
	checks := map[string]func(*testing.T, *Report){"2.9-to-2.10": check2_10}
	reports, err := filepath.Glob(filepath.Join(reportsDir, "*-to-*.md"))
	if err != nil {
		t.Fatal(err)
	}
	cache := &Cache{} // each version is the new side of one step and the old of the next
	for _, path := range reports {
		step := strings.TrimSuffix(filepath.Base(path), ".md")
		from, to, _ := strings.Cut(step, "-to-")
		delete(checks, step)
		t.Run(step, func(t *testing.T) {
			t.Parallel()
			r, err := Compare(t.Context(), Options{From: intercomSide(t, from), To: intercomSide(t, to), PkgPath: intercomPkg, Runtime: runtimeDir, Cache: cache})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, path, r)
			if r.From.Version != from || r.To.Version != to {
				t.Errorf("%s compares %s with %s", path, r.From.Version, r.To.Version)
			}
			if check := checks[step]; check != nil {
				check(t, r)
			}
		})
	}
	for step := range checks {
		t.Errorf("spec/changes has no report of %s", step)
	}
}

// check2_10 checks the key facts of the bump from 2.9 to 2.10 on the model of its report: it
// must name the breaking changes between the two versions.
func check2_10(t *testing.T, r *Report) {
	if r.From.Version != "2.9" || r.To.Version != "2.10" || r.From.SHA256 != sha29 || !strings.HasPrefix(r.To.SHA256, sha210) {
		t.Errorf("sides: %+v -> %+v", r.From, r.To)
	}
	if r.From.Operations != r.To.Operations-len(r.OperationsAdded)+len(r.OperationsRemoved) {
		t.Errorf("operations: %d -> %d, with %d added and %d removed", r.From.Operations, r.To.Operations, len(r.OperationsAdded), len(r.OperationsRemoved))
	}
	gos := func(list []Operation) (out []string) {
		for _, o := range list {
			out = append(out, o.Go+" "+o.HTTP)
		}
		slices.Sort(out)
		return out
	}
	if got, want := gos(r.OperationsAdded), []string{
		"Articles.Search GET /articles/search",
		"Conversations.ConvertToTicket POST /conversations/{id}/convert",
		"Tags.AttachToTicket POST /tickets/{ticket_id}/tags",
		"Tags.DetachFromTicket DELETE /tickets/{ticket_id}/tags/{id}",
		"Tickets.Search POST /tickets/search",
	}; !slices.Equal(got, want) {
		t.Errorf("operations added:\n%q\nwant\n%q", got, want)
	}
	if got, want := gos(r.OperationsRemoved), []string{
		"HelpCenter.CreateSection POST /help_center/sections",
		"HelpCenter.DeleteSection DELETE /help_center/sections/{id}",
		"HelpCenter.GetSection GET /help_center/sections/{id}",
		"HelpCenter.ListSections GET /help_center/sections",
		"HelpCenter.UpdateSection PUT /help_center/sections/{id}",
	}; !slices.Equal(got, want) {
		t.Errorf("operations removed:\n%q\nwant\n%q", got, want)
	}
	if len(r.OperationsChanged) != 1 || r.OperationsChanged[0].Go != "Tickets.Reply" ||
		!strings.Contains(strings.Join(r.OperationsChanged[0].Changes, ";"), "`*CreateTicketReplyRequest` → `*TicketsReplyRequest`") {
		t.Errorf("operations changed: %+v", r.OperationsChanged)
	}

	// The HTTP API, by oasdiff's rules: the help center sections are gone without deprecation,
	// the ticket reply takes a oneOf, ticket responses have new enum values; PUT
	// /conversations/{id} no longer documents custom_attributes.
	breaking := map[string]int{}
	for _, c := range r.HTTP.Breaking {
		breaking[c.Operation+" "+c.Rule]++
	}
	for _, want := range []string{
		"GET /help_center/sections api-path-removed-without-deprecation",
		"POST /help_center/sections api-path-removed-without-deprecation",
		"GET /help_center/sections/{id} api-path-removed-without-deprecation",
		"PUT /help_center/sections/{id} api-path-removed-without-deprecation",
		"DELETE /help_center/sections/{id} api-path-removed-without-deprecation",
		"POST /tickets/{id}/reply request-body-wrapped-in-one-of",
		"POST /tickets/{id}/reply response-property-enum-value-added",
		"GET /tickets/{id} response-property-enum-value-added",
	} {
		if breaking[want] == 0 {
			t.Errorf("the HTTP breaking changes lack %q", want)
		}
	}
	if len(r.HTTP.Breaking) != 12 {
		t.Errorf("%d breaking HTTP changes, want 12: %+v", len(r.HTTP.Breaking), r.HTTP.Breaking)
	}
	if len(r.HTTP.Warnings) != 1 || r.HTTP.Warnings[0].Operation != "PUT /conversations/{id}" || r.HTTP.Warnings[0].Rule != "request-property-removed" {
		t.Errorf("HTTP warnings: %+v", r.HTTP.Warnings)
	}

	// The Go API: what stops compiling for code that imports the client.
	for _, want := range []string{
		"(*HelpCenterService).ListSections: removed",
		"(*HelpCenterService).ListSectionsAll: removed",
		"Section: removed",
		"TicketNote: removed",
		"CreateTicketReplyRequest: removed",
		"(*TicketsService).Reply: changed from func(context.Context, string, *CreateTicketReplyRequest, ...Option) (*TicketNote, error) to func(context.Context, string, *TicketsReplyRequest, ...Option) (*TicketReply, error)",
		"UpdateConversationRequest.CustomAttributes: removed",
		"Collection.Type: removed",
		`APIVersion: value changed from "2.9" to "2.10"`,
	} {
		if !slices.Contains(r.Go.Incompatible, want) {
			t.Errorf("the Go incompatible changes lack %q", want)
		}
	}
	for _, want := range []string{"(*TicketsService).Search: added", "(*TicketsService).SearchAll: added", "Ticket.Category: added", "LinkedObjectList: added"} {
		if !slices.Contains(r.Go.Compatible, want) {
			t.Errorf("the Go compatible changes lack %q", want)
		}
	}

	// Models: the new ticket fields, the enum value oasdiff also reports. (UpdateTicketRequest's
	// open and snoozed_until are new in 2.10's description, but the overlays add them to 2.9,
	// whose request examples use them.)
	fields := map[string]string{}
	for _, f := range r.Fields {
		fields[f.Type+"."+f.Field] = f.Change
	}
	for key, change := range map[string]string{
		"Ticket.category": "added", "Ticket.open": "added", "Ticket.snoozed_until": "added", "UpdateTicketRequest.open": "",
		"UpdateConversationRequest.custom_attributes": "removed", "Collection.type": "removed",
	} {
		if fields[key] != change {
			t.Errorf("field %s: %q, want %q", key, fields[key], change)
		}
	}
	enums := map[string][]string{}
	for _, e := range r.Enums {
		enums[e.Type] = e.Added
	}
	if !slices.Equal(enums["TicketPartAuthorType"], []string{"user"}) || !slices.Equal(enums["IntercomVersion"], []string{"2.10"}) {
		t.Errorf("enums: %+v", r.Enums)
	}
}

package lower

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/naming"
)

// group places every type beside the resource (service) it belongs to, so that a resource's
// model, its requests and its options are in one file and a bump's changes to a resource are
// read in one place. The rule depends only on the description, never on the order of a walk:
//
//   - a type defined inside an operation (its options, an inline body or response) belongs to
//     the operation's service;
//   - a type defined inside a component belongs where the component does;
//   - a component that the operations of exactly one service reach belongs to that service
//     (CreateContactRequest to Contacts);
//   - a component several services reach belongs to the service its name names (Contact to
//     Contacts, TicketTypeAttribute to TicketTypes rather than Tickets: the longest match,
//     then the earliest);
//   - any other type is shared, in naming.ModelsFile("").
func (l *lowerer) group(api *ir.API) {
	reached := map[string][]string{} // type -> the services reaching it, in order
	for _, s := range api.Services {
		enter := func(t *ir.Type) bool {
			if n := len(reached[t.Name]); n > 0 && reached[t.Name][n-1] == s.Name {
				return false
			}
			reached[t.Name] = append(reached[t.Name], s.Name)
			return true
		}
		for _, o := range s.Operations {
			if o.Query != nil {
				reach(l.types, ir.Ref{Kind: ir.Named, Name: o.Query.Name}, true, enter)
			}
			if o.Body != nil {
				reach(l.types, o.Body.Type, true, enter)
			}
			if o.Result != nil {
				reach(l.types, *o.Result, true, enter)
			}
		}
	}
	byPointer := map[string]*ir.Type{}
	for _, t := range api.Types {
		byPointer[t.Pointer] = t
	}
	components := map[string]string{} // component pointer -> resource
	resource := func(t *ir.Type) string {
		for _, s := range api.Services {
			for _, o := range s.Operations {
				if t.Pointer == o.Pointer || strings.HasPrefix(t.Pointer, o.Pointer+"/") {
					return s.Name
				}
			}
		}
		rest, ok := strings.CutPrefix(t.Pointer, componentsPrefix)
		if !ok {
			return ""
		}
		key, _, _ := strings.Cut(rest, "/")
		top := componentsPrefix + key
		if r, ok := components[top]; ok {
			return r
		}
		r := ""
		if c := byPointer[top]; c != nil {
			r = componentResource(c.Name, reached[c.Name], api.Services)
		}
		components[top] = r
		return r
	}
	files := map[string]string{} // file -> the resource or service written there
	claim := func(file, owner, ptr string) {
		if prev, ok := files[file]; ok && prev != owner {
			l.problem(ptr, "", "the file %s would hold both %s and %s; set x-go-service in the overlay to tell them apart", file, prev, owner)
			return
		}
		files[file] = owner
	}
	for _, s := range api.Services {
		claim(s.File, "the methods of "+s.Name, s.Operations[0].Pointer)
	}
	for _, t := range api.Types {
		r := resource(t)
		t.Group = ir.Group{Resource: r, File: naming.ModelsFile(r)}
		claim(t.Group.File, "the types of "+cmp.Or(r, "several resources"), t.Pointer)
	}
}

// componentResource is the resource of a component called name that the services in reached
// reach (see group).
func componentResource(name string, reached []string, services []*ir.Service) string {
	if len(reached) == 1 {
		return reached[0]
	}
	words := singular(naming.Words(name))
	best, bestLen, bestAt := "", 0, 0
	for _, s := range services {
		noun := singular(naming.Words(s.Name))
		for at := 0; at+len(noun) <= len(words); at++ {
			if len(noun) == 0 || !slices.Equal(words[at:at+len(noun)], noun) {
				continue
			}
			if len(noun) > bestLen || (len(noun) == bestLen && at < bestAt) {
				best, bestLen, bestAt = s.Name, len(noun), at
			}
			break
		}
	}
	return best
}

func singular(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = naming.Singular(w)
	}
	return out
}

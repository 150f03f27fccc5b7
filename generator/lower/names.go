package lower

import (
	"fmt"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/naming"
)

// iterators names the page and item iterators of each paged operation (naming.PagesMethod,
// naming.AllMethod) and registers them among their service's methods: an operation named ListAll
// beside a paged List is reported here, at the operation, rather than by the compiler.
func (l *lowerer) iterators(api *ir.API) {
	for _, s := range api.Services {
		methods := map[string]string{} // method -> what makes it
		for _, o := range s.Operations {
			methods[o.Name] = fmt.Sprintf("%s %s", o.Method, o.Path)
		}
		for _, o := range s.Operations {
			if o.Paging == nil {
				continue
			}
			where := fmt.Sprintf("%s %s (%s.%s)", o.Method, o.Path, s.Name, o.Name)
			pages, all := naming.PagesMethod(o.Name), naming.AllMethod(o.Name)
			clash := false
			for _, m := range []string{pages, all} {
				if prev, ok := methods[m]; ok {
					l.problem(o.Pointer, where, "the iterator %s.%s of this paged operation is also made by %s; set x-go-name in the overlay to tell them apart", s.Name, m, prev)
					clash = true
					continue
				}
				methods[m] = "the iterators of " + where
			}
			if !clash {
				o.Paging.Pages, o.Paging.All, o.Paging.Send = pages, all, naming.SendMethod(o.Name)
			}
		}
	}
}

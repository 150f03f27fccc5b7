package naming

import "strings"

// The names composed from other names: every Go identifier and file name the generator makes by
// adding to a name of the description is made here, so that lower can register each one and
// report a clash (an operation named ListAll beside a paged List) with its location, instead
// of generating code that does not compile.

// GoSuffix ends the name of every Go file the generator owns.
const GoSuffix = "_gen.go"

// ServiceType is the Go type of a service's client ("Contacts" -> ContactsService).
func ServiceType(service string) string { return service + "Service" }

// OptionsType is the struct of an operation's query parameters (ContactsListOptions).
func OptionsType(service, method string) string { return service + method + "Options" }

// RequestType is the type of an operation's inline request body (ContactsCreateRequest).
func RequestType(service, method string) string { return service + method + "Request" }

// ResponseType is the type of an operation's inline response body (ContactsListResponse).
func ResponseType(service, method string) string { return service + method + "Response" }

// PagesMethod is the iterator over the pages of a paged operation's method (ListPages).
func PagesMethod(method string) string { return method + "Pages" }

// AllMethod is the iterator over the items of a paged operation's method (ListAll).
func AllMethod(method string) string { return method + "All" }

// RegionConst is the Region constant of a server ("EU" -> RegionEU).
func RegionConst(server string) string { return "Region" + server }

// ServiceFile is the file of a service's methods (service_help_center_gen.go).
func ServiceFile(service string) string { return "service_" + Snake(service) + GoSuffix }

// ModelsFile is the file of the types of a resource (models_contacts_gen.go); the types several
// resources share are in models_gen.go.
func ModelsFile(resource string) string {
	if resource == "" {
		return "models" + GoSuffix
	}
	return "models_" + Snake(resource) + GoSuffix
}

// Snake writes a Go identifier in snake case for a file name ("HelpCenter" -> help_center,
// "SLAPolicy" -> sla_policy).
func Snake(s string) string {
	var words []string
	for _, w := range Words(s) {
		words = append(words, strings.ToLower(w))
	}
	return strings.Join(words, "_")
}

// SendMethod is the unexported method that sends a paged operation's request without its checks
// (sendList): the iterators check the request once, not on every page.
func SendMethod(method string) string { return "send" + method }

// FindByMethod is the method finding the one item whose field has a value (FindByExternalID).
func FindByMethod(field string) string { return "FindBy" + Exported(field) }

// UpsertMethod is the method creating an item or updating the one its request identifies.
const UpsertMethod = "Upsert"

// Package naming turns the words of an OpenAPI description into idiomatic Go identifiers. Every
// naming rule of the generator lives here, so a name changes only when its source changes.
package naming

import (
	"strings"
	"unicode"
)

// initialisms are written in upper case in Go names (Effective Go, golint's list plus the API's).
var initialisms = map[string]bool{
	"acl": true, "api": true, "ascii": true, "cpu": true, "css": true, "dns": true, "eof": true,
	"guid": true, "html": true, "http": true, "https": true, "id": true, "ip": true, "json": true,
	"lhs": true, "qps": true, "ram": true, "rhs": true, "rpc": true, "sla": true, "smtp": true,
	"sql": true, "ssh": true, "sso": true, "tcp": true, "tls": true, "ttl": true, "udp": true,
	"ui": true, "uid": true, "uri": true, "url": true, "utf8": true, "uuid": true, "vm": true,
	"xml": true, "xmpp": true, "xsrf": true, "xss": true, "ids": false,
}

// Words splits s into lower-case words at any character that is not a letter or digit and at
// camelCase boundaries ("listAllCollections" -> list all collections, "HTMLBody" -> html body).
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r):
			// A new word starts at an upper-case letter after a lower-case one or a digit, or at
			// the last capital of an acronym followed by lower case ("HTMLBody").
			if len(cur) > 0 {
				prev := rs[i-1]
				next := rune(0)
				if i+1 < len(rs) {
					next = rs[i+1]
				}
				if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && unicode.IsLower(next)) {
					flush()
				}
			}
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// Word renders one lower-case word as it appears inside a Go identifier.
func Word(w string) string {
	if initialisms[w] {
		return strings.ToUpper(w)
	}
	if w == "ids" {
		return "IDs"
	}
	r := []rune(w)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// Join renders words as an exported identifier. Adjacent numbers are kept apart by an
// underscore ("2.9" -> 2_9) so that different values cannot collapse into one name.
func Join(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 && isDigit(words[i-1][len(words[i-1])-1]) && isDigit(w[0]) {
			b.WriteByte('_')
		}
		b.WriteString(Word(w))
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Exported returns the exported Go identifier for s ("intercom_user_id" -> IntercomUserID).
func Exported(s string) string {
	return Join(Words(s))
}

// Unexported returns s as an unexported identifier, safe from Go's keywords
// ("contact_id" -> contactID, "type" -> type_).
func Unexported(s string) string {
	ws := Words(s)
	if len(ws) == 0 {
		return ""
	}
	first := ws[0]
	if initialisms[first] {
		first = strings.ToLower(first)
	}
	name := first + Join(ws[1:])
	if isKeyword(name) || isPredeclared(name) {
		name += "_"
	}
	return name
}

// IsIdentifier reports whether s is a valid exported Go identifier.
func IsIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(unicode.IsLetter(r) || r == '_' || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return unicode.IsUpper([]rune(s)[0])
}

func isKeyword(s string) bool {
	switch s {
	case "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
		"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
		"return", "select", "struct", "switch", "type", "var":
		return true
	}
	return false
}

// isPredeclared covers the names generated code uses as identifiers of its own.
func isPredeclared(s string) bool {
	switch s {
	case "ctx", "opts", "req", "out", "err", "url", "string", "int", "bool", "error", "any", "len", "new":
		return true
	}
	return false
}

// Singular returns the singular of an English plural noun, for the words the API uses.
func Singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 3:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), w == "news":
		return w
	case strings.HasSuffix(w, "s") && len(w) > 1:
		return w[:len(w)-1]
	}
	return w
}

// verbs maps the verbs of operationIds to the verb a Go client uses for them.
var verbs = map[string]string{
	"retrieve": "get", "show": "get", "find": "get", "fetch": "get", "get": "get",
}

// fillers are dropped from method names: they carry no meaning once the service is known.
var fillers = map[string]bool{"a": true, "an": true, "the": true, "all": true}

// trailing prepositions are dropped when the noun they introduced was the service's own.
var prepositions = map[string]bool{"for": true, "to": true, "from": true, "of": true, "on": true, "in": true, "by": true, "with": true}

// Method derives a method name from an operationId and the service the method belongs to:
// the service's own noun is dropped ("listContacts" on Contacts -> List), and so are articles
// and "all" ("listAllCollections" on HelpCenter -> ListCollections), and the verb is normalised
// ("retrieveAdmin" -> Get).
func Method(operationID, service string) string {
	ws := Words(operationID)
	if len(ws) == 0 {
		return ""
	}
	if v, ok := verbs[ws[0]]; ok {
		ws[0] = v
	}
	noun := Words(service)
	var out []string
	for i := 0; i < len(ws); i++ {
		if i > 0 && matchesNoun(ws[i:], noun) {
			i += len(noun) - 1
			// a preposition left dangling before the dropped noun goes too
			if n := len(out); n > 1 && prepositions[out[n-1]] {
				out = out[:n-1]
			}
			continue
		}
		if i > 0 && fillers[ws[i]] {
			continue
		}
		out = append(out, ws[i])
	}
	if n := len(out); n > 1 && prepositions[out[n-1]] {
		out = out[:n-1]
	}
	return Join(out)
}

// matchesNoun reports whether ws starts with the service noun, in singular or plural.
func matchesNoun(ws, noun []string) bool {
	if len(noun) == 0 || len(ws) < len(noun) {
		return false
	}
	for i, n := range noun {
		if Singular(ws[i]) != Singular(n) {
			return false
		}
	}
	return true
}

// Reserved returns the exported identifiers the hand-written runtime of the client declares,
// which generated names must not take. A test keeps the list equal to the runtime's.
func Reserved() []string {
	return []string{
		"APIError", "APIVersion", "AmbiguousError", "And", "AttributeError", "Bool", "Client",
		"ClockOffset", "CustomAttribute", "CustomAttributes", "DecodeError", "DecodeIssue",
		"DecodeIssues", "DecodeNotification", "DefaultAttemptTimeout", "DefaultMaxResponseSize",
		"DefaultMaxRetries", "DefaultMaxRetryWait", "DefaultWebhookMaxBytes", "ErrAttributeKind",
		"ErrAttributeMissing", "ErrBadRequest", "ErrConflict", "ErrForbidden",
		"ErrMalformedNotification", "ErrNoResult", "ErrNoWebhookSecret", "ErrNotFound", "ErrRateLimited",
		"ErrRedirect", "ErrResponseTooLarge", "ErrServer", "ErrSignatureMalformed",
		"ErrSignatureMismatch", "ErrSignatureMissing", "ErrUnauthorized", "ErrUnprocessable",
		"ErrorDetail", "EventMetadata", "Field", "Filter", "FilterField", "Float64", "HandlerPanicError",
		"Int64", "Middleware", "MiddlewareNext", "Money", "NewClient", "NewPacer", "NewWebhookRouter",
		"NotFoundError", "Notification", "Null", "Observation", "Opt", "Option", "Or", "Pacer",
		"PaginationError", "RateLimit", "RateLimiter", "RedactHeader", "Region", "Response", "RichLink",
		"ScrollError", "SearchBoolean", "SearchDate", "SearchFieldType", "SearchInteger", "SearchString",
		"SignatureHeader", "Some", "String", "Time", "Timestamp", "TimestampOf", "TokenEnv", "Topic",
		"ValidateSearch", "ValidationError", "VerifySignature", "WebhookOption", "WebhookRouter",
		"WithAttemptTimeout", "WithBaseURL", "WithHTTPClient", "WithHeader", "WithLogger",
		"WithMaxResponseSize", "WithMaxRetries", "WithMaxRetryWait", "WithMiddleware", "WithRateLimiter",
		"WithRegion", "WithResponse", "WithTimeout", "WithToken", "WithUserAgent", "WithVersion",
		"WithWebhookErrorHandler", "WithWebhookMaxBytes",
	}
}

// SearchFieldType names the Go type of the field names a search operation of service takes
// ("Contacts" -> ContactField).
func SearchFieldType(service string) string {
	return Singular(service) + "Field"
}

// SearchFieldConst names the constant of one field of a search operation ("ContactField",
// "location.country" -> ContactFieldLocationCountry).
func SearchFieldConst(typ, field string) string {
	return typ + Exported(field)
}

package naming

import "testing"

func TestExported(t *testing.T) {
	for in, want := range map[string]string{
		"intercom_user_id":   "IntercomUserID",
		"id_code":            "IDCode",
		"admin_with_app":     "AdminWithApp",
		"conversation.list":  "ConversationList",
		"2.9":                "2_9",
		"HTMLBody":           "HTMLBody",
		"listAllCollections": "ListAllCollections",
		"external_ids":       "ExternalIDs",
		"Help Center":        "HelpCenter",
		"url":                "URL",
		"sla_applied":        "SLAApplied",
	} {
		if got := Exported(in); got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnexported(t *testing.T) {
	for in, want := range map[string]string{
		"contact_id": "contactID", "id": "id", "type": "type_", "job_identifier": "jobIdentifier", "url": "url_",
	} {
		if got := Unexported(in); got != want {
			t.Errorf("Unexported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMethod(t *testing.T) {
	for _, c := range []struct{ id, service, want string }{
		{"listContacts", "Contacts", "List"},
		{"ShowContact", "Contacts", "Get"},
		{"retrieveAdmin", "Admins", "Get"},
		{"listAllCollections", "Help Center", "ListCollections"},
		{"retrieveHelpCenter", "Help Center", "Get"},
		{"listHelpCenters", "Help Center", "List"},
		{"listCompaniesForAContact", "Contacts", "ListCompanies"},
		{"attachContactToACompany", "Companies", "AttachContact"},
		{"attachTagToContact", "Tags", "AttachToContact"},
		{"createOrUpdateCompany", "Companies", "CreateOrUpdate"},
		{"listNewsItems", "News", "ListItems"},
		{"setAwayAdmin", "Admins", "SetAway"},
		{"ListAttachedSegmentsForCompanies", "Companies", "ListAttachedSegments"},
	} {
		if got := Method(c.id, c.service); got != c.want {
			t.Errorf("Method(%q, %q) = %q, want %q", c.id, c.service, got, c.want)
		}
	}
}

func TestIsIdentifier(t *testing.T) {
	for s, want := range map[string]bool{"Contact": true, "": false, "2x": false, "a-b": false, "lower": false, "X_1": true} {
		if got := IsIdentifier(s); got != want {
			t.Errorf("IsIdentifier(%q) = %v", s, got)
		}
	}
}

package intercom_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gointercom/intercom/gen/intercom"
)

// Custom attributes keep every value exactly as the API sent it, and build requests.
func ExampleCustomAttributes() {
	body := []byte(`{"type":"company","id":"c1","custom_attributes":{"seats":12,"mrr":99.5,"enterprise":true,
		"big":12345678901234567890},"brand_new_property":{"x":1}}`)
	var company intercom.Company
	if err := json.Unmarshal(body, &company); err != nil {
		panic(err)
	}
	attrs := company.CustomAttributes
	seats, _ := attrs.Int64("seats")
	mrr, _ := attrs.Float64("mrr")
	big, _ := attrs.Number("big")
	_, err := attrs.String("plan")
	fmt.Println(seats, mrr, big, errors.Is(err, intercom.ErrAttributeMissing))
	_, err = attrs.String("seats")
	fmt.Println(err)
	fmt.Println(string(company.ExtraFields()["brand_new_property"]))

	var req intercom.CreateOrUpdateCompanyRequest
	req.CompanyID = intercom.Some("acme")
	req.CustomAttributes.SetInt64("seats", 13)
	req.CustomAttributes.SetNull("trial_ends_at")
	out, _ := json.Marshal(req)
	fmt.Println(string(out))
	// Output:
	// 12 99.5 12345678901234567890 true
	// intercom: attribute "seats" is 12, not a string
	// {"x":1}
	// {"company_id":"acme","custom_attributes":{"seats":13,"trial_ends_at":null}}
}

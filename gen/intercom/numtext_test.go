package intercom

import (
	"encoding/json"
	"testing"
)

// TestStringFieldTakesANumber: a number where the description says string (an id the API sends
// as a number) is kept as the text it was sent as, with no issue, and encodes back as that
// string; what is neither a string nor a number is still an issue.
func TestStringFieldTakesANumber(t *testing.T) {
	t.Parallel()
	var c Contact
	data := `{"type":"contact","id":6657,"name":-1.50e3,"email":true}`
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "6657" || c.Name != "-1.50e3" {
		t.Errorf("id %q, name %q; want the numbers' text", c.ID, c.Name)
	}
	issues := DecodeIssues(&c)
	if len(issues) != 1 || issues[0].Path != "email" || string(issues[0].Raw) != "true" {
		t.Errorf("issues %v, want email only", issues)
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(out, &back); err != nil || back.ID != "6657" {
		t.Errorf("encoded id %q (%v), want \"6657\"", back.ID, err)
	}
	// A broken number is a syntax error, as encoding/json's.
	if err := json.Unmarshal([]byte(`{"id":12a}`), &c); err == nil {
		t.Error("a broken number decoded without error")
	}
}

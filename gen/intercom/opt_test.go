package intercom

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"
)

type optHolder struct {
	Name  Opt[string] `json:"name,omitzero"`
	Count Opt[int64]  `json:"count,omitzero"`
	Flag  Opt[bool]   `json:"flag,omitzero"`
}

func TestOptMarshal(t *testing.T) {
	tests := []struct {
		name string
		in   optHolder
		want string
	}{
		{"all absent", optHolder{}, `{}`},
		{"null", optHolder{Name: Null[string]()}, `{"name":null}`},
		{"values", optHolder{Name: Some("Ann"), Count: Some(int64(3)), Flag: Some(true)}, `{"name":"Ann","count":3,"flag":true}`},
		{"zero values are sent", optHolder{Name: Some(""), Count: Some(int64(0)), Flag: Some(false)}, `{"name":"","count":0,"flag":false}`},
		{"mixed", optHolder{Count: Null[int64](), Flag: Some(false)}, `{"count":null,"flag":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOptUnmarshal(t *testing.T) {
	var h optHolder
	if err := json.Unmarshal([]byte(`{"name":null,"count":7}`), &h); err != nil {
		t.Fatal(err)
	}
	if !h.Name.IsNull() || h.Name.IsZero() {
		t.Errorf("name: IsNull=%v IsZero=%v, want null", h.Name.IsNull(), h.Name.IsZero())
	}
	if v, ok := h.Name.Get(); ok || v != "" {
		t.Errorf("name.Get() = %q, %v; want \"\", false", v, ok)
	}
	if v, ok := h.Count.Get(); !ok || v != 7 {
		t.Errorf("count.Get() = %d, %v; want 7, true", v, ok)
	}
	if h.Count.IsNull() || h.Count.IsZero() {
		t.Errorf("count: IsNull=%v IsZero=%v, want a value", h.Count.IsNull(), h.Count.IsZero())
	}
	if !h.Flag.IsZero() || h.Flag.IsNull() {
		t.Errorf("flag: IsZero=%v IsNull=%v, want absent", h.Flag.IsZero(), h.Flag.IsNull())
	}
	// Round trip: null stays null, absent stays absent.
	again, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != `{"name":null,"count":7}` {
		t.Errorf("round trip = %s", again)
	}

	var bad optHolder
	if err := json.Unmarshal([]byte(`{"count":"seven"}`), &bad); err == nil {
		t.Error("a string into Opt[int64]: no error")
	}
}

func TestOptGetOr(t *testing.T) {
	if got := Some(5).Or(9); got != 5 {
		t.Errorf("Some(5).Or(9) = %d", got)
	}
	if got := Null[int]().Or(9); got != 9 {
		t.Errorf("Null().Or(9) = %d", got)
	}
	var absent Opt[int]
	if got := absent.Or(9); got != 9 {
		t.Errorf("absent.Or(9) = %d", got)
	}
	if _, ok := absent.Get(); ok {
		t.Error("absent.Get() reports a value")
	}
	if v, ok := Some("x").Get(); !ok || v != "x" {
		t.Errorf(`Some("x").Get() = %q, %v`, v, ok)
	}
	// An absent Opt marshalled on its own (not through omitzero) is null, never a zero value.
	if b, _ := json.Marshal(absent); string(b) != "null" {
		t.Errorf("absent marshals to %s, want null", b)
	}
}

func TestOptConstructors(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 1, 2, 3, 4, 5, 600, time.UTC)
	got := []any{String("Ann"), Int64(50), Float64(1.5), Bool(false), Time(at)}
	want := []any{Some("Ann"), Some(int64(50)), Some(1.5), Some(false), Some(Timestamp(1735787045))}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestOptFormat(t *testing.T) {
	t.Parallel()
	type holder struct {
		Name Opt[string]
		At   Opt[Timestamp]
		N    Opt[int64]
	}
	h := holder{Name: String("Ann"), At: Some(Timestamp(1735787045)), N: Null[int64]()}
	tests := []struct {
		format string
		arg    any
		want   string
	}{
		{"%v", h, "{Ann 2025-01-02T03:04:05Z null}"},
		{"%+v", holder{}, "{Name:<absent> At:<absent> N:<absent>}"},
		{"%q", String("Ann"), `"Ann"`},
		{"%5d", Int64(42), "   42"},
		{"%-6v|", Bool(true), "true  |"},
		{"%x", Int64(255), "ff"},
		{"%#v", String("Ann"), `intercom.Some[string]("Ann")`},
		{"%#v", Null[int64](), "intercom.Null[int64]()"},
		{"%#v", Opt[Timestamp]{}, "intercom.Opt[intercom.Timestamp]{}"},
		{"%s", Int64(7).String() + "," + Null[bool]().String() + "," + Opt[string]{}.String(), "7,null,<absent>"},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf(tt.format, tt.arg); got != tt.want {
			t.Errorf("Sprintf(%q, %#v) = %q, want %q", tt.format, tt.arg, got, tt.want)
		}
	}
}

package intercom

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTimestampUnmarshal(t *testing.T) {
	tests := []struct {
		in      string
		want    Timestamp
		wantErr bool
	}{
		{`1700000000`, 1700000000, false},
		{`0`, 0, false},
		{`-86400`, -86400, false},
		{`null`, 0, false},
		{`"1700000000"`, 1700000000, false},
		{`""`, 0, false},
		{`1700000000.75`, 1700000000, false},
		{`1.7e9`, 1700000000, false},
		{`"1700000000.5"`, 1700000000, false},
		{`"yesterday"`, 0, true},
		{`"2023-11-14T22:13:20Z"`, 1700000000, false}, // RFC 3339, as some webhook items carry
		{`"yesterday"`, 0, true},
		{`true`, 0, true},
		{`{}`, 0, true},
		{`[1]`, 0, true},
		{`"NaN"`, 0, true},
		{`"Inf"`, 0, true},
		{`1e300`, 0, true},
		{`-1e300`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got struct {
				At Timestamp `json:"at"`
			}
			err := json.Unmarshal([]byte(`{"at":`+tt.in+`}`), &got)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && got.At != tt.want {
				t.Errorf("got %d, want %d", got.At, tt.want)
			}
		})
	}
}

func TestTimestampNullKeepsZero(t *testing.T) {
	ts := Timestamp(0)
	if err := ts.UnmarshalJSON([]byte(" null ")); err != nil || ts != 0 {
		t.Errorf("null: %d, %v", ts, err)
	}
}

func TestTimestampTime(t *testing.T) {
	ts := Timestamp(1700000000)
	want := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)
	if got := ts.Time(); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Time() = %v, want %v in UTC", got, want)
	}
	if got := ts.String(); got != "2023-11-14T22:13:20Z" {
		t.Errorf("String() = %q", got)
	}
	if !Timestamp(0).Time().IsZero() {
		t.Error("Timestamp(0).Time() is not the zero time")
	}
	if got := Timestamp(0).String(); got != "never" {
		t.Errorf("Timestamp(0).String() = %q", got)
	}
}

func TestTimestampOfRoundTrip(t *testing.T) {
	at := time.Date(2024, 2, 29, 12, 30, 45, 987654321, time.FixedZone("CET", 3600))
	ts := TimestampOf(at)
	if int64(ts) != at.Unix() {
		t.Errorf("TimestampOf = %d, want %d", ts, at.Unix())
	}
	if got := ts.Time(); !got.Equal(at.Truncate(time.Second)) {
		t.Errorf("round trip = %v, want %v", got, at.Truncate(time.Second))
	}
	b, err := json.Marshal(ts)
	if err != nil || string(b) != "1709206245" {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var back Timestamp
	if err := json.Unmarshal(b, &back); err != nil || back != ts {
		t.Errorf("unmarshal = %d, %v; want %d", back, err, ts)
	}
}

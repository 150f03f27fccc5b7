package intercom

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"time"
)

// Timestamp is a point in time as Intercom sends it: whole seconds since the Unix epoch.
type Timestamp int64

// TimestampOf returns t as a Timestamp, dropping fractions of a second.
func TimestampOf(t time.Time) Timestamp { return Timestamp(t.Unix()) }

// Time returns ts as a time.Time in UTC; the zero Timestamp is the zero time.Time, since the API
// uses 0 (or leaves the field out) for "never".
func (ts Timestamp) Time() time.Time {
	if ts == 0 {
		return time.Time{}
	}
	return time.Unix(int64(ts), 0).UTC()
}

// String formats ts in RFC 3339.
func (ts Timestamp) String() string {
	if ts == 0 {
		return "never"
	}
	return ts.Time().Format(time.RFC3339)
}

// UnmarshalJSON accepts what Intercom sends for times: an integer, null (kept as zero), and
// also a number with a fraction, a quoted integer, or an RFC 3339 string, which some payloads
// (webhook items among them) carry. Anything else is a *json.UnmarshalTypeError, so that the
// struct holding it keeps the rest of its fields (see DecodeIssues).
func (ts *Timestamp) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	orig := data
	if len(data) > 1 && data[0] == '"' && data[len(data)-1] == '"' {
		data = data[1 : len(data)-1]
		if len(data) == 0 {
			*ts = 0
			return nil
		}
		if t, err := time.Parse(time.RFC3339, string(data)); err == nil {
			*ts = TimestampOf(t)
			return nil
		}
	}
	if n, err := strconv.ParseInt(string(data), 10, 64); err == nil {
		*ts = Timestamp(n)
		return nil
	}
	f, err := strconv.ParseFloat(string(data), 64)
	// ParseFloat also reads "NaN" and "Inf", and int64(f) is undefined out of range: refuse both.
	if err != nil || !(f >= math.MinInt64 && f < math.MaxInt64) {
		return &json.UnmarshalTypeError{Value: "timestamp " + string(orig), Type: reflect.TypeFor[Timestamp]()}
	}
	*ts = Timestamp(int64(f))
	return nil
}

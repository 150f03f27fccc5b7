package main

import (
	"slices"
	"testing"
)

func TestSymbolPackage(t *testing.T) {
	for sym, want := range map[string]string{
		"log/slog.(*Logger).Handler":                               "log/slog",
		"type:*log/slog.Logger":                                    "log/slog",
		"github.com/gointercom/intercom/gen/intercom.(*Client).do": "github.com/gointercom/intercom/gen/intercom",
		"encoding/json.checkValid":                                 "encoding/json",
		"runtime.mallocgc":                                         "runtime",
		"go:func.*":                                                "runtime data",
		"strings.Index":                                            "strings",
	} {
		if got := symbolPackage(sym); got != want {
			t.Errorf("symbolPackage(%q) = %q, want %q", sym, got, want)
		}
	}
}

func TestSizeDiff(t *testing.T) {
	a := map[string]int64{"log/slog": 40 * 1024, "strings": 26000, "x": 500, "net/mail": 0}
	b := map[string]int64{"strings": 23900, "net/mail": 2060}
	if got, want := sizeDiff(a, b, 3), []string{"log/slog +40 KB", "strings +2 KB"}; !slices.Equal(got, want) {
		t.Errorf("sizeDiff = %v, want %v", got, want)
	}
}

func TestTopFunctions(t *testing.T) {
	out := []byte(`File: decode.test
Showing nodes accounting for 2.40s, 91.60% of 2.62s total
      flat  flat%   sum%        cum   cum%
     0.79s 30.15% 30.15%      1.12s 42.75%  encoding/json.checkValid
     0.38s 14.50% 44.66%      0.72s 27.48%  encoding/json.(*decodeState).skip
     0.38s 14.50% 59.16%      0.38s 14.50%  encoding/json.stateInString
`)
	got := topFunctions(out, 2)
	want := []string{"encoding/json.checkValid 30.15%", "encoding/json.(*decodeState).skip 14.50%"}
	if !slices.Equal(got, want) {
		t.Errorf("topFunctions = %v, want %v", got, want)
	}
}

package tabular

import (
	"context"
	"strings"
	"testing"
)

// A message quotes at most 40 letters of a long header or cell, then "…"
// (text.Short): the exact messages.
func TestMessages_QuoteALongValueShort(t *testing.T) {
	long := strings.Repeat("Đông ", 12) // 60 letters
	_, err := ReadCSVTable([]byte("full_name,"+long+"\nAn,x\n"), Citizens, DefaultLimits)
	if want := ` line 1: tabular: unknown column: "Đông Đông Đông Đông Đông Đông Đông Đông …"`; err == nil || err.Error() != want {
		t.Errorf("long header: %v, want %s", err, want)
	}
	tb, err := ReadCSVTable([]byte("full_name,gender\nAn,"+long+"\n"), Citizens, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Preview(context.Background(), openStore(t), Citizens, tb.Rows, Options{Unit: unit, SkipBad: true})
	if err != nil || len(res.Problems) != 1 {
		t.Fatalf("preview: %v, %v", res.Problems, err)
	}
	if got, want := res.Problems[0].Err.Error(), `gender: "Đông Đông Đông Đông Đông Đông Đông Đông …": not one of the allowed values (nam|nu|khac)`; got != want {
		t.Errorf("long cell: %s, want %s", got, want)
	}
}

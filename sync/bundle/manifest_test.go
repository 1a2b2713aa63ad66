package bundle

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestParseManifest(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 1)
	good := string(g.manifest)
	sub := func(old, new string) []byte {
		if !strings.Contains(good, old) {
			t.Fatalf("manifest lacks %q", old)
		}
		return []byte(strings.Replace(good, old, new, 1))
	}
	rcpt := g.m.Recipients[0]
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"OK", []byte(good), nil},
		{"ErrTooLarge", []byte(good + strings.Repeat(" ", MaxManifestSize)), ErrTooLarge},
		{"ErrMalformed empty", nil, ErrMalformed},
		{"ErrMalformed array", []byte("[]"), ErrMalformed},
		{"ErrMalformed trailing newline", []byte(good + "\n"), ErrMalformed},
		{"ErrMalformed trailing object", []byte(good + "{}"), ErrMalformed},
		{"ErrMalformed indented", sub(`,"seq"`, `, "seq"`), ErrMalformed},
		{"ErrMalformed unknown member", sub(`{"format":"khb/1",`, `{"format":"khb/1","x":1,`), ErrMalformed},
		{"ErrMalformed duplicate member", sub(`"seq":1,`, `"seq":1,"seq":1,`), ErrMalformed},
		{"ErrMalformed null", sub(`"prev":""`, `"prev":null`), ErrMalformed},
		{"ErrMalformed members reordered", sub(`"seq":1,"prev":""`, `"prev":"","seq":1`), ErrMalformed},
		{"ErrMalformed seq as string", sub(`"seq":1,`, `"seq":"1",`), ErrMalformed},
		{"ErrMalformed seq as float", sub(`"seq":1,`, `"seq":1.0,`), ErrMalformed},
		{"ErrMalformed seq 0", sub(`"seq":1,`, `"seq":0,`), ErrMalformed},
		{"ErrMalformed prev with seq 1", sub(`"prev":""`, `"prev":"`+strings.Repeat("a", 64)+`"`), ErrMalformed},
		{"ErrMalformed no prev with seq 2", sub(`"seq":1,`, `"seq":2,`), ErrMalformed},
		{"ErrMalformed uppercase prev", sub(`"seq":1,"prev":""`, `"seq":2,"prev":"`+strings.Repeat("A", 64)+`"`), ErrMalformed},
		{"ErrMalformed clock min above max", sub(`"clock":{"min":1000,"max":1000}`, `"clock":{"min":1001,"max":1000}`), ErrMalformed},
		{"ErrMalformed negative count", sub(`"citizen":1`, `"citizen":-1`), ErrMalformed},
		{"ErrMalformed bad kind", sub(`"citizen":1`, `"Citizen":1`), ErrMalformed},
		{"ErrMalformed counts unsorted", sub(`"award":0,"citizen":1`, `"citizen":1,"award":0`), ErrMalformed},
		{"ErrMalformed no recipients", sub(`"recipients":["`+rcpt+`","`+g.m.Recipients[1]+`"]`, `"recipients":[]`), ErrMalformed},
		{"ErrMalformed duplicate recipient", sub(`"recipients":["`+rcpt+`"`, `"recipients":["`+rcpt+`","`+rcpt+`"`), ErrMalformed},
		{"ErrMalformed uppercase recipient", sub(rcpt, strings.ToUpper(rcpt)), ErrMalformed},
		{"ErrMalformed bad recipient", sub(rcpt, "age1xyz"), ErrMalformed},
		{"ErrMalformed bundle id v4", sub(g.m.BundleID[:15], g.m.BundleID[:14]+"4"), ErrMalformed},
		{"ErrMalformed bundle id uppercase", sub(g.m.BundleID, strings.ToUpper(g.m.BundleID)), ErrMalformed},
		{"ErrMalformed key id lowercase", sub(g.m.KeyID, strings.ToLower(g.m.KeyID)), ErrMalformed},
		{"ErrMalformed origin level", sub(`"level":"commune"`, `"level":"province"`), ErrMalformed},
		{"ErrMalformed origin site", sub(`"site":"`+g.m.Origin.Site, `"site":"`+strings.ToUpper(g.m.Origin.Site)), ErrMalformed},
		{"ErrMalformed to", sub(`"to":{"list":"2024","code":"001"}`, `"to":{"list":"2024","code":"1"}`), ErrMalformed},
		{"ErrMalformed created with offset", sub(`"created":"2025-07-01T08:00:00Z"`, `"created":"2025-07-01T15:00:00+07:00"`), ErrMalformed},
		{"ErrMalformed created with fraction", sub(`"created":"2025-07-01T08:00:00Z"`, `"created":"2025-07-01T08:00:00.5Z"`), ErrMalformed},
		{"ErrMalformed empty sources", sub(`"payload"`, `"sources":[],"payload"`), ErrMalformed},
		{"ErrMalformed payload size 0", sub(`"size":`+itoa(g.m.Payload.Size), `"size":0`), ErrMalformed},
		{"ErrMalformed format", sub(`"khb/1"`, `"khkey/1"`), ErrMalformed},
		{"ErrUnsupported khb/2", sub(`"khb/1"`, `"khb/2"`), ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseManifest(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseManifest: err = %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			if b, err := m.Marshal(); err != nil || string(b) != good {
				t.Errorf("Marshal = %s, %v; want the input", b, err)
			}
		})
	}
}

func TestManifest_Sources(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 1)
	m := g.m
	m.Sources = []Source{{Origin: Origin{Ref: m.Origin.Ref, Level: "commune", Site: "00000000000000ff"},
		Seq: 7, ManifestSHA256: ManifestHashHex(nil)}}
	b, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"sources":[{"origin":{"list":"2025","code":"00004","level":"commune","site":"00000000000000ff"},"seq":7,"manifest_sha256":"`) {
		t.Errorf("sources encoded as %s", b)
	}
	got, err := ParseManifest(b)
	if err != nil || len(got.Sources) != 1 || got.Sources[0] != m.Sources[0] {
		t.Errorf("ParseManifest = %+v, %v", got.Sources, err)
	}
	m.Sources[0].Seq = 0
	if _, err := m.Marshal(); !errors.Is(err, ErrInvalid) {
		t.Errorf("Marshal with a source of seq 0: err = %v, want ErrInvalid", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"sokhuyenhoc/data/msg"
)

// Every message the command line prints has a Vietnamese translation.
func TestMessagesAreTranslated(t *testing.T) {
	re := regexp.MustCompile(`(?:e\.say|e\.t|l\.e\.say|msg\.T\(e\.lang,|msg\.T\(lang,)\(?\s*("(?:[^"\\]|\\.)*")`)
	files, _ := filepath.Glob("*.go")
	seen := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			s, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			seen++
			if _, ok := msg.Catalog("vi")[s]; !ok {
				t.Errorf("%s: no Vietnamese for %q", f, s)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("found only %d messages: the pattern is broken", seen)
	}
}

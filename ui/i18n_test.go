package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"sokhuyenhoc/data/msg"
)

// sourceStrings lists every literal passed to T or N in the package.
func sourceStrings(t *testing.T) map[string]string {
	t.Helper()
	re := regexp.MustCompile(`\b[TN]\(\s*("(?:[^"\\]|\\.)*")`)
	files, _ := filepath.Glob("*.go")
	out := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			s, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			if s != "field " {
				out[s] = f
			}
		}
	}
	return out
}

func TestCatalogue_EveryStringHasVietnamese(t *testing.T) {
	vi := msg.Catalog("vi")
	for s, f := range sourceStrings(t) {
		if vi[s] == "" {
			t.Errorf("%s: %q has no Vietnamese translation", f, s)
		}
	}
}

func TestCatalogue_UIFilesHoldNoStaleStrings(t *testing.T) {
	used := sourceStrings(t)
	for _, l := range []string{"vi", "en"} {
		b, err := os.ReadFile("../assets/i18n/ui/" + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.json: %v", l, err)
		}
		for k := range m {
			if _, ok := used[k]; !ok && !fyneString(k) {
				t.Errorf("%s.json: %q is not used", l, k)
			}
		}
	}
}

// fyneString reports the strings Fyne's own widgets translate.
func fyneString(k string) bool {
	switch k {
	case "Yes", "No", "Open", "Save", "Copy", "Cut", "Paste", "Select all", "Undo", "Redo", "Confirm",
		"Create Folder", "New Folder", "Enter filename", "Favourites", "File", "Folder",
		"Show Hidden Files", "Quit", "Advanced":
		return true
	}
	return strings.HasSuffix(k, "day") || strings.HasSuffix(k, "day.short")
}

func TestSetLanguage_VietnameseWhateverTheSystemSays(t *testing.T) {
	for _, loc := range []string{"en_US.UTF-8", "fr_FR.UTF-8", "C", "vi_VN.UTF-8"} {
		t.Setenv("LANG", loc)
		t.Setenv("LANGUAGE", "")
		if err := SetLanguage("vi"); err != nil {
			t.Fatal(err)
		}
		if got := T("Learning citizens"); got != "Công dân học tập" {
			t.Errorf("LANG=%s: %q", loc, got)
		}
		if got := lang.L("Cancel"); got != "Hủy" {
			t.Errorf("LANG=%s: Fyne's Cancel is %q", loc, got)
		}
		if err := SetLanguage("en"); err != nil {
			t.Fatal(err)
		}
		if got := T("Learning citizens"); got != "Learning citizens" {
			t.Errorf("LANG=%s english: %q", loc, got)
		}
	}
	SetLanguage("vi")
}

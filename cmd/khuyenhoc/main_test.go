package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOnlyTheUIImportsFyne guards the direction of dependencies
// (docs/ARCHITECTURE.md): nothing but ui/ and cmd/khuyenhoc imports Fyne.
func TestOnlyTheUIImportsFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}",
		"sokhuyenhoc/data/...", "sokhuyenhoc/sync/...", "sokhuyenhoc/assets/...", "sokhuyenhoc/cmd/khuyenhoc-cli/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "fyne.io/") || p == "sokhuyenhoc/ui" {
			t.Errorf("a package outside ui/ depends on %s", p)
		}
	}
}

func TestDefaultDBIsTheCLIs(t *testing.T) {
	if got := defaultDB(); !strings.HasSuffix(got, "khuyenhoc/khuyenhoc.db") && !strings.HasSuffix(got, `khuyenhoc\khuyenhoc.db`) {
		t.Errorf("default database %q", got)
	}
}

package data_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The direction of dependencies (docs/ARCHITECTURE.md): data knows nothing
// of sync or ui, sync nothing of ui, and nothing but ui and cmd/khuyenhoc
// imports Fyne. The command line stays free of cgo.
func TestLayering(t *testing.T) {
	for _, tc := range []struct {
		pkgs      string
		forbidden []string
	}{
		{"sokhuyenhoc/data/...", []string{"fyne.io/", "sokhuyenhoc/sync", "sokhuyenhoc/ui"}},
		{"sokhuyenhoc/sync/...", []string{"fyne.io/", "sokhuyenhoc/ui"}},
		{"sokhuyenhoc/assets", []string{"fyne.io/", "sokhuyenhoc/"}},
		{"sokhuyenhoc/cmd/khuyenhoc-cli", []string{"fyne.io/", "sokhuyenhoc/ui"}},
	} {
		out, err := exec.Command("go", "list", "-deps", tc.pkgs).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", tc.pkgs, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range tc.forbidden {
				if strings.HasPrefix(dep, f) && !(f == "sokhuyenhoc/" && dep == "sokhuyenhoc/assets") {
					t.Errorf("%s depends on %s", tc.pkgs, dep)
				}
			}
		}
	}
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if and .CgoFiles (not .Standard)}}{{.ImportPath}}{{end}}", "sokhuyenhoc/cmd/khuyenhoc-cli")
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.TrimSpace(string(out)); s != "" {
		t.Errorf("khuyenhoc-cli must build without cgo, but these use it: %s", s)
	}
}

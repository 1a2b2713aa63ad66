// Package docs holds the project's documents; its test checks that every
// relative link of every Markdown file of the repository resolves (make vet
// runs it), so a document moved or renamed leaves no dead link behind, and
// that no link leaves the repository (the project owns its specs).
package docs

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// links finds inline links and images, [text](target "title"), and
// reference definitions, [id]: target.
var links = regexp.MustCompile(`!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|(?m)^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)`)

// fence matches fenced code blocks, where brackets are not links.
var fence = regexp.MustCompile("(?s)```.*?```")

func TestRelativeLinksResolve(t *testing.T) {
	root := filepath.Join("..")
	out, err := exec.Command("git", "-C", root, "ls-files", "*.md", "**/*.md").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	files := strings.Fields(string(out))
	if len(files) < 5 {
		t.Fatalf("found only %v", files)
	}
	checked := 0
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		text := fence.ReplaceAllString(string(b), "")
		for _, m := range links.FindAllStringSubmatch(text, -1) {
			target := m[1] + m[2]
			if u, err := url.Parse(target); err != nil || u.Scheme != "" || strings.HasPrefix(target, "#") {
				continue // a web address, mail, or a place in this file
			}
			path, _, _ := strings.Cut(target, "#")
			path, _ = url.PathUnescape(path)
			inRepo := filepath.Join(filepath.Dir(f), filepath.FromSlash(path))
			full := filepath.Join(root, inRepo)
			if inRepo == ".." || strings.HasPrefix(inRepo, ".."+string(filepath.Separator)) {
				t.Errorf("%s: link %q leaves the repository: the project owns its documents", f, target)
			} else if _, err := os.Stat(full); err != nil {
				t.Errorf("%s: link %q does not resolve (%s)", f, target, full)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d relative links checked: the pattern is broken", checked)
	}
}

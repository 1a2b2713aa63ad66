// Package saidtest holds the source checks the programs' tests share about
// what they say: every Go file of a package walked once, every error kind
// linked with its sentences, and only the named functions wording errors.
// (Apart from msgtest, which data/msg's own tests import.)
package saidtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"sokhuyenhoc/data/msg"
)

// EachFile parses every Go file of the test's package folder but its tests
// and gives each to fn with the file set that places its nodes.
func EachFile(t *testing.T, fn func(fset *token.FileSet, f *ast.File)) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		fn(fset, f)
	}
}

// SentencesLinked fails for every kind of error linked into the program
// that has no sentence in one of the languages.
func SentencesLinked(t *testing.T) {
	t.Helper()
	for _, k := range msg.Keys() {
		for _, l := range msg.Languages {
			if msg.Catalog(l)[k] == "" {
				t.Errorf("%s has no sentence in %s: add it to assets/i18n/errors/%s.json", k, l, l)
			}
		}
	}
}

// OnlyTheseSayErrors fails for a function of the package, other than the
// ones named, that asks data/msg for an error's sentence (msg.Err,
// msg.Sentence): errors are shown through explain, which logs them.
func OnlyTheseSayErrors(t *testing.T, allowed ...string) {
	t.Helper()
	EachFile(t, func(fset *token.FileSet, file *ast.File) {
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || contains(allowed, fn.Name.Name) {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == "msg" && (sel.Sel.Name == "Err" || sel.Sel.Name == "Sentence") {
						t.Errorf("%s: %s calls msg.%s: show errors through explain, which logs them", fset.Position(sel.Pos()), fn.Name.Name, sel.Sel.Name)
					}
				}
				return true
			})
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

package main

import (
	"go/ast"
	"go/token"
	"sort"
	"strconv"
	"strings"
	"testing"

	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/msg/saidtest"
)

// sayers are the CLI's functions that print a sentence translated from its
// English source (e.say, and keyDone's format, which it says).
var sayers = map[string]bool{"say": true, "keyDone": true}

// TestSaid_EverySentenceHasVietnamese walks the CLI's code and names every
// English sentence it says that the Vietnamese catalogue lacks: an officer
// in Vietnamese mode would read it in English.
func TestSaid_EverySentenceHasVietnamese(t *testing.T) {
	vi := msg.Catalog("vi")
	var missing []string
	saidtest.EachFile(t, func(fset *token.FileSet, file *ast.File) {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !sayers[sel.Sel.Name] {
				return true
			}
			for _, a := range call.Args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				if vi[s] == "" {
					missing = append(missing, fset.Position(lit.Pos()).String()+": "+strconv.Quote(s))
				}
			}
			return true
		})
	})
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d sentence(s) said without Vietnamese (add them to assets/i18n/core/vi.json and en.json):\n%s",
			len(missing), strings.Join(missing, "\n"))
	}
}

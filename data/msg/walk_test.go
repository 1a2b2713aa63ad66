package msg

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The walk reads every Go file of the repository (not only the packages
// this test links), so that no package can be missed: a sentinel of a
// package nobody imports here still fails the test.

// sentinelDecl is an exported Err… variable of a package.
type sentinelDecl struct {
	pkg, name, at string // "sync/bundle", "ErrNotBundle", "sync/bundle/errors.go:29"
}

// registration is one entry of a msg.Sentinels call, or a key given to
// msg.Cause or msg.Library.
type registration struct {
	pkg, name, value, at string
}

type repoErrors struct {
	root     string
	decls    []sentinelDecl
	regs     []registration
	causes   map[string]string // key → where registered
	packages map[string]bool   // every package directory read
}

var errName = regexp.MustCompile(`^Err[A-Z0-9]`)

// moduleRoot is the folder of go.mod above the test's folder.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = up
	}
}

func readRepo(t *testing.T) *repoErrors {
	t.Helper()
	r := &repoErrors{root: moduleRoot(t), causes: map[string]string{}, packages: map[string]bool{}}
	fset := token.NewFileSet()
	err := filepath.WalkDir(r.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != r.root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(r.root, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		r.packages[pkg] = true
		r.read(fset, pkg, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *repoErrors) where(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	rel, _ := filepath.Rel(r.root, p.Filename)
	return fmt.Sprintf("%s:%d", filepath.ToSlash(rel), p.Line)
}

func (r *repoErrors) read(fset *token.FileSet, pkg string, f *ast.File) {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			for _, n := range s.(*ast.ValueSpec).Names {
				if n.IsExported() && errName.MatchString(n.Name) {
					r.decls = append(r.decls, sentinelDecl{pkg, n.Name, r.where(fset, n.Pos())})
				}
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		switch fn := registrar(call, pkg); fn {
		case "Sentinels", "Library":
			r.readMap(fset, fn, call)
		case "Cause":
			if len(call.Args) > 0 {
				if k, ok := stringLit(call.Args[0]); ok {
					r.causes[k] = r.where(fset, call.Pos())
				}
			}
		}
		return true
	})
}

// registrar names the msg function call calls: msg.Sentinels …, or
// Sentinels … inside data/msg itself.
func registrar(call *ast.CallExpr, pkg string) string {
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok && x.Name == "msg" {
			return fn.Sel.Name
		}
	case *ast.Ident:
		if pkg == "data/msg" {
			return fn.Name
		}
	}
	return ""
}

// readMap reads Sentinels("pkg", map[string]error{"ErrX": ErrX, …}) and
// Library("prefix", map[string]error{…}).
func (r *repoErrors) readMap(fset *token.FileSet, fn string, call *ast.CallExpr) {
	if len(call.Args) != 2 {
		return
	}
	pkg, ok := stringLit(call.Args[0])
	lit, ok2 := call.Args[1].(*ast.CompositeLit)
	if !ok || !ok2 {
		return
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		name, _ := stringLit(kv.Key)
		if fn == "Library" {
			r.causes[pkg+"."+name] = r.where(fset, kv.Pos())
			continue
		}
		value := ""
		switch v := kv.Value.(type) {
		case *ast.Ident:
			value = v.Name
		case *ast.SelectorExpr:
			value = v.Sel.Name
		}
		r.regs = append(r.regs, registration{pkg, name, value, r.where(fset, kv.Pos())})
	}
}

func stringLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// errorCatalogue reads assets/i18n/errors/<lang>.json.
func errorCatalogue(t *testing.T, root, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "assets", "i18n", "errors", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("assets/i18n/errors/%s.json: %v", lang, err)
	}
	return m
}

var languageNames = map[string]string{"vi": "Vietnamese", "en": "English"}

// TestEverySentinelOfTheRepository: every exported Err… of every package is
// registered by identity (errmsg.go) and has its sentence in both
// languages; every cause registered has both; the error catalogues hold
// nothing else. Each failure says what to add where.
func TestEverySentinelOfTheRepository(t *testing.T) {
	r := readRepo(t)
	if len(r.decls) < 100 || !r.packages["data/store"] || !r.packages["sync/bundle"] {
		t.Fatalf("the walk found %d sentinels in %d packages: it is broken", len(r.decls), len(r.packages))
	}
	regs := map[string]registration{}
	for _, g := range r.regs {
		regs[g.pkg+"."+g.name] = g
	}
	cats := map[string]map[string]string{}
	for _, l := range Languages {
		cats[l] = errorCatalogue(t, r.root, l)
	}
	known := map[string]bool{Unexpected: true}
	for _, d := range r.decls {
		key := d.pkg + "." + d.name
		known[key] = true
		g, ok := regs[key]
		switch {
		case !ok:
			t.Errorf("%s (%s) is not registered: add %q: %s, to the msg.Sentinels(%q, …) call in %s/errmsg.go "+
				"(a package without that file gets one like data/store/errmsg.go)", key, d.at, d.name, d.name, d.pkg, d.pkg)
		case g.value != d.name:
			t.Errorf("%s: %q is registered with the value %s (%s), not %s", key, d.name, g.value, g.at, d.name)
		}
		for _, l := range Languages {
			if cats[l][key] == "" {
				t.Errorf("%s (%s) has no %s sentence: add %q: \"…\" to assets/i18n/errors/%s.json",
					key, d.at, languageNames[l], key, l)
			}
		}
	}
	for key, g := range regs {
		if !known[key] {
			t.Errorf("%s registers %q, which is no exported Err… of %s", g.at, g.name, g.pkg)
		}
	}
	for key, at := range r.causes {
		known[key] = true
		for _, l := range Languages {
			if cats[l][key] == "" {
				t.Errorf("the cause %s (registered at %s) has no %s sentence: add %q: \"…\" to assets/i18n/errors/%s.json",
					key, at, languageNames[l], key, l)
			}
		}
	}
	for _, l := range Languages {
		var stale []string
		for k := range cats[l] {
			if !known[k] {
				stale = append(stale, k)
			}
		}
		sort.Strings(stale)
		for _, k := range stale {
			t.Errorf("assets/i18n/errors/%s.json: %q is no registered sentinel or cause: remove it, or rename it after its sentinel", l, k)
		}
	}
}

// TestKeysLinkedHaveSentences: what this package registers at run time
// (the system's causes, data's sentinels) has its sentences.
func TestKeysLinkedHaveSentences(t *testing.T) {
	for _, k := range Keys() {
		for _, l := range Languages {
			if Catalog(l)[k] == "" {
				t.Errorf("%s: no %s sentence", k, languageNames[l])
			}
		}
	}
}

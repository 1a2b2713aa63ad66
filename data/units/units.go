// Package units reads the official lists of Vietnamese administrative units
// embedded in assets/ and answers the questions the app asks of them: which
// unit is (list, code), which units lie below it, whether a commune is inside
// a district or province, and which units match what a person is typing.
//
// Two lists exist: "2024", in force until 30/6/2025 (province → district →
// commune), and "2025", from 1/7/2025 (province → commune; districts were
// abolished and most commune codes re-used). A code alone identifies nothing:
// a unit is (list, code).
package units

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"sokhuyenhoc/assets"
	"sokhuyenhoc/data/text"
)

// The two lists.
const (
	List2024 = "2024" // before 1/7/2025, with districts
	List2025 = "2025" // from 1/7/2025, no districts
)

// Levels of the hierarchy.
const (
	Province = "province"
	District = "district"
	Commune  = "commune"
)

// Errors of this package.
var (
	ErrUnknown   = errors.New("units: no such unit")
	ErrMalformed = errors.New("units: not list:code of a known list")
)

// Ref identifies a unit: the list it belongs to and its official code. It
// is the one unit reference of the application: records, keys, manifests
// and reports all carry it (in JSON as {"list": …, "code": …}).
type Ref struct {
	List string `json:"list"` // "2024" or "2025"
	Code string `json:"code"` // official code, e.g. "00004"
}

// String gives the stored form "2025:00004".
func (r Ref) String() string { return r.List + ":" + r.Code }

// Validate reports whether r could name a unit: a known list and a code of
// 2 (province), 3 (district, list 2024 only) or 5 (commune) ASCII digits.
// Whether the unit exists is the registry's question (Registry.Get).
func (r Ref) Validate() error {
	if r.List != List2024 && r.List != List2025 {
		return fmt.Errorf("%w: unit list %q is not 2024 or 2025", ErrMalformed, r.List)
	}
	if n := len(r.Code); n != 2 && n != 3 && n != 5 || !digits(r.Code) {
		return fmt.Errorf("%w: unit code %q is not 2, 3 or 5 digits", ErrMalformed, r.Code)
	}
	if len(r.Code) == 3 && r.List != List2024 {
		return fmt.Errorf("%w: district code %q only exists in list 2024", ErrMalformed, r.Code)
	}
	return nil
}

// ParseRef reads the stored form "list:code" and validates it.
func ParseRef(s string) (Ref, error) {
	l, c, ok := strings.Cut(s, ":")
	if !ok {
		return Ref{}, fmt.Errorf("%w: unit %q is not list:code", ErrMalformed, s)
	}
	r := Ref{List: l, Code: c}
	return r, r.Validate()
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Unit is one administrative unit.
type Unit struct {
	Ref
	Level    string // province, district or commune
	Parent   string // code of the unit above in the same list, "" for provinces
	Name     string // "Đông Hòa"
	FullName string // "Xã Đông Hòa"
	NameEN   string
	Type     string // xa, phuong, thi_tran, huyen, quan, tinh …
	fold     string
}

// Registry holds both lists.
type Registry struct {
	byRef    map[Ref]*Unit
	children map[Ref][]*Unit
	all      map[string][]*Unit // per list, in file order
}

var (
	once    sync.Once
	shared  *Registry
	loadErr error
)

// Default returns the registry read from the embedded lists. It panics if the
// embedded files are broken, which a test guards.
func Default() *Registry {
	once.Do(func() { shared, loadErr = Load() })
	if loadErr != nil {
		panic(loadErr)
	}
	return shared
}

// Load reads both embedded lists.
func Load() (*Registry, error) {
	r := &Registry{byRef: map[Ref]*Unit{}, children: map[Ref][]*Unit{}, all: map[string][]*Unit{}}
	for list, name := range map[string]string{List2024: assets.UnitsBefore2025, List2025: assets.UnitsFrom2025} {
		f, err := assets.FS.Open(name)
		if err != nil {
			return nil, err
		}
		err = r.read(list, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("units: %s: %w", name, err)
		}
	}
	for _, kids := range r.children {
		sort.SliceStable(kids, func(i, j int) bool { return kids[i].Code < kids[j].Code })
	}
	return r, nil
}

func (r *Registry) read(list string, f io.Reader) error {
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		return err
	}
	if strings.Join(head, ",") != "code,level,parent_code,name,full_name,name_en,unit_type" {
		return fmt.Errorf("unexpected header %q", head)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		u := &Unit{Ref: Ref{list, rec[0]}, Level: rec[1], Parent: rec[2], Name: rec[3],
			FullName: rec[4], NameEN: rec[5], Type: rec[6], fold: text.Fold(rec[4])}
		r.byRef[u.Ref] = u
		r.all[list] = append(r.all[list], u)
		if u.Parent != "" {
			p := Ref{list, u.Parent}
			r.children[p] = append(r.children[p], u)
		}
	}
}

// Get returns the unit (list, code).
func (r *Registry) Get(ref Ref) (*Unit, error) {
	u, ok := r.byRef[ref]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknown, ref)
	}
	return u, nil
}

// Children returns the units directly below ref, by code.
func (r *Registry) Children(ref Ref) []*Unit { return r.children[ref] }

// Parent returns the unit directly above, or nil for a province.
func (r *Registry) Parent(ref Ref) *Unit {
	u, ok := r.byRef[ref]
	if !ok || u.Parent == "" {
		return nil
	}
	return r.byRef[Ref{ref.List, u.Parent}]
}

// Within reports whether unit lies inside area (or is area itself).
func (r *Registry) Within(unit, area Ref) bool {
	for u := r.byRef[unit]; u != nil; u = r.Parent(u.Ref) {
		if u.Ref == area {
			return true
		}
	}
	return false
}

// ChildOf returns the unit directly below area on the way to unit, or nil
// when unit is not inside area. A province's report counts a commune in the
// district that holds it.
func (r *Registry) ChildOf(area, unit Ref) *Unit {
	for u := r.byRef[unit]; u != nil; u = r.Parent(u.Ref) {
		if u.Parent == area.Code && u.List == area.List {
			return u
		}
	}
	return nil
}

// Search returns up to max units of list at level (any level when "") whose
// full name contains every word of query, ignoring case and marks, or whose
// code starts with the query. Units whose own name matches come first, then
// units matched through the names above them, so "dong hung thai binh" finds
// the communes of Đông Hưng in Thái Bình.
func (r *Registry) Search(list, level, query string, max int) []*Unit {
	words := strings.Fields(text.Fold(query))
	q := strings.TrimSpace(query)
	var own, path []*Unit
	for _, u := range r.all[list] {
		if level != "" && u.Level != level {
			continue
		}
		switch {
		case q != "" && strings.HasPrefix(u.Code, q), containsAll(u.fold, words):
			own = append(own, u)
		case len(own) < max && containsAll(r.Path(u.Ref), words):
			path = append(path, u)
		}
		if len(own) == max {
			break
		}
	}
	out := append(own, path...)
	if len(out) > max {
		out = out[:max]
	}
	return out
}

func containsAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// Path returns the folded full names from the unit up to its province,
// for searching.
func (r *Registry) Path(ref Ref) string {
	var parts []string
	for u := r.byRef[ref]; u != nil; u = r.Parent(u.Ref) {
		parts = append(parts, u.fold)
	}
	return strings.Join(parts, " ")
}

// Label returns "Xã Đông Hòa, Huyện Đông Hưng, Tỉnh Thái Bình".
func (r *Registry) Label(ref Ref) string {
	var parts []string
	for u := r.byRef[ref]; u != nil; u = r.Parent(u.Ref) {
		parts = append(parts, u.FullName)
	}
	if len(parts) == 0 {
		return ref.String()
	}
	return strings.Join(parts, ", ")
}

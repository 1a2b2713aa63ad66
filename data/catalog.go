package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"sokhuyenhoc/assets"
)

// Catalog holds the criteria sets an installation knows, by model and
// version, and the version of each model in use for new assessments. The
// sets that ship (assets/criteria) are always in it; a unit adds its own
// (store.InstallCriteria) and chooses which is in use.
type Catalog struct {
	sets    map[string]*CriteriaSet // by Key()
	current map[string]string       // model → version in use
}

// LegacyCitizenSet is the set a citizen's assessment stored before sets
// were data (an empty criteria column) was scored against: the rule the
// app applied then, a total of 80 and no indicator below 5, over the ten
// indicators of QĐ 244/QĐ-KHVN.
const LegacyCitizenSet = "HKHVN-244-2022"

// ResultOnlySet is the version of each model's result-only set: no
// criteria, the result entered as decided (the set in use where no
// criteria could be confirmed, docs/criteria.md).
const ResultOnlySet = "ket-qua"

var (
	shippedOnce sync.Once
	shipped     *Catalog
)

// Shipped returns a catalog of the sets that ship, with the versions in
// use on a new installation (assets/criteria/in-use.json). Each call
// returns a copy the caller may change.
func Shipped() *Catalog {
	shippedOnce.Do(func() { shipped = loadShipped(assets.FS) })
	return shipped.Clone()
}

// loadShipped reads the embedded sets; a set that does not parse is a
// fault of the build, caught by the tests.
func loadShipped(fsys fs.FS) *Catalog {
	c := NewCatalog()
	names, _ := fs.Glob(fsys, assets.CriteriaDir+"/*.json")
	for _, name := range names {
		if path.Base(name) == "in-use.json" {
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic(err)
		}
		s, err := ParseCriteriaSet(bytes.NewReader(b))
		if err != nil {
			panic(fmt.Sprintf("data: %s: %v", name, err))
		}
		if err := c.Add(s); err != nil {
			panic(fmt.Sprintf("data: %s: %v", name, err))
		}
	}
	b, err := fs.ReadFile(fsys, assets.CriteriaDir+"/in-use.json")
	if err != nil {
		panic(err)
	}
	var use map[string]string
	if err := json.Unmarshal(b, &use); err != nil {
		panic(fmt.Sprintf("data: in-use.json: %v", err))
	}
	for model, version := range use {
		if err := c.Use(model, version); err != nil {
			panic(fmt.Sprintf("data: in-use.json: %s: %v", model, err))
		}
	}
	return c
}

// NewCatalog returns an empty catalog.
func NewCatalog() *Catalog {
	return &Catalog{sets: map[string]*CriteriaSet{}, current: map[string]string{}}
}

// Clone returns a copy (the sets themselves are shared: they never change).
func (c *Catalog) Clone() *Catalog {
	out := NewCatalog()
	for k, s := range c.sets {
		out.sets[k] = s
	}
	for k, v := range c.current {
		out.current[k] = v
	}
	return out
}

// Add adds a set. The same set again is no change; another set with the
// same model and version is refused (ErrSetTaken): a version, once
// scored against, always means the same criteria.
func (c *Catalog) Add(s *CriteriaSet) error {
	if old, ok := c.sets[s.Key()]; ok {
		if old.Sum() != s.Sum() {
			return &SetError{Where: s.Key(), Err: ErrSetTaken}
		}
		return nil
	}
	c.sets[s.Key()] = s
	return nil
}

// Use makes a version the one new assessments of its model are scored
// against.
func (c *Catalog) Use(model, version string) error {
	if _, ok := c.sets[model+"/"+version]; !ok {
		return &SetError{Where: model + "/" + version, Err: ErrSetUnknown}
	}
	c.current[model] = version
	return nil
}

// Current returns the set in use for a model (nil only for a model the
// catalog holds nothing of).
func (c *Catalog) Current(model string) *CriteriaSet {
	if s := c.sets[model+"/"+c.current[model]]; s != nil {
		return s
	}
	return c.sets[model+"/"+ResultOnlySet]
}

// Get returns a model's set of a version: the one an assessment recorded.
// An empty version is the set such an assessment was scored against (the
// citizens' rule before sets were data; for the models, result only).
func (c *Catalog) Get(model, version string) (*CriteriaSet, error) {
	if version == "" {
		version = ResultOnlySet
		if model == ModelCitizen {
			version = LegacyCitizenSet
		}
	}
	if s := c.sets[model+"/"+version]; s != nil {
		return s, nil
	}
	return nil, &SetError{Where: model + "/" + version, Err: ErrSetUnknown}
}

// Sets lists a model's sets by version.
func (c *Catalog) Sets(model string) []*CriteriaSet {
	var out []*CriteriaSet
	for _, s := range c.sets {
		if s.Model == model {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out
}

// InUse reports whether s is the set in use for its model.
func (c *Catalog) InUse(s *CriteriaSet) bool { return c.Current(s.Model) == s }

// IsShipped reports whether a set is one that ships with the app.
func IsShipped(s *CriteriaSet) bool {
	got, err := Shipped().Get(s.Model, s.Version)
	return err == nil && got.Sum() == s.Sum()
}

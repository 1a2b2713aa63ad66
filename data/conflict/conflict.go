// Package conflict describes the open conflicts of a store for people: the
// record by its name, the field by its label, both values as people write
// them (data's one text form of each field), where the other value came
// from and why a person must choose. The conflict screen and
// `khuyenhoc-cli conflicts list` say the same thing in the same words.
package conflict

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Item is an open conflict described for people.
type Item struct {
	store.Conflict
	UnitName   string // the record's unit, by name
	RecordName string // "Learning citizen: Nguyễn Thị Hoa"
	FieldName  string // the field, by its label
	Cur, Oth   string // the current and the other value
	From       string // where the other value was made
	Why        string // why a person must choose
	Short      string // why, in two words
	lang       string
}

// Question asks to confirm a choice on the conflict.
func (it Item) Question(choice store.Resolution) string {
	t := func(s string, args ...any) string { return msg.T(it.lang, s, args...) }
	keep := choice == store.KeepCurrent
	switch {
	case it.Field == "_deleted" && keep:
		return t("Confirm that %s stays deleted? The edits made elsewhere are dropped.", it.RecordName)
	case it.Field == "_deleted":
		return t("Bring %s back, with the edits made elsewhere?", it.RecordName)
	case it.Field == "_locked" && keep:
		return t("Refuse the change to %s sent after the year was locked? The approved values stay.", it.RecordName)
	case it.Field == "_locked":
		return t("Accept the change to %s sent after the year was locked? It replaces the approved values.", it.RecordName)
	case keep:
		return t("Keep «%s» as %s of %s? The other value «%s» is dropped.", it.Cur, it.FieldName, it.RecordName, it.Oth)
	}
	return t("Take «%s» as %s of %s? It replaces «%s».", it.Oth, it.FieldName, it.RecordName, it.Cur)
}

// namer loads what names a conflict: its record, the record's parent (a
// citizen for an assessment), and the installations' names.
type namer struct {
	ctx   context.Context
	st    *store.Store
	reg   *units.Registry
	lang  string
	own   string
	sites map[string]string
	names map[string]string // kind/id → name
}

// Describe lists the open conflicts of every unit held, with their names
// and values in words, in lang ("vi" or "en").
func Describe(ctx context.Context, st *store.Store, reg *units.Registry, lang string) ([]Item, error) {
	cs, err := st.Conflicts(ctx, "")
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	n := &namer{ctx: ctx, st: st, reg: reg, lang: lang, sites: map[string]string{}, names: map[string]string{}}
	if n.own, err = st.Meta(ctx, store.MetaSite); err != nil {
		return nil, err
	}
	for _, role := range []string{store.RoleBelow, store.RoleUpstream} {
		ks, err := st.PeerKeys(ctx, role)
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			n.sites[k.Site] = k.Name
		}
	}
	out := make([]Item, len(cs))
	for i, c := range cs {
		out[i] = n.describe(c)
	}
	return out, nil
}

func (n *namer) t(s string, args ...any) string { return msg.T(n.lang, s, args...) }

func (n *namer) describe(c store.Conflict) Item {
	it := Item{Conflict: c, UnitName: n.unitName(c.Unit), FieldName: n.fieldName(c.Kind, c.Field),
		From: n.site(c.Site), lang: n.lang}
	var held *store.Row
	switch c.Field {
	case "_deleted":
		it.Cur, it.Oth = n.t("deleted"), n.t("edited elsewhere")
		if d, ok := c.Current.(bool); ok && !d {
			it.Cur = n.t("not deleted")
		}
		it.Why, it.Short = n.t("deleted in one place, edited in another"), n.t("delete and edit")
	case "_locked":
		held = heldRow(c)
		it.Cur, it.Oth = n.lockedDiff(c.Kind, c.Current, held)
		it.Why, it.Short = n.t("sent after the year was approved and locked"), n.t("locked year")
	default:
		it.Cur, it.Oth = n.value(c.Kind, c.Field, c.Current), n.value(c.Kind, c.Field, c.Value)
		it.Why, it.Short = n.t("edited in two places, neither knowing of the other"), n.t("edited at once")
	}
	it.RecordName = n.t(kindNames[c.Kind]) + ": " + n.recordName(c.Kind, c.RecID, held)
	return it
}

func (n *namer) unitName(unit string) string {
	ref, err := units.ParseRef(unit)
	if err != nil || n.reg == nil {
		return unit
	}
	if u, err := n.reg.Get(ref); err == nil {
		return u.FullName
	}
	return unit
}

func (n *namer) site(site string) string {
	switch {
	case site == n.own:
		return n.t("this computer")
	case n.sites[site] != "":
		return n.sites[site]
	}
	return n.t("another installation")
}

// recordName names a record from its fields (held: the row received when
// the store has none yet).
func (n *namer) recordName(kind store.Kind, id string, held *store.Row) string {
	key := string(kind) + "/" + id
	if s, ok := n.names[key]; ok {
		return s
	}
	r, err := n.st.Get(n.ctx, kind, id)
	if err != nil {
		r = held
	}
	name := id
	if r != nil {
		name = n.nameOf(r)
	}
	n.names[key] = name
	return name
}

func (n *namer) nameOf(r *store.Row) string {
	year := strconv.FormatInt(r.GetInt("year"), 10)
	switch r.Kind {
	case store.Citizen:
		return store.CitizenOf(r).FullName()
	case store.Award:
		return store.AwardOf(r).FullName()
	case store.Village, store.Centre:
		return r.Get("name")
	case store.Assessment:
		return n.t("%s, year %s", n.recordName(store.Citizen, r.Get("citizen_id"), nil), year)
	case store.CentreYear:
		return n.t("%s, year %s", n.recordName(store.Centre, r.Get("centre_id"), nil), year)
	case store.Profile:
		return n.t("year %s", year)
	case store.Fund:
		f := store.FundOf(r)
		return strings.TrimSpace(f.Date.VN() + " " + f.VoucherNo)
	case store.Branch:
		return r.Get("name")
	case store.MemberCount:
		return n.t("%s, %s", n.recordName(store.Branch, r.Get("branch_id"), nil), r.Get("period"))
	case store.Activity:
		a := store.ActivityOf(r)
		return strings.TrimSpace(a.Date.VN() + " " + a.Title + " " + a.DocumentNo)
	}
	return n.modelName(r, year)
}

// modelName names a record of the learning models: a family by its head
// (or, above the district, where the head's name does not travel, by its
// village), a clan, a village's community, a unit; a year by its record.
func (n *namer) modelName(r *store.Row, year string) string {
	switch r.Kind {
	case store.Family:
		f := store.As(data.Families, r)
		if f.Head() == "" {
			return n.t("%s in %s", n.t("Learning family"), f.Village)
		}
		return f.Head()
	case store.Clan:
		c := store.As(data.Clans, r)
		return strings.TrimSpace(c.Name + " " + c.Branch)
	case store.Community:
		return r.Get("village")
	case store.LearningUnit:
		return r.Get("name")
	case store.ModelYear:
		return n.t("%s, year %s", n.recordName(modelKinds[r.Get("model")], r.Get("record_id"), nil), year)
	case store.Member:
		return n.t("%s in %s", n.recordName(store.Citizen, r.Get("citizen_id"), nil), n.memberOf(r.Get("record_id")))
	}
	return r.ID
}

// memberOf names the family or unit a link points at.
func (n *namer) memberOf(id string) string {
	for _, k := range []store.Kind{store.Family, store.LearningUnit} {
		if _, err := n.st.Get(n.ctx, k, id); err == nil {
			return n.recordName(k, id, nil)
		}
	}
	return id
}

// modelKinds are the record kinds of the models' codes.
var modelKinds = map[string]store.Kind{data.ModelFamily: store.Family, data.ModelClan: store.Clan,
	data.ModelCommunity: store.Community, data.ModelUnit: store.LearningUnit}

// kindNames name the kinds of record (English source strings).
var kindNames = map[store.Kind]string{store.Village: "Village", store.Profile: "Commune profile",
	store.Citizen: "Learning citizen", store.Assessment: "Yearly assessment",
	store.Centre: "Learning centre", store.CentreYear: "Centre's year",
	store.Award: "Award", store.Fund: "Fund line",
	store.Branch: "Branch", store.MemberCount: "Members of a branch", store.Activity: "Activity of the association",
	store.Family: "Learning family", store.Clan: "Learning clan", store.Community: "Learning community",
	store.LearningUnit: "Learning unit", store.ModelYear: "Model's year", store.Member: "Member link"}

// KindName names a kind of record in lang.
func KindName(k store.Kind, lang string) string { return msg.T(lang, kindNames[k]) }

// fieldName names a column by its label, or the whole record for a
// delete or a locked year.
func (n *namer) fieldName(kind store.Kind, col string) string {
	switch col {
	case "_deleted":
		return n.t("deletion of the record")
	case "_locked":
		return n.t("the whole record")
	}
	return FieldName(kind, col, n.lang)
}

// FieldName names a column of kind in lang: its label (data.Col.Label).
func FieldName(kind store.Kind, col, lang string) string {
	if c := data.ColOf(string(kind), col); c != nil {
		return msg.T(lang, c.Label)
	}
	return msg.T(lang, "field "+col)
}

func (n *namer) value(kind store.Kind, col string, v any) string {
	return ValueText(kind, col, v, n.lang)
}

// ValueText writes a stored value as people read it: the column's text in
// data's people style, amounts with ₫, an empty value as "(empty)".
func ValueText(kind store.Kind, col string, v any, lang string) string {
	t := func(s string) string { return msg.T(lang, s) }
	if col == "deleted" {
		if v == int64(1) {
			return t("deleted")
		}
		return t("not deleted")
	}
	c := data.ColOf(string(kind), col)
	if c == nil {
		if v == nil {
			return ""
		}
		return strings.TrimSpace(strings.Trim(strings.TrimSpace(jsonText(v)), `"`))
	}
	s := c.Text(v, data.PeopleStyle(lang))
	switch {
	case v == "":
		return t("(empty)")
	case c.Type == data.TypeVND:
		return data.FormatVND(v.(int64))
	case s == "" && c.Type.Int():
		return "0"
	}
	return s
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// heldRow decodes the row a locked year held back.
func heldRow(c store.Conflict) *store.Row {
	raw, _ := c.Value.(string)
	var h struct {
		Vals []any `json:"vals"`
	}
	sc := store.SchemaOf(c.Kind)
	if sc == nil || json.Unmarshal([]byte(raw), &h) != nil || len(h.Vals) != len(sc.Cols) {
		return nil
	}
	for i, col := range sc.Cols {
		f, isFloat := h.Vals[i].(float64)
		_, isText := h.Vals[i].(string)
		switch {
		case isFloat && col.Int:
			h.Vals[i] = int64(f)
		case col.Int || !isText:
			return nil
		}
	}
	return &store.Row{Kind: c.Kind, ID: c.RecID, Unit: c.Unit, Vals: h.Vals}
}

// lockedDiff writes the fields a held change would alter: their current
// values and the values received.
func (n *namer) lockedDiff(kind store.Kind, current any, held *store.Row) (string, string) {
	cur, _ := current.([]any)
	switch {
	case held == nil:
		return "", n.t("a change that cannot be read")
	case cur == nil:
		return n.t("(none)"), n.t("a new record for the locked year")
	}
	sc := store.SchemaOf(kind)
	var was, now []string
	for i, col := range sc.Cols {
		a, b := n.value(kind, col.Name, cur[i]), n.value(kind, col.Name, held.Vals[i])
		if a != b {
			name := n.fieldName(kind, col.Name)
			was, now = append(was, name+": "+a), append(now, name+": "+b)
		}
	}
	if len(now) == 0 {
		return n.t("the same values"), n.t("the same values")
	}
	return strings.Join(was, "; "), strings.Join(now, "; ")
}

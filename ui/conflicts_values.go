package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// conflictItem is an open conflict described for a person.
type conflictItem struct {
	store.Conflict
	unit    string // the record's unit, by name
	record  string // "Learning citizen: Nguyễn Thị Hoa"
	field   string // the field, by name
	cur     string // the current value, short
	oth     string // the other value, short
	curLong string
	othLong string
	from    string // where the other value was made
	why     string
	short   string // why, in two words
}

// question asks to confirm a choice on the conflict.
func (it conflictItem) question(choice store.Resolution) string {
	keep := choice == store.KeepCurrent
	switch {
	case it.Field == "_deleted" && keep:
		return T("Confirm that %s stays deleted? The edits made elsewhere are dropped.", it.record)
	case it.Field == "_deleted":
		return T("Bring %s back, with the edits made elsewhere?", it.record)
	case it.Field == "_locked" && keep:
		return T("Refuse the change to %s sent after the year was locked? The approved values stay.", it.record)
	case it.Field == "_locked":
		return T("Accept the change to %s sent after the year was locked? It replaces the approved values.", it.record)
	case keep:
		return T("Keep «%s» as %s of %s? The other value «%s» is dropped.", it.curLong, it.field, it.record, it.othLong)
	}
	return T("Take «%s» as %s of %s? It replaces «%s».", it.othLong, it.field, it.record, it.curLong)
}

// conflictNamer loads what names a conflict: its record, the record's
// parent (a citizen for an assessment), and the installations' names.
type conflictNamer struct {
	ctx   context.Context
	st    *store.Store
	reg   *units.Registry
	own   string
	sites map[string]string
	names map[string]string // kind/id → name
}

// loadConflicts lists the open conflicts with their names and values in
// words.
func loadConflicts(ctx context.Context, st *store.Store, reg *units.Registry) ([]conflictItem, error) {
	cs, err := st.Conflicts(ctx, "")
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	n := &conflictNamer{ctx: ctx, st: st, reg: reg, sites: map[string]string{}, names: map[string]string{}}
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
	out := make([]conflictItem, len(cs))
	for i, c := range cs {
		out[i] = n.describe(c)
	}
	return out, nil
}

func (n *conflictNamer) describe(c store.Conflict) conflictItem {
	it := conflictItem{Conflict: c, unit: unitName(n.reg, c.Unit), field: fieldName(c.Field), from: n.site(c.Site)}
	var held *store.Row
	switch c.Field {
	case "_deleted":
		it.cur, it.oth = T("deleted"), T("edited elsewhere")
		if d, ok := c.Current.(bool); ok && !d {
			it.cur = T("not deleted")
		}
		it.why, it.short = T("deleted in one place, edited in another"), T("delete and edit")
	case "_locked":
		held = heldRow(c)
		it.cur, it.oth = lockedDiff(c.Kind, c.Current, held)
		it.why, it.short = T("sent after the year was approved and locked"), T("locked year")
	default:
		it.cur, it.oth = valueText(c.Kind, c.Field, c.Current), valueText(c.Kind, c.Field, c.Value)
		it.why, it.short = T("edited in two places, neither knowing of the other"), T("edited at once")
	}
	it.curLong, it.othLong = it.cur, it.oth
	it.record = kindName(c.Kind) + ": " + n.recordName(c.Kind, c.RecID, held)
	return it
}

func (n *conflictNamer) site(site string) string {
	switch {
	case site == n.own:
		return T("this computer")
	case n.sites[site] != "":
		return n.sites[site]
	}
	return T("another installation")
}

// recordName names a record from its fields (held: the row received when
// the store has none yet).
func (n *conflictNamer) recordName(kind store.Kind, id string, held *store.Row) string {
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

func (n *conflictNamer) nameOf(r *store.Row) string {
	year := strconv.FormatInt(r.GetInt("year"), 10)
	switch r.Kind {
	case store.Citizen, store.Award:
		return strings.TrimSpace(r.Get("ho_dem") + " " + r.Get("ten"))
	case store.Village, store.Centre:
		return r.Get("name")
	case store.Assessment:
		return T("%s, year %s", n.recordName(store.Citizen, r.Get("citizen_id"), nil), year)
	case store.CentreYear:
		return T("%s, year %s", n.recordName(store.Centre, r.Get("centre_id"), nil), year)
	case store.Profile:
		return T("year %s", year)
	case store.Fund:
		return strings.TrimSpace(dateText(r.Get("date")) + " " + r.Get("voucher_no"))
	}
	return r.ID
}

// kindName names a kind of record.
func kindName(k store.Kind) string {
	return T(map[store.Kind]string{store.Village: N("Village"), store.Profile: N("Commune profile"),
		store.Citizen: N("Learning citizen"), store.Assessment: N("Yearly assessment"),
		store.Centre: N("Learning centre"), store.CentreYear: N("Centre's year"),
		store.Award: N("Award"), store.Fund: N("Fund line")}[k])
}

// fieldName names a column, or the whole record for a delete or a locked
// year.
func fieldName(col string) string {
	switch col {
	case "_deleted":
		return T("deletion of the record")
	case "_locked":
		return T("the whole record")
	case "grp":
		col = "group"
	case "citizen_id", "centre_id", "fund_id", "merged_into", "scores", "deleted":
		return T(map[string]string{"citizen_id": N("field citizen_id"), "centre_id": N("field centre_id"),
			"fund_id": N("field fund_id"), "merged_into": N("field merged_into"), "scores": N("field scores"),
			"deleted": N("field deleted")}[col])
	}
	return T("field " + col)
}

// enumOf is the list of labels of a column that holds codes.
func enumOf(kind store.Kind, col string) []data.Option {
	switch col {
	case "gender":
		return data.Genders.Options
	case "result":
		return data.Results.Options
	case "status":
		if kind == store.Assessment {
			return data.AssessmentStatuses.Options
		}
		return data.CentreStatuses.Options
	case "rating":
		return data.Ratings.Options
	case "direction":
		return data.Directions.Options
	case "consent":
		return data.Consents.Options
	case "grp":
		return data.SubjectGroups
	case "award_type":
		return data.AwardTypes
	case "source", "funding_source":
		return data.FundSources
	}
	return nil
}

// valueText writes a stored value as people read it.
func valueText(kind store.Kind, col string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		switch {
		case col == "deleted" && x == 1:
			return T("deleted")
		case col == "deleted":
			return T("not deleted")
		case strings.HasSuffix(col, "_vnd"):
			return vnd(x)
		}
		return strconv.FormatInt(x, 10)
	case string:
		if x == "" {
			return T("(empty)")
		}
		if col == "scores" {
			return scoresText(x)
		}
		if opts := enumOf(kind, col); opts != nil {
			return data.SuggestionLabel(opts, x, current)
		}
		return dateText(x)
	}
	return fmt.Sprint(v)
}

// scoresText writes the stored scores (tenths: "90,85,80") as typed:
// "9; 8,5; 8".
func scoresText(s string) string {
	parts := strings.Split(s, ",")
	for n, p := range parts {
		if t, err := strconv.Atoi(p); err == nil {
			parts[n] = score(t)
		}
	}
	return strings.Join(parts, "; ")
}

// dateText writes "2026-09-05" as "05/09/2026"; other text stays.
func dateText(s string) string {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		return s[8:] + "/" + s[5:7] + "/" + s[:4]
	}
	return s
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
		if f, ok := h.Vals[i].(float64); ok && col.Int {
			h.Vals[i] = int64(f)
		}
	}
	return &store.Row{Kind: c.Kind, ID: c.RecID, Unit: c.Unit, Vals: h.Vals}
}

// lockedDiff writes the fields a held change would alter: their current
// values and the values received.
func lockedDiff(kind store.Kind, current any, held *store.Row) (string, string) {
	cur, _ := current.([]any)
	switch {
	case held == nil:
		return "", T("a change that cannot be read")
	case cur == nil:
		return T("(none)"), T("a new record for the locked year")
	}
	sc := store.SchemaOf(kind)
	var was, now []string
	for i, col := range sc.Cols {
		a, b := valueText(kind, col.Name, cur[i]), valueText(kind, col.Name, held.Vals[i])
		if a != b {
			name := fieldName(col.Name)
			was, now = append(was, name+": "+a), append(now, name+": "+b)
		}
	}
	if len(now) == 0 {
		return T("the same values"), T("the same values")
	}
	return strings.Join(was, "; "), strings.Join(now, "; ")
}

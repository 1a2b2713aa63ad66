package tabular

import (
	"context"
	"errors"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// The association's files: branches (a branch per row, with its members
// in the period the row names) and the log of activities.

// branch imports one branch row: the unit's branch of that name (else a new
// one) and, when the row names a period, its members then.
func (im *importer) branch(in data.Input) error {
	alone, _ := data.ParseBranch(in)
	id, err := im.e.FindBranch(im.opt.Unit, alone.Branch.Name)
	if err != nil {
		return err
	}
	var base data.Input
	if id != "" {
		cur, err := im.e.Load(store.Branch, id)
		if err != nil {
			return err
		}
		e := data.BranchEntry{Branch: store.BranchOf(cur)}
		if m := alone.Members; m != nil {
			r, err := im.e.Load(store.MemberCount, store.PeriodID(store.MemberCount, id, m.Period))
			if err == nil && !r.Deleted() {
				mc := store.MemberCountOf(r)
				e.Members = &mc
			} else if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		base = data.FormatBranch(e, data.FileStyle)
	}
	e, err := data.ParseBranch(im.merged(base, in))
	if err != nil {
		return rowError{err}
	}
	b := e.Branch
	b.ID, b.Unit = id, im.opt.Unit
	im.cur.Name = b.Name
	if _, err := im.e.SaveBranch(&b); err != nil {
		return err
	}
	if m := e.Members; m != nil {
		m.BranchID, m.Unit = b.ID, im.opt.Unit
		_, err := im.e.SaveMemberCount(m)
		return err
	}
	return nil
}

var activityKind = plainKind[data.Activity]{kind: store.Activity, table: data.Activities, parse: data.ParseActivity,
	format:   data.FormatActivity,
	identity: []string{"kind", "date", "title", "document_no", "publicity_kind"},
	name:     func(a *data.Activity) string { return a.Date.VN() + " " + a.Title },
	save:     (*store.Editor).SaveActivity}

func (im *importer) activity(in data.Input) error { return importPlain(im, activityKind, in) }

// eachAssociation lists the branches (one row per member count, or one
// without) or the log of unit, as eachEntry does the other kinds.
func eachAssociation(ctx context.Context, st *store.Store, k Kind, unit string, put func(entry) error) error {
	if k == Activities {
		for off := 0; ; off += 1000 {
			as, err := st.Activities(ctx, store.ActivityQuery{Unit: unit, Offset: off, Limit: 1000})
			if err != nil || len(as) == 0 {
				return err
			}
			for _, a := range as {
				if err := put(entry{a, a.Unit, a.Date.Y, func(st data.Style) data.Input { return data.FormatActivity(a, st) }}); err != nil {
					return err
				}
			}
		}
	}
	bs, err := st.Branches(ctx, unit, "")
	if err != nil {
		return err
	}
	for _, b := range bs {
		ms, err := st.MemberCounts(ctx, b.ID)
		if err != nil {
			return err
		}
		if len(ms) == 0 {
			e := data.BranchEntry{Branch: b.Branch}
			if err := put(entry{e, b.Unit, 0, func(st data.Style) data.Input { return data.FormatBranch(e, st) }}); err != nil {
				return err
			}
		}
		for _, m := range ms {
			e := data.BranchEntry{Branch: b.Branch, Members: &m}
			if err := put(entry{e, b.Unit, m.Span().Year(), func(st data.Style) data.Input { return data.FormatBranch(e, st) }}); err != nil {
				return err
			}
		}
	}
	return nil
}

// What offices also write over the association's columns, beyond the
// fields' labels.
func init() {
	synonyms[Branches] = map[string]string{"tenchihoi": "name", "chihoi": "name", "tendonvi": "name",
		"hinhthuc": "form", "loai": "branch_type", "loaihinh": "branch_type", "chihoitruong": "chair",
		"truongchihoi": "chair", "truongban": "chair", "hoivien": "members", "tonghoivien": "members",
		"tongsohoivien": "members", "ketnap": "admitted", "phattrienmoi": "admitted", "giam": "left",
		"kybaocao": "period"}
	synonyms[Activities] = map[string]string{"loai": "kind", "loaihoatdong": "kind", "ngay": "date",
		"thoigian": "date", "noidung": "title", "tieude": "title", "trichyeu": "title", "songuoi": "participants",
		"soluot": "participants", "hinhthuc": "publicity_kind", "solan": "times", "sotinbai": "times",
		"so": "document_no", "sokyhieu": "document_no", "ghichu": "note"}
}

package exchange

import (
	"errors"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// projector applies the upward projection to the rows a bundle carries
// (data/projection.go, docs/exchange.md "What goes upward"): each column's
// reach from this installation's level, and for the records about a person
// the person's consent to sending upward, decided as of the day of the
// export from the consent records this installation holds. A record without
// that consent goes up with its identifying columns blank: every figure
// stays exact, nothing names the person.
type projector struct {
	level string
	book  *data.ConsentBook
	snap  *store.Snapshot
	kinds map[store.Kind]kindInfo
}

type kindInfo struct {
	kind  data.Kind
	ident bool // has an identifying column: the person's consent matters
}

func newProjector(c *Config, snap *store.Snapshot, level string, after int64) (*projector, []sourced, error) {
	book, err := snap.ConsentBook(store.DayOf(c.now()))
	if err != nil {
		return nil, nil, err
	}
	p := &projector{level: level, book: book, snap: snap, kinds: map[store.Kind]kindInfo{}}
	for _, k := range data.AllKinds {
		info := kindInfo{kind: k}
		for _, col := range k.Cols() {
			info.ident = info.ident || col.Ident
		}
		p.kinds[store.Kind(k.KindName())] = info
	}
	marks, err := snap.PurgeMarks(after)
	if err != nil {
		return nil, nil, err
	}
	var tail []sourced
	for _, m := range marks {
		tail = append(tail, purgeRow(m))
	}
	return p, tail, nil
}

// project blanks in r what stays at this installation.
func (p *projector) project(r *store.Row, sc *store.Schema) error {
	info := p.kinds[r.Kind]
	if info.kind == nil {
		return errors.New("exchange: a kind without a table in package data: " + string(r.Kind))
	}
	upward := !info.ident || p.book.MaySend(info.kind, r.ID, r.Vals, p.person)
	data.Project(info.kind.Cols(), r.Vals, p.level, upward)
	return nil
}

// person finds the record of a person by id, among the kinds about a person.
func (p *projector) person(id string) (data.Kind, []any, bool) {
	for k, info := range p.kinds {
		if a := info.kind.Subject(); a == nil || !a.Person {
			continue
		}
		if r, err := p.snap.Get(k, id); err == nil && !r.Deleted() {
			return info.kind, r.Vals, true
		}
	}
	return nil, nil, false
}

// keepHome blanks, in a row received from below, the columns that never
// leave the installation where they were entered (data.Home): what an
// older version of the app still sends (ethnicity) is not kept.
func keepHome(r *store.Row, sc *store.Schema) {
	for n, c := range sc.Cols {
		if c.Field != nil && c.Field.Reach == data.Home && n < len(r.Vals) {
			r.Vals[n] = c.Field.Zero()
		}
	}
}

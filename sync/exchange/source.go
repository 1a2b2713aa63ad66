package exchange

import (
	"context"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// rowSource streams the changed rows of a snapshot, kind after kind, to
// the bundles being sealed, so a split export reads the register once and
// never holds it in memory.
type rowSource struct {
	rows    chan sourced
	cancel  context.CancelFunc
	errc    chan error
	pending *sourced
}

type sourced struct {
	kind string
	cols []string
	row  bundle.Row
}

func newRowSource(ctx context.Context, snap *store.Snapshot, after int64, p *projector, head *sourced, tail []sourced) *rowSource {
	ctx, cancel := context.WithCancel(ctx)
	s := &rowSource{rows: make(chan sourced, 256), cancel: cancel, errc: make(chan error, 1), pending: head}
	go func() {
		defer close(s.rows)
		s.errc <- produce(ctx, snap, after, p, s.rows, tail)
	}()
	return s
}

// produce sends the changed rows kind after kind, each as the projection
// lets it go upward (projection.go), then the purge instructions (tail).
func produce(ctx context.Context, snap *store.Snapshot, after int64, p *projector, out chan<- sourced, tail []sourced) error {
	for _, k := range store.Kinds {
		sc := store.SchemaOf(k)
		cols := sc.ColNames()
		err := snap.Rows(k, after, func(r *store.Row) error {
			if err := p.project(r, sc); err != nil {
				return err
			}
			select {
			case out <- sourced{kind: string(k), cols: cols, row: toBundle(r, cols)}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil {
			return err
		}
	}
	for _, r := range tail {
		select {
		case out <- r:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// stop ends the producer (after an error, or once every part is sealed).
func (s *rowSource) stop() {
	s.cancel()
	for range s.rows {
	}
}

// fill writes up to max rows into pw, with a table line before each kind's
// first row, and returns how many it wrote.
func (s *rowSource) fill(ctx context.Context, pw *bundle.PayloadWriter, max int) (int64, error) {
	var n int64
	var kind string
	for n < int64(max) {
		r, ok := s.next()
		if !ok {
			return n, s.err()
		}
		if r.kind != kind {
			kind = r.kind
			if err := pw.Table(bundle.Table{Kind: kind, Cols: r.cols}); err != nil {
				return n, err
			}
		}
		if err := pw.Row(r.row); err != nil {
			return n, err
		}
		n++
	}
	return n, ctx.Err()
}

func (s *rowSource) next() (sourced, bool) {
	if s.pending != nil {
		r := *s.pending
		s.pending = nil
		return r, true
	}
	r, ok := <-s.rows
	return r, ok
}

// err returns the producer's error once the rows ran out.
func (s *rowSource) err() error {
	select {
	case err := <-s.errc:
		s.errc <- err
		return err
	default:
		return nil
	}
}

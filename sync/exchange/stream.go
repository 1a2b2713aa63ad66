package exchange

import (
	"errors"
	"io"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// itemStream decodes a payload on its own goroutine, a batch at a time, so
// that decrypting, decompressing, parsing, checking every row and
// computing the rows' derived keys overlap with writing to SQLite on a
// second core. The first row that fails its checks ends the stream with
// the reason. Close must be called; it waits for the goroutine.
type itemStream struct {
	batches chan itemBatch
	stop    chan struct{}
	done    chan struct{}
	cur     []item
	err     error
}

// item is a payload item and, for a row, the store row made from it,
// checked (rowRules.check) and prepared (store.Row.Prepare).
type item struct {
	bundle.Item
	row   *store.Row
	check rowCheck
}

type itemBatch struct {
	items []item
	err   error // io.EOF at the end
}

const streamBatch = 256

func streamItems(pr *bundle.PayloadReader, rules *rowRules) *itemStream {
	s := &itemStream{batches: make(chan itemBatch, 4), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		var sc *store.Schema
		var at []int
		for {
			b := itemBatch{items: make([]item, 0, streamBatch)}
			for len(b.items) < streamBatch {
				it, err := pr.Next()
				if err == nil {
					var x item
					x, err = prepare(it, &sc, &at, rules)
					if err == nil {
						b.items = append(b.items, x)
					}
				}
				if err != nil {
					b.err = err
					break
				}
			}
			select {
			case s.batches <- b:
			case <-s.stop:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	return s
}

// prepare checks a table line (sc and at follow the table headers: at
// where an earlier release's columns sit, see tableSchema) or makes,
// checks and prepares the store row of a row item.
func prepare(it bundle.Item, sc **store.Schema, at *[]int, rules *rowRules) (item, error) {
	if it.Row == nil {
		var err error
		*sc, *at, err = tableSchema(it.Table)
		return item{Item: it}, err
	}
	if *sc == nil { // the rotation table, or the purge marks (purge.go)
		if it.Table.Kind == purgeKind {
			return item{Item: it}, rules.purge(it.Table.Cols, it.Row)
		}
		return item{Item: it}, nil
	}
	r := fromBundle(*sc, *at, it.Row)
	check, err := rules.check(*sc, it.Row, r)
	if err != nil {
		return item{}, err
	}
	r.Prepare()
	return item{Item: it, row: r, check: check}, nil
}

// Next returns the next item, or the reader's error (io.EOF at the end).
func (s *itemStream) Next() (item, error) {
	for len(s.cur) == 0 {
		if s.err != nil {
			return item{}, s.err
		}
		b, ok := <-s.batches
		if !ok {
			return item{}, errors.Join(io.ErrUnexpectedEOF)
		}
		s.cur, s.err = b.items, b.err
	}
	it := s.cur[0]
	s.cur = s.cur[1:]
	return it, nil
}

// Close stops the decoding goroutine and waits for it.
func (s *itemStream) Close() {
	close(s.stop)
	<-s.done
}

package exchange

import (
	"errors"
	"io"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// itemStream decodes a payload on its own goroutine, a batch at a time, so
// that decrypting, decompressing, parsing and computing the rows' derived
// keys overlap with writing to SQLite on a second core. Close must be
// called; it waits for the goroutine.
type itemStream struct {
	batches chan itemBatch
	stop    chan struct{}
	done    chan struct{}
	cur     []item
	err     error
}

// item is a payload item and, for a row of a known table, the store row
// made from it and prepared (store.Row.Prepare).
type item struct {
	bundle.Item
	row *store.Row
}

type itemBatch struct {
	items []item
	err   error // io.EOF at the end
}

const streamBatch = 256

func streamItems(pr *bundle.PayloadReader) *itemStream {
	s := &itemStream{batches: make(chan itemBatch, 4), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		var sc *store.Schema
		var at []int
		for {
			b := itemBatch{items: make([]item, 0, streamBatch)}
			for len(b.items) < streamBatch {
				it, err := pr.Next()
				if err != nil {
					b.err = err
					break
				}
				b.items = append(b.items, prepare(it, &sc, &at))
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

// prepare makes the store row of a row item; sc follows the table headers.
// mergeRows checks the header again and makes the row itself when this
// could not.
func prepare(it bundle.Item, sc **store.Schema, at *[]int) item {
	if it.Row == nil {
		*sc, *at, _ = tableSchema(it.Table)
		return item{Item: it}
	}
	if *sc == nil {
		return item{Item: it}
	}
	r := fromBundle(*sc, *at, it.Row)
	r.Prepare()
	return item{Item: it, row: r}
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

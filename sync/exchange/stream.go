package exchange

import (
	"errors"
	"io"

	"sokhuyenhoc/sync/bundle"
)

// itemStream decodes a payload on its own goroutine, a batch at a time, so
// that decrypting, decompressing and parsing overlap with writing to SQLite
// on a second core. Close must be called; it waits for the goroutine.
type itemStream struct {
	batches chan itemBatch
	stop    chan struct{}
	done    chan struct{}
	cur     []bundle.Item
	err     error
}

type itemBatch struct {
	items []bundle.Item
	err   error // io.EOF at the end
}

const streamBatch = 256

func streamItems(pr *bundle.PayloadReader) *itemStream {
	s := &itemStream{batches: make(chan itemBatch, 4), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for {
			b := itemBatch{items: make([]bundle.Item, 0, streamBatch)}
			for len(b.items) < streamBatch {
				it, err := pr.Next()
				if err != nil {
					b.err = err
					break
				}
				b.items = append(b.items, it)
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

// Next returns the next item, or the reader's error (io.EOF at the end).
func (s *itemStream) Next() (bundle.Item, error) {
	for len(s.cur) == 0 {
		if s.err != nil {
			return bundle.Item{}, s.err
		}
		b, ok := <-s.batches
		if !ok {
			return bundle.Item{}, errors.Join(io.ErrUnexpectedEOF)
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

package ui

// pageSize is how many rows one query fetches; maxPages how many pages
// stay cached. A list of a million rows holds at most pageSize*maxPages.
const (
	pageSize = 100
	maxPages = 8
)

// pager feeds a virtual list from paged store queries: it fetches only the
// pages the list shows, counts the rows matching the query, keeps a few
// pages, and drops answers to a query that has since changed. All its
// state is touched on the UI goroutine only.
type pager[T any, Q any] struct {
	bg       *bridge
	count    func(Q) (int, error)
	page     func(q Q, offset, limit int) ([]T, error)
	onChange func()      // the list must redraw
	onError  func(error) // a query failed
	onCount  func(int)   // the number of rows is known

	q       Q
	gen     int
	total   int
	pages   map[int][]T
	lru     []int
	loading map[int]bool
	inGet   bool
}

// Reset starts over with query q: fetches the first page in the background
// and shows it at once, then counts every match (slower at a million rows:
// the status bar says it is counting) and lets the list grow to that.
func (p *pager[T, Q]) Reset(q Q) {
	p.gen++
	gen := p.gen
	p.q = q
	p.pages, p.lru, p.loading = map[int][]T{}, nil, map[int]bool{0: true}
	var first []T
	var err error
	p.bg.Go(func() { first, err = p.page(q, 0, pageSize) }, func() {
		if gen != p.gen {
			return
		}
		delete(p.loading, 0)
		if err != nil {
			p.fail(err)
			return
		}
		p.total = len(first)
		p.keep(0, first)
		if len(first) == pageSize { // more may follow
			p.counted(counting)
		}
		p.countAll(gen, q)
		p.changed()
	})
}

// counting is what onCount hears while the count is being made.
const counting = -1

func (p *pager[T, Q]) countAll(gen int, q Q) {
	var n int
	var err error
	p.bg.Go(func() { n, err = p.count(q) }, func() {
		if gen != p.gen {
			return
		}
		if err != nil {
			p.fail(err)
			return
		}
		p.total = n
		p.counted(n)
		p.changed()
	})
}

func (p *pager[T, Q]) counted(n int) {
	if p.onCount != nil {
		p.onCount(n)
	}
}

// Len is the number of rows of the query.
func (p *pager[T, Q]) Len() int { return p.total }

// Get returns row i when its page is at hand; otherwise it starts fetching
// the page and the list redraws when it arrives.
func (p *pager[T, Q]) Get(i int) (T, bool) {
	var zero T
	if i < 0 || i >= p.total {
		return zero, false
	}
	k := i / pageSize
	if rows, ok := p.pages[k]; ok {
		p.touch(k)
		if i%pageSize < len(rows) {
			return rows[i%pageSize], true
		}
		return zero, false
	}
	if !p.loading[k] {
		p.inGet = true
		p.load(k)
		p.inGet = false
		if rows, ok := p.pages[k]; ok && i%pageSize < len(rows) {
			return rows[i%pageSize], true
		}
	}
	return zero, false
}

func (p *pager[T, Q]) load(k int) {
	p.loading[k] = true
	gen, q := p.gen, p.q
	var rows []T
	var err error
	p.bg.Go(func() { rows, err = p.page(q, k*pageSize, pageSize) }, func() {
		if gen != p.gen {
			return
		}
		delete(p.loading, k)
		if err != nil {
			p.fail(err)
			return
		}
		p.keep(k, rows)
		if !p.inGet {
			p.changed()
		}
	})
}

func (p *pager[T, Q]) keep(k int, rows []T) {
	p.pages[k] = rows
	p.touch(k)
	for len(p.lru) > maxPages {
		delete(p.pages, p.lru[0])
		p.lru = p.lru[1:]
	}
}

func (p *pager[T, Q]) touch(k int) {
	for n, v := range p.lru {
		if v == k {
			p.lru = append(p.lru[:n], p.lru[n+1:]...)
			break
		}
	}
	p.lru = append(p.lru, k)
}

func (p *pager[T, Q]) changed() {
	if p.onChange != nil {
		p.onChange()
	}
}

func (p *pager[T, Q]) fail(err error) {
	if p.onError != nil {
		p.onError(err)
	}
}

// sliced pages over a list the store returns whole (centres, a year of the
// fund: short lists).
func sliced[T any, Q any](all func(Q) ([]T, error)) (func(Q) (int, error), func(Q, int, int) ([]T, error)) {
	count := func(q Q) (int, error) {
		xs, err := all(q)
		return len(xs), err
	}
	page := func(q Q, off, lim int) ([]T, error) {
		xs, err := all(q)
		if err != nil || off >= len(xs) {
			return nil, err
		}
		return xs[off:min(off+lim, len(xs))], nil
	}
	return count, page
}

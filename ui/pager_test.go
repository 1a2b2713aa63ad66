package ui

import (
	"context"
	"fmt"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

func TestPager_FetchesOnlyThePagesAsked(t *testing.T) {
	var fetched []int
	redraws := 0
	p := &pager[int, string]{bg: newBridge(true), onChange: func() { redraws++ },
		count: func(string) (int, error) { return 1_000_000, nil },
		page: func(_ string, off, lim int) ([]int, error) {
			fetched = append(fetched, off)
			out := make([]int, lim)
			for n := range out {
				out[n] = off + n
			}
			return out, nil
		}}
	p.Reset("q")
	if p.Len() != 1_000_000 || len(fetched) != 1 {
		t.Fatalf("len %d, fetched %v", p.Len(), fetched)
	}
	for _, i := range []int{5, 99, 500_123, 999_999} {
		if v, ok := p.Get(i); !ok || v != i {
			t.Errorf("Get(%d) = %d, %v", i, v, ok)
		}
	}
	if len(fetched) != 3 {
		t.Errorf("pages fetched %v, want the first, 5001 and 9999", fetched)
	}
	for k := range 20 { // scroll far: the cache stays small
		p.Get(k * pageSize * 37)
	}
	if len(p.pages) > maxPages {
		t.Errorf("%d pages cached", len(p.pages))
	}
	stale := p.gen
	p.Reset("other")
	if p.gen == stale || len(p.pages) != 1 {
		t.Error("a new query drops the old pages")
	}
}

func TestCitizens_ThousandsOfRowsPageByPage(t *testing.T) {
	u, _, st := startCommune(t)
	const n = 2500
	err := st.Edit(context.Background(), "test", func(e *store.Editor) error {
		for i := range n {
			c := &data.Citizen{Unit: testCommune.String(), Person: data.Person{HoDem: "Nguyễn Văn",
				Ten: fmt.Sprintf("Người%04d", n-i), Village: "Thôn Đông"}}
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	if s.pager.Len() != n || u.shell.env.status.count.Text != "2.500 công dân" {
		t.Fatalf("len %d, status %q", s.pager.Len(), u.shell.env.status.count.Text)
	}
	if len(s.pager.pages) > 2 {
		t.Errorf("%d pages loaded on opening", len(s.pager.pages))
	}
	first, _ := s.pager.Get(0)
	last, _ := s.pager.Get(n - 1)
	if first.Ten != "Người0001" || last.Ten != "Người2500" {
		t.Errorf("order: %s … %s", first.Ten, last.Ten)
	}
	s.list.ScrollToBottom()
	if len(s.pager.pages) > maxPages {
		t.Errorf("%d pages cached", len(s.pager.pages))
	}
}

// The first page shows before the count (slow on a million rows) is made;
// below a page the answer is known at once and nobody is told to wait.
func TestPager_FirstPageBeforeTheCount(t *testing.T) {
	var calls []string
	var counts []int
	matches := 1_000
	p := &pager[int, string]{bg: newBridge(true), onCount: func(n int) { counts = append(counts, n) },
		count: func(string) (int, error) { calls = append(calls, "count"); return matches, nil },
		page: func(_ string, off, lim int) ([]int, error) {
			calls = append(calls, fmt.Sprint("page ", off))
			return make([]int, min(lim, matches-off)), nil
		}}
	p.Reset("nguyen")
	if fmt.Sprint(calls) != "[page 0 count]" || fmt.Sprint(counts) != "[-1 1000]" || p.Len() != 1000 {
		t.Fatalf("calls %v, counts %v, len %d", calls, counts, p.Len())
	}
	calls, counts, matches = nil, nil, 42
	p.Reset("nguyen van thi")
	if fmt.Sprint(calls) != "[page 0 count]" || fmt.Sprint(counts) != "[42]" || p.Len() != 42 {
		t.Fatalf("short answer: calls %v, counts %v, len %d", calls, counts, p.Len())
	}
}

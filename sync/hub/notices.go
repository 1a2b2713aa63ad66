package hub

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/receipt"
	"sokhuyenhoc/sync/statement"
)

// ErrBadNotice reports a notice the hub refuses: not statement files, not
// approvals signed by the logged-in unit, or about a unit not below it, or
// about more than one unit.
var ErrBadNotice = errors.New("hub: not a notice of the logged-in unit's approvals of one unit below it")

// putNotice takes a notice of approvals from the logged-in unit for one
// unit below it (docs/submissions.md): every statement must be an
// approval the unit signed with a key the hub trusts. The unit it is
// about fetches it with GET PathNotices, and checks it again.
func (h *Hub) putNotice(w http.ResponseWriter, r *http.Request) {
	unit, ok := h.loggedIn(w, r)
	if !ok {
		return
	}
	pr := h.paced(w, http.MaxBytesReader(w, r.Body, statement.MaxNoticeBytes))
	body, err := io.ReadAll(pr)
	if err != nil {
		h.refuse(w, r, pr.err(err))
		return
	}
	n, err := h.checkNotice(r, unit, body)
	if err != nil {
		h.cfg.Log.Info("notice refused", "unit", unit, "error", err)
		h.refuse(w, r, err)
		return
	}
	added, err := h.store.AddNotice(r.Context(), n)
	if err != nil {
		h.refuse(w, r, err)
		return
	}
	status := http.StatusOK
	if added {
		status = http.StatusCreated
		h.cfg.Log.Info("notice accepted", "from", unit, "to", n.To, "sha256", n.SHA256)
	}
	writeJSON(w, status, wire.NoticeResult{SHA256: n.SHA256, To: n.To})
}

// checkNotice verifies every statement of a notice from unit.
func (h *Hub) checkNotice(r *http.Request, unit string, file []byte) (NoticeRecord, error) {
	docs, err := statement.SplitNotice(file)
	if err != nil {
		return NoticeRecord{}, fmt.Errorf("%w: %w", ErrBadNotice, err)
	}
	issuer, err := units.ParseRef(unit)
	if err != nil {
		return NoticeRecord{}, err
	}
	n := NoticeRecord{SHA256: statement.Hash(file), From: unit, File: file, Received: receipt.FormatTime(h.cfg.Now())}
	for _, doc := range docs {
		s, err := statement.Parse(doc)
		if err != nil {
			return NoticeRecord{}, fmt.Errorf("%w: %w", ErrBadNotice, err)
		}
		about, _ := units.ParseRef(s.Unit)
		if s.Kind == statement.Submission || s.Issuer != unit || about == issuer || !units.Default().Within(about, issuer) ||
			(n.To != "" && n.To != s.Unit) {
			return NoticeRecord{}, fmt.Errorf("%w: %s of %s by %s", ErrBadNotice, s.Kind, s.Unit, s.Issuer)
		}
		pub, err := h.trust.keyFor(r.Context(), s.KeyID, issuer, wire.LevelOf(issuer))
		if err != nil {
			return NoticeRecord{}, err
		}
		if _, err := statement.Verify(doc, pub); err != nil {
			return NoticeRecord{}, err
		}
		n.To, n.KeyID = s.Unit, s.KeyID
	}
	return n, nil
}

// notices lists the notices held for the logged-in unit, a page at a
// time: ?after=ID&limit=N.
func (h *Hub) notices(w http.ResponseWriter, r *http.Request) {
	ns, next, ok := listed(h, w, r, h.store.Notices, func(n NoticeRecord) int64 { return n.ID })
	if !ok {
		return
	}
	page := wire.Notices{Notices: []wire.Notice{}, Next: next}
	for _, n := range ns {
		page.Notices = append(page.Notices, wire.Notice{ID: n.ID, SHA256: n.SHA256, From: n.From, File: string(n.File)})
	}
	writeJSON(w, http.StatusOK, page)
}

// listed serves a page of a list of the logged-in unit's
// (?after=ID&limit=N, pageOf): it reads one more than the page to know
// whether another follows, and returns the page and the ID to ask after
// for the next (0: this is the last). ok false: the refusal is written.
func listed[T any](h *Hub, w http.ResponseWriter, r *http.Request,
	list func(ctx context.Context, unit string, after int64, limit int) ([]T, error), id func(T) int64) ([]T, int64, bool) {
	unit, ok := h.loggedIn(w, r)
	if !ok {
		return nil, 0, false
	}
	after, limit, ok := pageOf(w, r)
	if !ok {
		return nil, 0, false
	}
	items, err := list(r.Context(), unit, after, limit+1)
	if err != nil {
		h.refuse(w, r, err)
		return nil, 0, false
	}
	if len(items) > limit {
		return items[:limit], id(items[limit-1]), true
	}
	return items, 0, true
}

// pageOf reads ?after=ID&limit=N (0 and the default page when absent).
func pageOf(w http.ResponseWriter, r *http.Request) (int64, int, bool) {
	q := r.URL.Query()
	after, err1 := strconv.ParseInt(q.Get("after"), 10, 64)
	limit, err2 := strconv.Atoi(q.Get("limit"))
	if q.Get("after") == "" {
		after, err1 = 0, nil
	}
	if q.Get("limit") == "" {
		limit, err2 = defaultPage, nil
	}
	if err1 != nil || err2 != nil || after < 0 || limit < 1 {
		writeError(w, http.StatusBadRequest, wire.CodeBadRequest, "after and limit must be whole numbers")
		return 0, 0, false
	}
	return after, min(limit, maxPage), true
}

package upload

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"

	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
)

// NoticeSwap is what one exchange of notices of approval with the hub did
// (docs/submissions.md): notices handed over for the units below, those
// of the unit above recorded here, and those that did not verify.
type NoticeSwap struct {
	Sent     int
	Recorded exchange.NoticeReport
	Bad      []error // ErrStatementMalformed, ErrStatementForged or ErrStatementScope, one per notice
}

// SwapNotices hands the hub the notices this installation signed for the
// units below (a district, a province: SendNotices) and records the
// notices the hub holds for it (FetchNotices). c must be logged in as
// level's installation. Pull and the Uploader's rounds both use it, so a
// commune learns of an approval whichever way it talks to the hub.
func SwapNotices(ctx context.Context, ex *exchange.Config, c *Client, level string) (NoticeSwap, error) {
	var sw NoticeSwap
	var err error
	if level != keys.LevelCommune {
		if sw.Sent, err = SendNotices(ctx, ex, c); err != nil {
			return sw, err
		}
	}
	sw.Recorded, sw.Bad, err = FetchNotices(ctx, ex, c)
	return sw, err
}

// PutNotice hands the hub a notice of this unit's approvals of one unit
// below it (exchange.Notice), for that unit to fetch.
func (c *Client) PutNotice(ctx context.Context, file []byte) (wire.NoticeResult, error) {
	var res wire.NoticeResult
	resp, err := c.request(ctx, http.MethodPost, wire.PathNotices, bytes.NewReader(file), int64(len(file)), true)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	return res, decodeJSON(resp, &res)
}

// Notices lists every notice the hub holds for the logged-in unit, oldest
// first.
func (c *Client) Notices(ctx context.Context) ([]wire.Notice, error) {
	var all []wire.Notice
	for after := int64(0); ; {
		var page wire.Notices
		if err := c.call(ctx, http.MethodGet, wire.PathNotices+"?after="+strconv.FormatInt(after, 10), nil, &page, true); err != nil {
			return all, err
		}
		all = append(all, page.Notices...)
		if page.Next <= after {
			return all, nil
		}
		after = page.Next
	}
}

// SendNotices hands the hub, for every unit below about which this
// installation signed an approval, the notice of them all (the hub keeps
// one copy of each). It returns how many notices it handed over.
func SendNotices(ctx context.Context, ex *exchange.Config, c *Client) (int, error) {
	units, err := exchange.Noticed(ctx, ex)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, u := range units {
		file, _, err := exchange.Notice(ctx, ex, u)
		if err != nil {
			return sent, err
		}
		if _, err := c.PutNotice(ctx, file); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

// FetchNotices imports every notice the hub holds for this unit
// (exchange.ImportNotice: each checked against the unit above's key, in
// one transaction). A notice that does not verify is reported in the
// errors returned, and the others go on.
func FetchNotices(ctx context.Context, ex *exchange.Config, c *Client) (exchange.NoticeReport, []error, error) {
	var sum exchange.NoticeReport
	ns, err := c.Notices(ctx)
	if err != nil {
		return sum, nil, err
	}
	var bad []error
	for _, n := range ns {
		rep, err := exchange.ImportNotice(ctx, ex, []byte(n.File))
		if errors.Is(err, exchange.ErrStatementMalformed) || errors.Is(err, exchange.ErrStatementForged) ||
			errors.Is(err, exchange.ErrStatementScope) {
			bad = append(bad, err)
			continue
		}
		if err != nil {
			return sum, bad, err
		}
		sum.Statements += rep.Statements
		sum.New += rep.New
	}
	return sum, bad, nil
}

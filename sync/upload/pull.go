package upload

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// RosterState asks which roster of the logged-in unit the hub holds.
func (c *Client) RosterState(ctx context.Context) (wire.RosterState, error) {
	var s wire.RosterState
	return s, c.call(ctx, http.MethodGet, wire.PathRoster, nil, &s, true)
}

// PutRoster hands the hub a new roster file (wire.MakeRoster).
func (c *Client) PutRoster(ctx context.Context, file []byte) (wire.RosterState, error) {
	var s wire.RosterState
	resp, err := c.request(ctx, http.MethodPut, wire.PathRoster, bytes.NewReader(file), int64(len(file)), true)
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	return s, decodeJSON(resp, &s)
}

// PushRoster hands the hub the roster of the units this installation
// enrolled (trusted keys of units below), when it differs from the one
// the hub holds: the hub then accepts their uploads, and no longer those
// of keys revoked since. It returns the hub's state and whether a roster
// was sent.
func PushRoster(ctx context.Context, st *store.Store, c *Client, id *keys.Identity, now time.Time) (wire.RosterState, bool, error) {
	have, err := c.RosterState(ctx)
	if err != nil {
		return have, false, err
	}
	peers, err := st.PeerKeys(ctx, store.RoleBelow)
	if err != nil {
		return have, false, err
	}
	var files [][]byte
	var pubs []keys.PublicKey
	for _, p := range peers {
		k, err := keys.ParsePublic(p.KHKey)
		if p.Status != store.Trusted || err != nil {
			continue
		}
		files, pubs = append(files, p.KHKey), append(pubs, k)
	}
	if wire.KeysDigest(pubs) == have.KeysSHA256 || len(pubs) == 0 && have.Version == 0 {
		return have, false, nil
	}
	file, err := wire.MakeRoster(id, have.Version+1, now, files)
	if err != nil {
		return have, false, err
	}
	got, err := c.PutRoster(ctx, file)
	return got, err == nil, err
}

// PullOptions configure Pull.
type PullOptions struct {
	Inbox  string           // folder the bundles are saved in (next to the database)
	Import bool             // import them once downloaded
	Now    func() time.Time // the roster's issued time; time.Now when nil
}

// PullReport sums up a Pull.
type PullReport struct {
	Roster     wire.RosterState   // the roster the hub holds for this unit afterwards
	RosterSent bool               // a new roster was handed over
	Listed     int                // bundles the hub holds for this unit
	Known      int                // of which imported or held here already
	Files      []string           // bundles downloaded (or found intact in the inbox folder)
	Failed     []error            // downloads that did not match the hub's list (ErrBadDownload)
	Outcomes   []exchange.Outcome // with Import: what became of each
	// Notices of approval (docs/submissions.md): handed over for the
	// units below, and those of the unit above recorded here.
	NoticesSent int
	Notices     exchange.NoticeReport
}

// Pull logs in, hands over the roster and the notices of approval
// (districts and provinces), records the notices of the unit above, lists the
// bundles addressed to this unit, downloads those not imported or held
// yet, and with Import imports them (exchange.Import: each verified and
// merged in its own transaction). A download that does not match the
// hub's list is skipped (reported in Failed and the error); the others go
// on.
func Pull(ctx context.Context, ex *exchange.Config, c *Client, o PullOptions) (PullReport, error) {
	var rep PullReport
	id, err := setup.Identity(ctx, ex.Store)
	if err != nil {
		return rep, err
	}
	if err := c.Login(ctx, id); err != nil {
		return rep, err
	}
	if id.Level != keys.LevelCommune {
		now := time.Now
		if o.Now != nil {
			now = o.Now
		}
		if rep.Roster, rep.RosterSent, err = PushRoster(ctx, ex.Store, c, id, now()); err != nil {
			return rep, err
		}
	}
	sw, err := SwapNotices(ctx, ex, c, id.Level)
	rep.NoticesSent, rep.Notices = sw.Sent, sw.Recorded
	rep.Failed = append(rep.Failed, sw.Bad...)
	if err != nil {
		return rep, err
	}
	entries, err := c.Inbox(ctx)
	if err != nil {
		return rep, err
	}
	rep.Listed = len(entries)
	for _, e := range entries {
		known, err := ex.Store.Known(ctx, e.ManifestSHA256)
		if err != nil {
			return rep, err
		}
		if known {
			rep.Known++
			continue
		}
		path, err := c.Download(ctx, e, o.Inbox)
		if errors.Is(err, ErrBadDownload) {
			rep.Failed = append(rep.Failed, err) // the others may still be good
			continue
		}
		if err != nil {
			return rep, err
		}
		rep.Files = append(rep.Files, path)
	}
	if o.Import && len(rep.Files) > 0 {
		if rep.Outcomes, err = exchange.Import(ctx, ex, rep.Files, nil); err != nil {
			return rep, err
		}
	}
	return rep, errors.Join(rep.Failed...)
}

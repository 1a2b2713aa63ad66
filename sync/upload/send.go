package upload

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"

	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
	"sokhuyenhoc/sync/setup"
)

// Receipt is a hub's verified answer to an upload.
type Receipt struct {
	File      []byte // the receipt file (khr/1), as stored with the bundle
	Duplicate bool   // the hub held the bundle already (same receipt as before)
	Equivocal bool   // the hub holds another bundle with the same origin and number
}

// Upload sends one bundle file and returns the hub's receipt, checked
// against the pinned hub key: signed by it, for the bundle's origin, naming
// the bundle's manifest and the bytes sent. The client must be logged in
// (Login) as the bundle's origin; a token that expired meanwhile is
// renewed once.
func (c *Client) Upload(ctx context.Context, path string) (Receipt, error) {
	if c.key.IsZero() {
		return Receipt{}, fmt.Errorf("%w: no hub key pinned", ErrBadReceipt)
	}
	r, err := c.upload(ctx, path)
	if errors.Is(err, ErrLogin) && c.id != nil {
		if err := c.Login(ctx, c.id); err != nil {
			return Receipt{}, err
		}
		r, err = c.upload(ctx, path)
	}
	return r, err
}

func (c *Client) upload(ctx context.Context, path string) (Receipt, error) {
	f, err := os.Open(path)
	if err != nil {
		return Receipt{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Receipt{}, err
	}
	b, err := bundle.Open(f, st.Size())
	if err != nil {
		return Receipt{}, err
	}
	sum := sha256.New()
	resp, err := c.request(ctx, http.MethodPost, wire.PathBundles, io.TeeReader(io.NewSectionReader(f, 0, st.Size()), sum), st.Size(), true)
	if err != nil {
		return Receipt{}, err
	}
	defer resp.Body.Close()
	var res wire.UploadResult
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&res); err != nil {
		return Receipt{}, fmt.Errorf("%w: unreadable answer: %w", ErrUnavailable, err)
	}
	file := []byte(res.Receipt)
	if err := c.checkReceipt(file, b.Manifest(), bundle.ManifestHashHex(b.ManifestBytes()), hex.EncodeToString(sum.Sum(nil))); err != nil {
		return Receipt{}, err
	}
	return Receipt{File: file, Duplicate: res.Duplicate, Equivocal: res.Equivocal}, nil
}

// checkReceipt verifies a hub receipt for the bundle sent.
func (c *Client) checkReceipt(file []byte, m bundle.Manifest, manifestSHA, fileSHA string) error {
	r, err := receipt.Verify(file, c.key.Public())
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadReceipt, err)
	}
	e, ok := r.Find(manifestSHA)
	if r.Issuer != receipt.IssuerHub || r.For != m.Origin.Ref.String() || !ok || e.Seq != m.Seq ||
		e.Site != m.Origin.Site || e.FileSHA256 != fileSHA {
		return fmt.Errorf("%w: it does not name the bundle sent", ErrBadReceipt)
	}
	return nil
}

// Sent is what became of one bundle of the outbox.
type Sent struct {
	Seq     int64
	File    string
	Receipt Receipt
	Err     error // nil when the receipt was recorded
}

// SendOptions configure Send.
type SendOptions struct {
	Make     bool       // first bundle the changes since the last bundle (exchange.Make)
	Retry    Retry      // retries of a bundle whose upload failed for a passing reason
	Progress func(Sent) // called after each bundle
}

// SendReport sums up a Send.
type SendReport struct {
	Made    int    // bundles made first
	Sent    []Sent // one per bundle tried
	Pending int    // bundles still without a receipt afterwards
}

// Send uploads every bundle made and not yet acknowledged, oldest first,
// and records each verified receipt (store.AckOut, and the bundle counts
// as sent). It stops at the first bundle the hub cannot take now
// (ErrUnavailable): the next ones would fail alike. It returns nil only
// when every bundle has a receipt.
func Send(ctx context.Context, ex *exchange.Config, c *Client, o SendOptions) (SendReport, error) {
	var rep SendReport
	if o.Make {
		made, err := exchange.Make(ctx, ex)
		if err != nil && !errors.Is(err, exchange.ErrNothing) {
			return rep, err
		}
		rep.Made = len(made)
	}
	pending, err := ex.Store.Unacked(ctx)
	if err != nil {
		return rep, err
	}
	if len(pending) > 0 {
		if _, err := loginAs(ctx, ex, c, o.Retry); err != nil {
			rep.Pending, _ = ex.Store.CountUnacked(ctx)
			return rep, err
		}
	}
	var first error
	for _, b := range pending {
		s := Sent{Seq: b.Seq, File: b.File}
		err := o.Retry.Do(ctx, func() error {
			var err error
			s.Receipt, err = c.Upload(ctx, b.File)
			return err
		})
		if err == nil {
			err = record(ctx, ex, b.ManifestSHA256, b.Seq, b.SentAt == "", s.Receipt.File)
		}
		s.Err = err
		rep.Sent = append(rep.Sent, s)
		if o.Progress != nil {
			o.Progress(s)
		}
		if err != nil && first == nil {
			first = err
		}
		if isTemporary(err) || ctx.Err() != nil {
			break
		}
	}
	rep.Pending, err = ex.Store.CountUnacked(ctx)
	return rep, errors.Join(first, err)
}

// loginAs logs c in as this installation, retrying as r says, and
// returns its identity. A hub that knows no key of this unit refuses it
// for good, for now: ErrUntrusted (ErrRefused).
func loginAs(ctx context.Context, ex *exchange.Config, c *Client, r Retry) (*keys.Identity, error) {
	id, err := setup.Identity(ctx, ex.Store)
	if err != nil {
		return nil, err
	}
	if err := r.Do(ctx, func() error { return c.Login(ctx, id) }); err != nil {
		if errors.Is(err, ErrLogin) {
			err = fmt.Errorf("%w: %w", ErrUntrusted, ErrRefused)
		}
		return nil, err
	}
	return id, nil
}

// record stores a verified receipt with its bundle.
func record(ctx context.Context, ex *exchange.Config, manifestSHA string, seq int64, markSent bool, file []byte) error {
	if err := ex.Store.AckOut(ctx, manifestSHA, string(file)); err != nil {
		return err
	}
	if markSent {
		return ex.Store.MarkSent(ctx, seq)
	}
	return nil
}

package upload

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/receipt"
)

// Settings is what an installation remembers about its hub, in the
// store's meta table.
type Settings struct {
	URL string // the hub's address
	Key string // the hub's receipt key (minisign key line), pinned at first use
	CA  []byte // PEM certificates trusted for the hub's TLS, if private
}

// LoadSettings reads the hub settings.
func LoadSettings(ctx context.Context, st *store.Store) (Settings, error) {
	var s Settings
	var ca string
	for _, f := range []struct {
		key string
		dst *string
	}{{store.MetaHubURL, &s.URL}, {store.MetaHubKey, &s.Key}, {store.MetaHubCA, &ca}} {
		v, err := st.Meta(ctx, f.key)
		if err != nil {
			return s, err
		}
		*f.dst = v
	}
	if ca != "" {
		s.CA = []byte(ca)
	}
	return s, nil
}

// SaveSettings writes the hub settings.
func SaveSettings(ctx context.Context, st *store.Store, s Settings) error {
	for k, v := range map[string]string{store.MetaHubURL: s.URL, store.MetaHubKey: s.Key, store.MetaHubCA: string(s.CA)} {
		if err := st.SetMeta(ctx, k, v); err != nil {
			return err
		}
	}
	return nil
}

// ConnectOptions override the remembered settings; what they set is
// remembered for the next time.
type ConnectOptions struct {
	URL  string       // another hub address: its key is pinned anew
	Key  string       // the hub key, given explicitly (replaces the pinned one)
	CA   []byte       // PEM certificates for a hub with a private certificate
	HTTP *http.Client // another HTTP client (tests)
}

// Connect makes a client of the installation's hub and pins the hub's
// receipt key: the key given, else the one pinned earlier, else the one the
// hub serves now (trust on first use). A hub serving another key than the
// pinned one is refused (ErrHubKeyChanged). Errors: ErrNoHub, ErrUnavailable
// when no key is pinned yet and the hub cannot be reached.
func Connect(ctx context.Context, st *store.Store, o ConnectOptions) (*Client, error) {
	s, err := LoadSettings(ctx, st)
	if err != nil {
		return nil, err
	}
	before := s
	if o.URL != "" && o.URL != s.URL {
		s.URL, s.Key = o.URL, ""
	}
	if o.CA != nil {
		s.CA = o.CA
	}
	if o.Key != "" {
		s.Key = o.Key
	}
	if s.URL == "" {
		return nil, ErrNoHub
	}
	c, err := NewClient(s.URL, Options{CA: s.CA, HTTP: o.HTTP})
	if err != nil {
		return nil, err
	}
	if s.URL != before.URL || s.Key != before.Key || string(s.CA) != string(before.CA) {
		if err := SaveSettings(ctx, st, s); err != nil { // remembered even if the hub is away now
			return nil, err
		}
	}
	if c.key, err = pin(ctx, c, s.Key); err != nil {
		return c, err
	}
	if k := c.key.String(); k != s.Key {
		s.Key = k
		return c, SaveSettings(ctx, st, s)
	}
	return c, nil
}

// pin returns the key to check receipts against.
func pin(ctx context.Context, c *Client, pinned string) (receipt.Key, error) {
	var want receipt.Key
	if pinned != "" {
		k, err := receipt.ParseKey(pinned)
		if err != nil {
			return k, fmt.Errorf("%w: %w", ErrHubKeyChanged, err)
		}
		want = k
	}
	got, err := c.FetchKey(ctx)
	switch {
	case err != nil && !want.IsZero() && errors.Is(err, ErrUnavailable):
		return want, nil // offline: the pinned key stands
	case err != nil:
		return want, err
	case !want.IsZero() && got.String() != want.String():
		return want, fmt.Errorf("%w: pinned %s, the hub serves %s", ErrHubKeyChanged, want.KeyID(), got.KeyID())
	}
	return got, nil
}

package upload

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

// Client talks to one hub.
type Client struct {
	base  string
	http  *http.Client
	key   receipt.Key
	token string
	id    *keys.Identity // the identity logged in with, to renew the token
}

// Options configure NewClient.
type Options struct {
	CA   []byte       // PEM certificates to trust for a hub with a private certificate
	HTTP *http.Client // another HTTP client (tests); CA is then ignored
	Key  receipt.Key  // the hub's receipt key, when already pinned
}

// NewClient makes a client of the hub at rawURL (http:// or https://).
func NewClient(rawURL string, o Options) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(rawURL), "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return nil, fmt.Errorf("%w: %q is not an http:// or https:// address", ErrNoHub, rawURL)
	}
	hc := o.HTTP
	if hc == nil {
		if hc, err = newHTTPClient(o.CA); err != nil {
			return nil, err
		}
	}
	return &Client{base: u.String(), http: hc, key: o.Key}, nil
}

// newHTTPClient bounds every phase of a request but the body itself, which
// may be large on a slow line (the context bounds it).
func newHTTPClient(ca []byte) (*http.Client, error) {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 2 * time.Minute,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
	}
	if len(ca) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(ca) {
			return nil, fmt.Errorf("%w: no certificate in the CA file", ErrNoHub)
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr}, nil
}

// URL returns the hub's base address.
func (c *Client) URL() string { return c.base }

// Key returns the hub key receipts are checked against (zero until pinned).
func (c *Client) Key() receipt.Key { return c.key }

// request sends one request; a non-2xx answer becomes a *HubError and a
// failure to reach the hub wraps ErrUnavailable.
func (c *Client) request(ctx context.Context, method, path string, body io.Reader, size int64, auth bool) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.ContentLength = size
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return resp, nil
	}
	defer resp.Body.Close()
	var we wire.Error
	json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&we)
	return nil, &HubError{Status: resp.StatusCode, Code: we.Code, Message: we.Message, RetryAfter: retryAfter(resp.Header)}
}

// call sends a JSON body (or none) and decodes a JSON answer into out.
func (c *Client) call(ctx context.Context, method, path string, in, out any, auth bool) error {
	var body io.Reader
	var size int64
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body, size = bytes.NewReader(b), int64(len(b))
	}
	resp, err := c.request(ctx, method, path, body, size, auth)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return decodeJSON(resp, out)
}

// Health reports whether the hub answers (nil) or not (ErrUnavailable).
func (c *Client) Health(ctx context.Context) error {
	var h wire.Health
	if err := c.call(ctx, http.MethodGet, wire.PathHealth, nil, &h, false); err != nil {
		return err
	}
	if h.Status != "ok" {
		return fmt.Errorf("%w: health %q", ErrUnavailable, h.Status)
	}
	return nil
}

// FetchKey asks the hub for its receipt key. It proves nothing by itself:
// see Connect for how the key is pinned.
func (c *Client) FetchKey(ctx context.Context) (receipt.Key, error) {
	var hk wire.HubKey
	if err := c.call(ctx, http.MethodGet, wire.PathHubKey, nil, &hk, false); err != nil {
		return receipt.Key{}, err
	}
	k, err := receipt.ParseKey(hk.MinisignPublicKey)
	if err != nil || hk.Format != wire.FormatHubKey || k.KeyID() != hk.KeyID {
		return receipt.Key{}, fmt.Errorf("%w: the hub's key document is not valid", ErrRefused)
	}
	return k, nil
}

// isTemporary reports an error worth retrying.
func isTemporary(err error) bool { return errors.Is(err, ErrUnavailable) }

// decodeJSON reads a JSON answer.
func decodeJSON(resp *http.Response, out any) error {
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(out); err != nil {
		return fmt.Errorf("%w: unreadable answer: %w", ErrUnavailable, err)
	}
	return nil
}

package hub_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
)

// forwarder relays TCP connections to a server until cut: then the server
// is unreachable, as over a lost network link.
type forwarder struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func forward(t *testing.T, target string) *forwarder {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &forwarder{ln: ln}
	t.Cleanup(f.cut)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			f.mu.Lock()
			f.conns = append(f.conns, c, s)
			f.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
	return f
}

func (f *forwarder) addr() string { return f.ln.Addr().String() }

func (f *forwarder) cut() {
	f.ln.Close()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.conns {
		c.Close()
	}
}

func (th *testHub) health() (int, wire.Health) {
	th.t.Helper()
	a := th.do(http.MethodGet, wire.PathHealth, nil, "")
	var h wire.Health
	json.Unmarshal(a.body, &h)
	return a.status, h
}

// The health check says which part of the storage cannot be reached.
func TestHealth_ReportsTheIndexAndTheObjects(t *testing.T) {
	dir := t.TempDir()
	cfg := hub.Config{Dir: dir}
	var cutBlobs, cutIndex func()
	if rb, ok := current.(*remoteBackend); ok {
		sc := rb.storageConfig(t, dir)
		s3 := forward(t, strings.TrimPrefix(rb.srv.S3Endpoint, "http://"))
		u, _ := url.Parse(sc.Index)
		pg := forward(t, u.Host)
		u.Host = pg.addr()
		sc.Index, sc.S3.Endpoint = u.String(), "http://"+s3.addr()
		cfg.Storage = func() (hub.Storage, error) { return hub.OpenStorage(t.Context(), sc) }
		cutBlobs, cutIndex = s3.cut, pg.cut
	} else {
		cutBlobs = func() { os.RemoveAll(filepath.Join(dir, "objects")) }
	}
	th := startHub(t, cfg)
	if status, h := th.health(); status != http.StatusOK || h != (wire.Health{Status: "ok", Index: "ok", Blobs: "ok"}) {
		t.Fatalf("health: %d %+v", status, h)
	}
	cutBlobs()
	if status, h := th.health(); status != http.StatusServiceUnavailable || h != (wire.Health{Status: "unavailable", Index: "ok", Blobs: "unreachable"}) {
		t.Fatalf("health without the objects: %d %+v", status, h)
	}
	if cutIndex == nil {
		return // the SQLite file is in the hub's own folder: no link to cut
	}
	cutIndex()
	if status, h := th.health(); status != http.StatusServiceUnavailable || h.Index != "unreachable" {
		t.Fatalf("health without the index: %d %+v", status, h)
	}
}

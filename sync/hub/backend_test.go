package hub_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/hubtest"
)

// backend is the storage the suite runs on: every test of this package
// runs twice, first on the folder and SQLite file, then on PostgreSQL and
// the S3 server (servers_test.go).
type backend interface {
	name() string
	// storage opens the storage of a hub folder; the same folder (a
	// restart) finds the same schema and prefix.
	storage(t testing.TB, dir string) func() (hub.Storage, error)
	// objects lists the names of the objects stored for a hub folder, as
	// "<sha256>.khb"; object reads one.
	objects(t testing.TB, dir string) []string
	object(t testing.TB, dir, name string) []byte
	// everything returns every byte the storage holds for a hub folder
	// (objects, files, index rows), for the confidentiality test.
	everything(t testing.TB, dir string) [][]byte
	// shared reports storage several instances can share.
	shared() bool
}

var current backend = folderBackend{}

func TestMain(m *testing.M) {
	if cc := os.Getenv(childEnv); cc != "" {
		runChild(cc) // this process is a hub the tests kill
	}
	flag.Parse()
	fmt.Println("=== hub storage: folder + SQLite")
	code := m.Run()
	if code != 0 || os.Getenv("KH_HUB_FOLDER_ONLY") != "" {
		os.Exit(code)
	}
	srv, err := hubtest.Start()
	if err != nil {
		fmt.Fprintf(os.Stderr, "\n%s\n!!! SKIPPED: the hub suite on PostgreSQL + S3 did not run: %v\n%s\n\n",
			strings.Repeat("!", 78), err, strings.Repeat("!", 78))
		if os.Getenv("KH_HUB_REQUIRE_SERVERS") != "" {
			os.Exit(1)
		}
		os.Exit(0)
	}
	fmt.Printf("=== hub storage: PostgreSQL (%s) + S3 (VersityGW %s at %s)\n", srv.PGURL, hubtest.VersityGWVersion, srv.S3Endpoint)
	current = &remoteBackend{srv: srv, dirs: map[string]remoteHub{}}
	code = m.Run()
	srv.Stop()
	os.Exit(code)
}

// folderBackend is the embedded default.
type folderBackend struct{}

func (folderBackend) name() string { return "folder" }
func (folderBackend) shared() bool { return false }

func (folderBackend) storage(testing.TB, string) func() (hub.Storage, error) { return nil }

func (folderBackend) objects(t testing.TB, dir string) []string {
	var out []string
	for _, p := range listFiles(t, filepath.Join(dir, "objects")) {
		out = append(out, filepath.Base(p))
	}
	return out
}

func (folderBackend) object(t testing.TB, dir, name string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, "objects", name[:2], name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (folderBackend) everything(t testing.TB, dir string) [][]byte {
	var out [][]byte
	for _, f := range listFiles(t, dir) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// remoteBackend gives each hub folder its own PostgreSQL schema and its
// own prefix in the bucket.
type remoteBackend struct {
	srv  *hubtest.Servers
	mu   sync.Mutex
	dirs map[string]remoteHub
}

type remoteHub struct {
	index, prefix string
}

func (*remoteBackend) name() string { return "postgres+s3" }
func (*remoteBackend) shared() bool { return true }

func (rb *remoteBackend) hubFor(t testing.TB, dir string) remoteHub {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	if h, ok := rb.dirs[dir]; ok {
		return h
	}
	index, prefix, err := rb.srv.NewHub(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h := remoteHub{index: index, prefix: prefix}
	rb.dirs[dir] = h
	return h
}

// storageConfig is what `hub serve --index … --blobs …` would open.
func (rb *remoteBackend) storageConfig(t testing.TB, dir string) hub.StorageConfig {
	h := rb.hubFor(t, dir)
	return hub.StorageConfig{Dir: dir, Index: h.index, Blobs: "s3://" + hubtest.S3Bucket + "/" + h.prefix,
		S3: hub.S3Options{Endpoint: rb.srv.S3Endpoint, AccessKey: hubtest.S3Access, SecretKey: hubtest.S3Secret}}
}

func (rb *remoteBackend) storage(t testing.TB, dir string) func() (hub.Storage, error) {
	return rb.sharedStorage(t, dir, dir)
}

// sharedStorage is the storage of the hub folder owner, for another
// instance whose own folder (its tmp/) is dir.
func (rb *remoteBackend) sharedStorage(t testing.TB, owner, dir string) func() (hub.Storage, error) {
	sc := rb.storageConfig(t, owner)
	sc.Dir = dir
	return func() (hub.Storage, error) { return hub.OpenStorage(context.Background(), sc) }
}

func (rb *remoteBackend) objects(t testing.TB, dir string) []string {
	var out []string
	for _, k := range hubtest.Keys(t, rb.srv.S3Endpoint, rb.hubFor(t, dir).prefix+"/bundles/") {
		out = append(out, k[strings.LastIndex(k, "/")+1:])
	}
	return out
}

func (rb *remoteBackend) object(t testing.TB, dir, name string) []byte {
	return hubtest.Get(t, rb.srv.S3Endpoint, rb.hubFor(t, dir).prefix+"/bundles/"+name[:2]+"/"+name)
}

func (rb *remoteBackend) everything(t testing.TB, dir string) [][]byte {
	out := folderBackend{}.everything(t, dir)
	h := rb.hubFor(t, dir)
	for _, k := range hubtest.Keys(t, rb.srv.S3Endpoint, h.prefix+"/") {
		out = append(out, hubtest.Get(t, rb.srv.S3Endpoint, k))
	}
	for _, table := range []string{"bundle", "roster", "enrolled", "used_nonce"} {
		rows, err := hubtest.PGQuery(context.Background(), h.index, "SELECT t::text FROM "+table+" t")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out = append(out, []byte(r))
		}
	}
	return out
}

// folderOnly skips a test of the folder's own layout on the other storage.
func folderOnly(t *testing.T) {
	if current.name() != "folder" {
		t.Skipf("a test of the folder storage's layout; this pass is on %s", current.name())
	}
}

// sharedOnly skips a test of several instances on storage they cannot share.
func sharedOnly(t *testing.T) {
	if !current.shared() {
		t.Skipf("several instances need shared storage; this pass is on %s (the next is on postgres+s3)", current.name())
	}
}

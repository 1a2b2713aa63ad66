package hub_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"

	"sokhuyenhoc/sync/hub"
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
	srv, err := startServers()
	if err != nil {
		fmt.Fprintf(os.Stderr, "\n%s\n!!! SKIPPED: the hub suite on PostgreSQL + S3 did not run: %v\n%s\n\n",
			strings.Repeat("!", 78), err, strings.Repeat("!", 78))
		if os.Getenv("KH_HUB_REQUIRE_SERVERS") != "" {
			os.Exit(1)
		}
		os.Exit(0)
	}
	fmt.Printf("=== hub storage: PostgreSQL (%s) + S3 (VersityGW %s at %s)\n", srv.pgURL, versitygwVersion, srv.s3Endpoint)
	current = &remoteBackend{srv: srv, dirs: map[string]remoteHub{}}
	code = m.Run()
	srv.stop()
	os.Exit(code)
}

// folderBackend is the embedded default.
type folderBackend struct{}

func (folderBackend) name() string { return "folder" }
func (folderBackend) shared() bool { return false }

func (folderBackend) storage(testing.TB, string) func() (hub.Storage, error) { return nil }

func (folderBackend) objects(t testing.TB, dir string) []string {
	var out []string
	for _, p := range listFiles(t.(*testing.T), filepath.Join(dir, "objects")) {
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
	for _, f := range listFiles(t.(*testing.T), dir) {
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
	srv  *servers
	mu   sync.Mutex
	dirs map[string]remoteHub
	n    int
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
	rb.n++
	name := fmt.Sprintf("h%d", rb.n)
	index, err := newSchema(context.Background(), rb.srv.pgURL, name)
	if err != nil {
		t.Fatal(err)
	}
	h := remoteHub{index: index, prefix: name}
	rb.dirs[dir] = h
	return h
}

// storageConfig is what `hub serve --index … --blobs …` would open.
func (rb *remoteBackend) storageConfig(t testing.TB, dir string) hub.StorageConfig {
	h := rb.hubFor(t, dir)
	return hub.StorageConfig{Dir: dir, Index: h.index, Blobs: "s3://" + s3Bucket + "/" + h.prefix,
		S3: hub.S3Options{Endpoint: rb.srv.s3Endpoint, AccessKey: s3Access, SecretKey: s3Secret}}
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
	for _, k := range s3Keys(t, rb.srv.s3Endpoint, rb.hubFor(t, dir).prefix+"/bundles/") {
		out = append(out, k[strings.LastIndex(k, "/")+1:])
	}
	return out
}

func (rb *remoteBackend) object(t testing.TB, dir, name string) []byte {
	return s3Get(t, rb.srv.s3Endpoint, rb.hubFor(t, dir).prefix+"/bundles/"+name[:2]+"/"+name)
}

func (rb *remoteBackend) everything(t testing.TB, dir string) [][]byte {
	out := folderBackend{}.everything(t, dir)
	h := rb.hubFor(t, dir)
	for _, k := range s3Keys(t, rb.srv.s3Endpoint, h.prefix+"/") {
		out = append(out, s3Get(t, rb.srv.s3Endpoint, k))
	}
	for _, table := range []string{"bundle", "roster", "enrolled", "used_nonce"} {
		rows, err := pgQuery(context.Background(), h.index, "SELECT t::text FROM "+table+" t")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out = append(out, []byte(r))
		}
	}
	return out
}

// The S3 server seen by the tests themselves, with the SDK.
func s3Client(endpoint string) *s3.Client {
	return s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(s3Access, s3Secret, ""), Logger: logging.Nop{}})
}

func createBucket(ctx context.Context, endpoint string) error {
	_, err := s3Client(endpoint).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(s3Bucket)})
	return err
}

func s3Keys(t testing.TB, endpoint, prefix string) []string {
	t.Helper()
	var out []string
	p := s3.NewListObjectsV2Paginator(s3Client(endpoint), &s3.ListObjectsV2Input{Bucket: aws.String(s3Bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			out = append(out, aws.ToString(o.Key))
		}
	}
	return out
}

func s3Get(t testing.TB, endpoint, key string) []byte {
	t.Helper()
	res, err := s3Client(endpoint).GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(s3Bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// s3Put writes an object directly (a corrupted copy, for the scrub).
func s3Put(t testing.TB, endpoint, key string, b []byte) {
	t.Helper()
	if _, err := s3Client(endpoint).PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(s3Bucket),
		Key: aws.String(key), Body: bytes.NewReader(b)}); err != nil {
		t.Fatal(err)
	}
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

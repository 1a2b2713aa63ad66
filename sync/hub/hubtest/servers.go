// Package hubtest starts, for tests, the servers a hub on PostgreSQL and
// S3 runs against: a real PostgreSQL from Debian's package in a temporary
// folder, and a real S3 server (VersityGW, built from the Go module proxy:
// see ../testdata/s3server), both on loopback. Only tests import it.
package hubtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// VersityGWVersion is the version pinned in testdata/s3server/go.mod.
const VersityGWVersion = "v1.8.0"

// S3 credentials and bucket of the test server (loopback only).
const (
	S3Access = "khtestaccess"
	S3Secret = "khtestsecret-not-a-real-one"
	S3Bucket = "hub"
)

// Servers are the running PostgreSQL and S3 server.
type Servers struct {
	PGURL      string // postgres://… of the database "postgres"
	S3Endpoint string // http://127.0.0.1:port, bucket S3Bucket made
	stops      []func()
	mu         sync.Mutex
	n          int
}

// Stop stops both and removes their files.
func (s *Servers) Stop() {
	for i := len(s.stops) - 1; i >= 0; i-- {
		s.stops[i]()
	}
}

// Start starts both, or says why it cannot.
func Start() (*Servers, error) {
	root, err := os.MkdirTemp("", "hubservers-")
	if err != nil {
		return nil, err
	}
	os.Chmod(root, 0o755)
	s := &Servers{stops: []func(){func() { os.RemoveAll(root) }}}
	if s.PGURL, err = startPostgres(s, filepath.Join(root, "pg")); err != nil {
		s.Stop()
		return nil, fmt.Errorf("PostgreSQL: %w", err)
	}
	if s.S3Endpoint, err = startS3(s, filepath.Join(root, "s3")); err != nil {
		s.Stop()
		return nil, fmt.Errorf("S3 server: %w", err)
	}
	return s, nil
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// pgBin finds the newest PostgreSQL server binaries Debian installed.
func pgBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no pg_ctl: install Debian's package postgresql (make test does)")
}

// asUser runs PostgreSQL's tools: as root they refuse to run, so they run
// as the postgres account the package made (or nobody).
func asUser(cmd *exec.Cmd, dir string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		if u, err = user.Lookup("nobody"); err != nil {
			return err
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	}); err != nil {
		return err
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	return nil
}

func startPostgres(s *Servers, dir string) (string, error) {
	bin, err := pgBin()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	port, err := freePort()
	if err != nil {
		return "", err
	}
	run := func(name string, args ...string) error {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
		if err := asUser(cmd, dir); err != nil {
			return err
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %w\n%s", name, err, out)
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	if err := run("initdb", "-D", data, "-U", "hub", "--auth=trust", "-E", "UTF8", "--no-sync"); err != nil {
		return "", err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=300", port, dir)
	if err := run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "-t", "120", "start"); err != nil {
		return "", err
	}
	s.stops = append(s.stops, func() { run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop") })
	return fmt.Sprintf("postgres://hub@127.0.0.1:%d/postgres?sslmode=disable", port), nil
}

// versitygw returns the S3 server's binary: KH_VERSITYGW, or one built
// earlier into the user cache, or one built now from the pinned module.
func versitygw() (string, error) {
	if p := os.Getenv("KH_VERSITYGW"); p != "" {
		return p, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	bin := filepath.Join(cache, "sokhuyenhoc", "versitygw-"+VersityGWVersion)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	_, file, _, _ := runtime.Caller(0)
	mod := filepath.Join(filepath.Dir(file), "..", "testdata", "s3server")
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(goBin, "build", "-C", mod, "-o", bin+".partial", "github.com/versity/versitygw/cmd/versitygw")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building VersityGW %s: %w\n%s", VersityGWVersion, err, out)
	}
	return bin, os.Rename(bin+".partial", bin)
}

func startS3(s *Servers, dir string) (string, error) {
	bin, err := versitygw()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Join(dir, "root"), 0o700); err != nil {
		return "", err
	}
	port, err := freePort()
	if err != nil {
		return "", err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	logf, err := os.Create(filepath.Join(dir, "log"))
	if err != nil {
		return "", err
	}
	cmd := exec.Command(bin, "--access", S3Access, "--secret", S3Secret, "--port", addr, "--quiet",
		"posix", "--sidecar", filepath.Join(dir, "meta"), filepath.Join(dir, "root"))
	os.MkdirAll(filepath.Join(dir, "meta"), 0o700)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	s.stops = append(s.stops, func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		logf.Close()
	})
	endpoint := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(endpoint + "/")
		if err == nil {
			resp.Body.Close()
			break
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(dir, "log"))
			return "", fmt.Errorf("VersityGW exited: %v\n%s", err, log)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return "", errors.New("VersityGW did not answer within 60 s")
		}
	}
	if err := createBucket(context.Background(), endpoint); err != nil {
		return "", err
	}
	return endpoint, nil
}

// NewHub gives one hub its own place on the servers: an empty schema and
// a prefix of the bucket, both named h<N>. It returns the index address
// (search_path set to the schema) and the prefix.
func (s *Servers) NewHub(ctx context.Context) (index, prefix string, err error) {
	s.mu.Lock()
	s.n++
	name := fmt.Sprintf("h%d", s.n)
	s.mu.Unlock()
	conn, err := pgx.Connect(ctx, s.PGURL)
	if err != nil {
		return "", "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", "", err
	}
	return s.PGURL + "&search_path=" + name, name, nil
}

// PGQuery runs one query at an index address and returns the rows as text.
func PGQuery(ctx context.Context, url, q string, args ...any) ([]string, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (string, error) {
		vals, err := r.Values()
		parts := make([]string, len(vals))
		for n, v := range vals {
			parts[n] = fmt.Sprint(v)
		}
		return strings.Join(parts, "|"), err
	})
}

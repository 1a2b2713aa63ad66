package hub_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

// childConfig is what a hub run as a child process of the tests opens.
type childConfig struct {
	Storage hub.StorageConfig
	Trust   []string // .khkey files
}

// childEnv names the environment variable that makes the test binary a hub.
const childEnv = "KH_HUB_CHILD"

// runChild serves a hub on loopback, printing its URL, until killed.
func runChild(raw string) {
	var cc childConfig
	if err := json.Unmarshal([]byte(raw), &cc); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cfg := hub.Config{Dir: cc.Storage.Dir, Storage: func() (hub.Storage, error) {
		return hub.OpenStorage(context.Background(), cc.Storage)
	}}
	for _, f := range cc.Trust {
		b, _ := os.ReadFile(f)
		k, err := keys.ParsePublic(b)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		cfg.Trust = append(cfg.Trust, k)
	}
	h, err := hub.Open(context.Background(), cfg)
	if err == nil {
		var ln net.Listener
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err == nil {
			fmt.Println("http://" + ln.Addr().String())
			err = h.Serve(context.Background(), ln, "", "")
		}
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// child is a hub process the test can kill -9.
type child struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{}
}

func startChild(t *testing.T, cc childConfig) *child {
	b, _ := json.Marshal(cc)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(b))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(c.done) }()
	t.Cleanup(c.kill)
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("the child hub did not start: %v", err)
	}
	c.url = strings.TrimSpace(line)
	return c
}

func (c *child) kill() {
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
}

// viewOf is a test hub at the child's address (its key from /v1/hub-key).
func viewOf(t *testing.T, c *child, dir string) *testHub {
	resp, err := http.Get(c.url + wire.PathHubKey)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var hk wire.HubKey
	json.NewDecoder(resp.Body).Decode(&hk)
	key, err := receipt.ParseKey(hk.MinisignPublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return &testHub{t: t, url: c.url, cfg: hub.Config{Dir: dir}, tokens: map[string]string{}, key: key}
}

// The hub process is killed (SIGKILL) while a body streams in: nothing is
// stored, and a hub started again on the same storage takes the retry as
// a new bundle (201), once.
func TestKill_MidBodyLeavesNothingHalfStored(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	dir := t.TempDir()
	trust := filepath.Join(t.TempDir(), "c.khkey")
	os.WriteFile(trust, khkey(t, c), 0o600)
	sc := hub.StorageConfig{Dir: dir}
	if rb, ok := current.(*remoteBackend); ok {
		sc = rb.storageConfig(t, dir)
	}
	proc := startChild(t, childConfig{Storage: sc, Trust: []string{trust}})
	view := viewOf(t, proc, dir)
	b := seal(t, c, district, 1, 300)
	pw, res := startUpload(view, view.tokenFor(b))
	pw.Write(b[:len(b)/2])
	waitFor(t, "half the body staged by the child", func() bool { return len(view.staged()) == 1 })
	proc.kill()
	pw.CloseWithError(io.ErrUnexpectedEOF)
	if a := <-res; a.status == http.StatusCreated || a.status == http.StatusOK {
		t.Fatalf("an upload to a killed hub got %d", a.status)
	}
	if got := current.objects(t, dir); len(got) != 0 {
		t.Fatalf("a killed upload left objects %v", got)
	}
	th := startHub(t, hub.Config{Dir: dir, Trust: []keys.PublicKey{c.Public()}, Storage: current.storage(t, dir)})
	if got := th.staged(); len(got) != 0 {
		t.Fatalf("the restart left staged bodies %v", got)
	}
	th.mustAccept(b, http.StatusCreated)
	th.mustAccept(b, http.StatusOK)
}

// The hub process is killed while it completes a multipart upload into the
// bucket (the S3 server is held at CompleteMultipartUpload): the parts
// never become an object, and the retry stores the bundle whole.
func TestKill_MidMultipartCommitLeavesNoObject(t *testing.T) {
	rb := s3Only(t)
	c := mustID(t, communeA, keys.LevelCommune)
	dir := t.TempDir()
	trust := filepath.Join(t.TempDir(), "c.khkey")
	os.WriteFile(trust, khkey(t, c), 0o600)
	completing := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	target, _ := url.Parse(rb.srv.S3Endpoint)
	s3proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Query().Has("uploadId") {
			once.Do(func() { close(completing) })
			<-release
			http.Error(w, "held", http.StatusBadGateway)
			return
		}
		httputil.NewSingleHostReverseProxy(target).ServeHTTP(w, r)
	}))
	defer s3proxy.Close()
	defer close(release)
	sc := rb.storageConfig(t, dir)
	sc.S3.Endpoint, sc.S3.MultipartAbove, sc.S3.PartSize = s3proxy.URL, 1<<20, 5<<20
	proc := startChild(t, childConfig{Storage: sc, Trust: []string{trust}})
	view := viewOf(t, proc, dir)
	b := sealLarge(t, c, district, 1, 7<<20)
	pw, res := startUpload(view, view.tokenFor(b))
	go func() { pw.Write(b); pw.Close() }()
	<-completing
	proc.kill()
	if a := <-res; a.status == http.StatusCreated || a.status == http.StatusOK {
		t.Fatalf("an upload to a killed hub got %d", a.status)
	}
	if got := rb.objects(t, dir); len(got) != 0 {
		t.Fatalf("a killed multipart upload left objects %v", got)
	}
	th := startHub(t, hub.Config{Dir: dir, Trust: []keys.PublicKey{c.Public()}, Storage: rb.storage(t, dir)})
	th.mustAccept(b, http.StatusCreated)
	if got := th.objects(); len(got) != 1 || string(rb.object(t, dir, got[0])) != string(b) {
		t.Fatalf("after the retry: %v", got)
	}
}

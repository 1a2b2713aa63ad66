package ui

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
	"sokhuyenhoc/sync/upload"
)

// fakeLoop stands in for upload.Uploader: the test reports its statuses.
type fakeLoop struct {
	cfg                   upload.UploaderConfig
	opened, closed, kicks int
}

func (f *fakeLoop) Open(context.Context) error { f.opened++; return nil }
func (f *fakeLoop) Close() error               { f.closed++; return nil }
func (f *fakeLoop) Kick()                      { f.kicks++ }

// startWithOnline opens the app on st with an uploader controller whose
// loop is fake.
func startWithOnline(t *testing.T, st *store.Store) (*UI, fyne.Window, *fakeLoop) {
	t.Helper()
	f := &fakeLoop{}
	on := NewOnline(OnlineConfig{Store: st, Units: units.Default(), Dir: filepath.Dir(st.Path())})
	on.newLoop = func(c upload.UploaderConfig) uploader { f.cfg = c; return f }
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	u := New(a, w, Deps{Store: st, Units: units.Default(), DBPath: st.Path(), Now: testNow, Sync: true, Online: on})
	t.Cleanup(func() {
		on.Stop()
		if !u.closed {
			w.Close()
		}
	})
	w.Resize(fyne.NewSize(1200, 800))
	return u, w, f
}

func TestOnline_TheUploadersReportsReachTheScreen(t *testing.T) {
	com, _, _ := communeAndDistrict(t, true)
	u, w, f := startWithOnline(t, com)
	b := bundlesOf(t, u)
	v := b.online
	if v.state.Text != "Chưa có địa chỉ máy chủ: gửi gói bằng USB" || v.pull != nil {
		t.Fatalf("no hub yet: %q (a commune has no Receive button)", v.state.Text)
	}
	test.Type(v.url, "may-chu.vn")
	test.Tap(button(t, w, "Lưu địa chỉ"))
	if v.urlErr.Text == "" || f.opened != 0 {
		t.Fatal("an address without http:// is refused")
	}
	v.url.SetText("")
	test.Type(v.url, "http://127.0.0.1:9")
	test.Tap(button(t, w, "Lưu địa chỉ"))
	if s, _ := upload.LoadSettings(context.Background(), com); s.URL != "http://127.0.0.1:9" || f.opened != 1 {
		t.Fatalf("settings %+v, uploader opened %d times", s, f.opened)
	}
	if v.state.Text != "Đang kết nối máy chủ…" {
		t.Errorf("before the first report: %q", v.state.Text)
	}

	sent := time.Date(2026, 11, 25, 8, 30, 0, 0, time.Local)
	f.cfg.OnStatus(upload.Status{Online: true, Pending: 2, LastSuccess: sent, NextTry: sent.Add(5 * time.Minute)})
	if v.state.Text != "Trực tuyến" || v.state.Importance != widget.SuccessImportance ||
		v.detail.Text != "Số gói đang chờ: 2 · lần gửi hết gần nhất: 25/11/2026 08:30 · thử lại lúc 08:35" {
		t.Errorf("online: %q / %q", v.state.Text, v.detail.Text)
	}
	f.cfg.OnStatus(upload.Status{Pending: 2, LastError: fmt.Errorf("%w: dial tcp", upload.ErrUnavailable)})
	if v.state.Text != "Ngoại tuyến" || !strings.Contains(v.problem.Text, "không kết nối được máy chủ trung chuyển") {
		t.Errorf("offline: %q / %q", v.state.Text, v.problem.Text)
	}
	f.cfg.OnStatus(upload.Status{Online: true, LastError: &upload.HubError{Status: 403, Code: "unknown_signer"}})
	if v.problem.Text != "Lỗi: máy chủ trung chuyển chưa tin cậy khóa của đơn vị này (cấp trên cần đăng ký khóa và đồng bộ với máy chủ)" { // the hub's code is in the log
		t.Errorf("refused: %q", v.problem.Text)
	}

	addCitizens(t, com, 1, "Mai")
	b.setTarget(t.TempDir())
	test.Tap(button(t, w, "Xuất gói dữ liệu"))
	if f.kicks != 1 {
		t.Errorf("an export kicks the uploader: %d", f.kicks)
	}
	addCitizens(t, com, 1, "Cúc")
	test.Tap(button(t, w, "Gửi ngay"))
	if outs, _ := com.OutBundles(context.Background(), 1); len(outs) != 2 || f.kicks != 2 {
		t.Errorf("send now: %d bundles, %d kicks", len(outs), f.kicks)
	}

	v.url.SetText("")
	test.Tap(button(t, w, "Lưu địa chỉ"))
	if f.closed != 1 || v.state.Text != "Chưa có địa chỉ máy chủ: gửi gói bằng USB" {
		t.Errorf("address removed: closed %d, %q", f.closed, v.state.Text)
	}
	f.cfg.OnStatus(upload.Status{Online: true}) // a late report of the stopped uploader
	if v.state.Text != "Chưa có địa chỉ máy chủ: gửi gói bằng USB" {
		t.Errorf("a stopped uploader's report is dropped: %q", v.state.Text)
	}
}

// loopHub serves a hub on loopback that trusts the district's key.
func loopHub(t *testing.T, district *store.Store) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	id, err := setup.Identity(ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	h, err := hub.Open(ctx, hub.Config{Dir: t.TempDir(), Trust: []keys.PublicKey{id.Public()}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- h.Serve(ctx, ln, "", "") }()
	t.Cleanup(func() {
		cancel()
		<-done
		h.Close()
	})
	return "http://" + ln.Addr().String()
}

func TestOnline_TheCommuneUploadsAndTheDistrictReceivesThroughARealHub(t *testing.T) {
	ctx := context.Background()
	com, dis, _ := communeAndDistrict(t, true)
	url := loopHub(t, dis)

	// The district pulls once: the hub learns its roster, so it trusts the commune.
	ud, wd := startUI(t, dis)
	b := bundlesOf(t, ud)
	test.Type(b.online.url, url)
	test.Tap(button(t, wd, "Lưu địa chỉ"))
	test.Tap(button(t, wd, "Nhận từ máy chủ"))
	if !strings.HasPrefix(b.imp.summary.Text, "Từ máy chủ: 0 gói") {
		t.Fatalf("first pull: %q", b.imp.summary.Text)
	}

	// The commune's background uploader sends its outbox.
	addCitizens(t, com, 2, "Hương")
	if err := upload.SaveSettings(ctx, com, upload.Settings{URL: url}); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Make(ctx, exConfig(com)); err != nil {
		t.Fatal(err)
	}
	on := NewOnline(OnlineConfig{Store: com, Units: units.Default(), Dir: filepath.Dir(com.Path())})
	var mu sync.Mutex
	var last onlineState
	changed := make(chan struct{}, 1)
	on.attach(newBridge(true), func(s onlineState) { // runs on the uploader's goroutine here
		mu.Lock()
		last = s
		mu.Unlock()
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	if err := on.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer on.Stop()
	deadline := time.After(30 * time.Second)
	for done := false; !done; {
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("the uploader never finished: %+v", last)
		}
		mu.Lock()
		done = last.Seen && last.Online && !last.LastSuccess.IsZero() && last.Pending == 0
		mu.Unlock()
	}
	on.Stop()
	if outs, _ := com.OutBundles(ctx, 1); len(outs) != 1 || outs[0].AckedAt == "" {
		t.Fatalf("the commune's bundle has no receipt: %+v", outs)
	}

	test.Tap(button(t, wd, "Nhận từ máy chủ"))
	if len(b.imp.outs) != 1 || cellText(b.imp.outcomeCell(0, 2)) != "đã nhập" {
		t.Fatalf("second pull: %q, %+v", b.imp.summary.Text, b.imp.outs)
	}
	counts, _ := dis.RecordCounts(ctx)
	if got := counts[testCommune.String()][store.Citizen]; got != 2 {
		t.Errorf("district holds %d citizens, want 2", got)
	}
}

package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

// keyFile writes the .khkey of a fresh installation of ref.
func keyFile(t *testing.T, level string, ref units.Ref) (string, keys.PublicKey) {
	t.Helper()
	id := initStore(t, openStore(t), level, ref)
	b, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "k.khkey")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p, id.Public()
}

func TestSync_CommuneShowsItsKeyAndTakesTheDistrictKey(t *testing.T) {
	u, w, st := startCommune(t)
	s := openScreen(t, u, "Đồng bộ").(*syncScreen)
	if s.fingerprint.Text != s.id.Public().Fingerprint() {
		t.Errorf("fingerprint %q", s.fingerprint.Text)
	}
	if s.upstream.Text == "" || s.belowList != nil {
		t.Error("a commune without an upstream key should be told, and has no units below")
	}
	district := u.deps.Units.Parent(testCommune)
	path, pub := keyFile(t, units.District, district.Ref)
	s.setUpstream(path)
	up, err := st.Upstream(context.Background())
	if err != nil || up.Fingerprint != pub.Fingerprint() {
		t.Fatalf("upstream %+v, %v", up, err)
	}
	other, _ := keyFile(t, units.Commune, testCommune)
	s.setUpstream(other)
	if !hasText(w, "Khóa không được chấp nhận") {
		t.Error("a commune key as upstream should be refused")
	}
	out := filepath.Join(t.TempDir(), "mine.khkey")
	s.saveKey(out)
	b, _ := os.ReadFile(out)
	if k, err := keys.ParsePublic(b); err != nil || k.Fingerprint() != s.fingerprint.Text {
		t.Errorf("saved key: %v", err)
	}
}

func TestSync_DistrictEnrolsACommuneByFingerprintAndRevokes(t *testing.T) {
	st := openStore(t)
	district := units.Default().Parent(testCommune)
	initStore(t, st, units.District, district.Ref)
	u, w := startUI(t, st)
	s := openScreen(t, u, "Đồng bộ").(*syncScreen)
	path, pub := keyFile(t, units.Commune, testCommune)

	s.Enrol(path)
	test.Type(s.enrol.fp, "1111 2222 3333")
	test.Tap(s.enrol.ok)
	if s.enrol.err.Text == "" {
		t.Fatal("a wrong fingerprint should be refused")
	}
	if ks, _ := st.PeerKeys(context.Background(), store.RoleBelow); len(ks) != 0 {
		t.Fatal("nothing should be enrolled on a wrong fingerprint")
	}
	s.enrol.fp.SetText("")
	test.Type(s.enrol.fp, pub.Fingerprint())
	test.Tap(s.enrol.ok)
	ks, _ := st.PeerKeys(context.Background(), store.RoleBelow)
	if len(ks) != 1 || ks[0].Status != store.Trusted || len(s.below) != 1 {
		t.Fatalf("enrolled %+v", ks)
	}
	s.askRevoke(s.below[0])
	test.Tap(button(t, w, "Thu hồi"))
	ks, _ = st.PeerKeys(context.Background(), store.RoleBelow)
	if ks[0].Status != store.Revoked || peerStatus(s.below[0].Status) != "đã thu hồi" {
		t.Errorf("after revoke %+v", ks[0])
	}
}

func TestSync_BundlesAreaIsTheHook(t *testing.T) {
	old := bundlesPanel
	defer func() { bundlesPanel = old }()
	called := false
	bundlesPanel = func(e *env, st *store.Store) fyne.CanvasObject {
		called = true
		return widget.NewLabel("bundles")
	}
	u, _, _ := startCommune(t)
	s := openScreen(t, u, "Đồng bộ").(*syncScreen)
	if !called || len(s.bundlesArea.Objects) != 1 {
		t.Error("bundlesPanel should fill the bundles area")
	}
}

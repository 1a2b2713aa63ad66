package setup

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

const testWF = 10 // scrypt work factor of the tests: fast

var (
	commune = units.Ref{List: "2024", Code: "12694"}
	pass    = []byte("mật khẩu thử 2026")
)

func open(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// secrets are the forms an identity's secret keys could take in a file.
func secrets(t *testing.T, id *keys.Identity) [][]byte {
	t.Helper()
	var out [][]byte
	for _, line := range strings.Split(string(keys.MarshalBackup(id)), "\n") {
		if v, ok := strings.CutPrefix(line, "# ed25519-seed: "); ok {
			seed, _ := base64.StdEncoding.DecodeString(v)
			out = append(out, []byte(v), seed)
		}
		if strings.HasPrefix(line, "AGE-SECRET-KEY-1") {
			out = append(out, []byte(line), []byte(strings.ToLower(line)))
		}
	}
	return out
}

// holds reports whether the database file or its log holds any secret.
func holds(t *testing.T, path string, secrets [][]byte) bool {
	t.Helper()
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(b, s) {
				return true
			}
		}
	}
	return false
}

func TestKeysAtRest_SealedUnlockedOnceWrongPassphraseRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	st := open(t, path)
	id, err := Init(ctx, st, units.Default(), Params{Level: "commune", Unit: commune, Passphrase: pass, WorkFactor: testWF,
		Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if holds(t, path, secrets(t, id)) {
		t.Fatal("the database file holds the secret keys")
	}
	st = open(t, path)
	if s, _ := State(ctx, st); s != Locked {
		t.Fatalf("state %v", s)
	}
	if _, err := Identity(ctx, st); !errors.Is(err, ErrLocked) {
		t.Fatalf("locked keys without a prompt: %v", err)
	}
	asked := 0
	typed := []byte("mật khẩu sai 2026")
	st.SetPassphrasePrompt(func() ([]byte, error) { asked++; return typed, nil })
	if _, err := Identity(ctx, st); !errors.Is(err, keys.ErrPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	typed = pass
	for range 3 {
		got, err := Identity(ctx, st)
		if err != nil || got.Public().Fingerprint() != id.Public().Fingerprint() {
			t.Fatalf("identity %v", err)
		}
	}
	if asked != 2 {
		t.Errorf("asked %d times, want twice (once wrong, once right)", asked)
	}
}

// An earlier version's database keeps its keys in clear and keeps
// working; setting a passphrase seals them and the clear form is gone
// from the file.
func TestKeysAtRest_ClearKeysMigrateOnFirstPassphrase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	st := open(t, path)
	id, err := Init(ctx, st, units.Default(), Params{Level: "commune", Unit: commune})
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := State(ctx, st); s != Clear {
		t.Fatalf("state %v", s)
	}
	if !holds(t, path, secrets(t, id)) {
		t.Fatal("clear keys not found in the file: the check below proves nothing")
	}
	if _, err := Rotate(ctx, st, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	rot, _ := PendingRotation(ctx, st)
	next, err := keys.ParseBackup([]byte(rot.Backup))
	if err != nil {
		t.Fatal(err)
	}
	if err := SetPassphrase(ctx, st, pass, testWF); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if holds(t, path, append(secrets(t, id), secrets(t, next)...)) {
		t.Fatal("the clear keys survive in the file after the passphrase was set")
	}
	st = open(t, path)
	if err := Unlock(ctx, st, []byte("mật khẩu sai 2026")); !errors.Is(err, keys.ErrPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := Unlock(ctx, st, pass); err != nil {
		t.Fatal(err)
	}
	rot, _ = PendingRotation(ctx, st)
	if err := CompleteRotation(ctx, st, rot); err != nil {
		t.Fatal(err)
	}
	got, err := Identity(ctx, st)
	if err != nil || got.Public().Fingerprint() != next.Public().Fingerprint() {
		t.Fatalf("identity after the rotation %v", err)
	}
}

// A protected backup restores onto a new database, sealed again.
func TestRestore_FromAProtectedBackup(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "a.db"))
	id, err := Init(ctx, st, units.Default(), Params{Level: "commune", Unit: commune, Passphrase: pass, WorkFactor: testWF})
	if err != nil {
		t.Fatal(err)
	}
	backup, err := keys.Seal(keys.MarshalBackup(id), []byte("sao lưu riêng 2026"), testWF)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.db")
	st2 := open(t, path)
	_, err = Restore(ctx, st2, units.Default(), backup, RestoreParams{Passphrase: pass, WorkFactor: testWF,
		BackupPassphrase: func() ([]byte, error) { return []byte("sai"), nil }})
	if !errors.Is(err, keys.ErrPassphrase) {
		t.Fatalf("restore with a wrong backup passphrase: %v", err)
	}
	got, err := Restore(ctx, st2, units.Default(), backup, RestoreParams{Passphrase: pass, WorkFactor: testWF,
		BackupPassphrase: func() ([]byte, error) { return []byte("sao lưu riêng 2026"), nil }})
	if err != nil || got.Public().Fingerprint() != id.Public().Fingerprint() {
		t.Fatalf("restore %v", err)
	}
	st2.Close()
	if holds(t, path, secrets(t, got)) {
		t.Fatal("the restored database holds the keys in clear")
	}
}

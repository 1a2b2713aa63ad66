package hub_test

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/keys"
)

// A hub.db written by the previous release (schema version 1) is brought
// to the current version at open, its bundles and receipts kept.
func TestOpen_MigratesAVersion1Index(t *testing.T) {
	folderOnly(t)
	c := mustID(t, communeA, keys.LevelCommune)
	dir := t.TempDir()
	th := startHub(t, hub.Config{Dir: dir, Trust: []keys.PublicKey{c.Public()}})
	b := seal(t, c, district, 1, 3)
	first := th.mustAccept(b, http.StatusCreated)
	th.shutdown()
	// Back to what version 1 held: no table of used nonces, no index by time, no notices.
	db, err := sql.Open("sqlite", store.DSN(filepath.Join(dir, "hub.db"), store.DSNOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := os.ReadFile("migrations/sqlite/0001_index.sql")
	for _, q := range []string{"DROP TABLE notice", "DROP TABLE used_nonce", "DROP INDEX bundle_origin_received", string(v1), "PRAGMA user_version = 1"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	th.start()
	if again := th.mustAccept(b, http.StatusOK); again.Receipt != first.Receipt {
		t.Fatal("the receipt changed across the migration")
	}
	th.mustLogin(c) // uses the new table of nonces
	th.shutdown()
	db, _ = sql.Open("sqlite", store.DSN(filepath.Join(dir, "hub.db"), store.DSNOptions{}))
	defer db.Close()
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != 3 {
		t.Fatalf("user_version %d, %v", version, err)
	}
}

// An index written by a newer hub is refused, untouched.
func TestOpen_RefusesAnIndexOfANewerHub(t *testing.T) {
	folderOnly(t)
	dir := t.TempDir()
	db, err := sql.Open("sqlite", store.DSN(filepath.Join(dir, "hub.db"), store.DSNOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := hub.Open(context.Background(), hub.Config{Dir: dir}); !errors.Is(err, hub.ErrNewerIndex) {
		t.Fatalf("open: %v", err)
	}
}

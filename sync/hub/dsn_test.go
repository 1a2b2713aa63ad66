package hub_test

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/keys"
)

// A hub folder whose name a file: URI would cut ("#", "?") or decode ("%")
// keeps its index inside that folder, and finds it again after a restart.
func TestOpen_AwkwardFolderNamesKeepTheirIndex(t *testing.T) {
	folderOnly(t)
	c := mustID(t, communeA, keys.LevelCommune)
	for n, name := range []string{"hub #2", "hỏi?đáp", "100%41 xong", "Đông Hưng a b#c?d%e"} {
		root := t.TempDir()
		th := startHub(t, hub.Config{Dir: filepath.Join(root, name), Trust: []keys.PublicKey{c.Public()}})
		b := seal(t, c, district, int64(n+1), 2)
		first := th.mustAccept(b, http.StatusCreated)
		th.restart()
		if again := th.mustAccept(b, http.StatusOK); again.Receipt != first.Receipt {
			t.Errorf("%q: the index was not found again after a restart", name)
		}
		th.shutdown()
		es, _ := os.ReadDir(root)
		var got []string
		for _, e := range es {
			got = append(got, e.Name())
		}
		if !slices.Equal(got, []string{name}) {
			t.Errorf("%q: the parent folder holds %q", name, got)
		}
		if _, err := os.Stat(filepath.Join(root, name, "hub.db")); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}

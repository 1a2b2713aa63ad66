package hub_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/hubtest"
	"sokhuyenhoc/sync/keys"
)

// corrupt changes one byte of a stored object in place, as a failing disk
// would.
func corrupt(t *testing.T, b backend, dir, name string) {
	bad := b.object(t, dir, name)
	bad[len(bad)/2] ^= 0x01
	switch rb := b.(type) {
	case *remoteBackend:
		hubtest.Put(t, rb.srv.S3Endpoint, rb.hubFor(t, dir).prefix+"/bundles/"+name[:2]+"/"+name, bad)
	default:
		if err := os.WriteFile(filepath.Join(dir, "objects", name[:2], name), bad, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// A folder hub of a few thousand bundles moves into this pass's storage
// (PostgreSQL and the bucket on the second pass): every object re-hashed,
// one damaged object left behind and reported, every receipt the same
// bytes; a hub on the target answers re-uploads with the receipts given
// before. Scrub then finds everything whole, and, after a byte of one
// object is flipped, reports that object and deletes nothing.
func TestMigrate_ThenScrub_AHubOfThousandsOfBundles(t *testing.T) {
	n := 300 // the folder pass: Migrate is the same code whatever the target
	if current.shared() && !raceOn {
		n = 2000
	}
	ids, parents := communesOf(t, 50)
	d := mustID(t, parents[0], keys.LevelDistrict)
	var trust []keys.PublicKey
	for _, id := range ids[1:] { // ids[0] is trusted through the district's roster
		trust = append(trust, id.Public())
	}
	trust = append(trust, d.Public())
	srcDir := t.TempDir()
	src := startHub(t, hub.Config{Dir: srcDir, Trust: trust, Storage: func() (hub.Storage, error) {
		return hub.OpenFolder(context.Background(), srcDir)
	}})
	if a := src.pushRoster(d, 1, ids[0]); a.status != http.StatusOK {
		t.Fatalf("roster: %d %s", a.status, a.body)
	}
	start := time.Now()
	bodies := make([][]byte, n)
	receipts := make([]string, n)
	var wg sync.WaitGroup
	work := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range work {
				id := ids[i%len(ids)]
				bodies[i] = seal(t, id, parents[i%len(ids)], int64(i/len(ids)+1), 2)
				receipts[i] = src.mustAccept(bodies[i], http.StatusCreated).Receipt
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	t.Logf("%d bundles uploaded in %v", n, time.Since(start))
	src.shutdown()
	damaged := shaHex(bodies[7]) + ".khb"
	corrupt(t, folderBackend{}, srcDir, damaged)

	from, err := hub.OpenFolder(context.Background(), srcDir)
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	dstDir := t.TempDir()
	open := current.storage(t, dstDir)
	if open == nil {
		open = func() (hub.Storage, error) { return hub.OpenFolder(context.Background(), dstDir) }
	}
	to, err := open()
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	rep, err := hub.Migrate(context.Background(), from, to, nil)
	t.Logf("migrated in %v", time.Since(start))
	if !errors.Is(err, hub.ErrDamaged) || rep.Objects != n-1 || rep.Bundles != n-1 || rep.Rosters != 1 ||
		!slices.Equal(rep.Bad, []string{damaged[:64]}) || !slices.Equal(rep.Missing, []string{damaged[:64]}) {
		t.Fatalf("migrate: %v, %d objects, %d bundles, %d rosters, bad %v, missing %v", err, rep.Objects, rep.Bundles,
			rep.Rosters, rep.Bad, rep.Missing)
	}
	for i, b := range bodies {
		r, err := to.BundleByFile(context.Background(), shaHex(b))
		switch {
		case i == 7 && !errors.Is(err, hub.ErrNotFound):
			t.Fatalf("the damaged bundle's row was copied: %v", err)
		case i != 7 && (err != nil || string(r.Receipt) != receipts[i]):
			t.Fatalf("bundle %d: receipt not byte-identical after the move (%v)", i, err)
		}
	}
	to.Close()

	for _, f := range []string{"hub.key", "hub.pub"} { // the instances of the target use the same key
		b, _ := os.ReadFile(filepath.Join(srcDir, f))
		os.WriteFile(filepath.Join(dstDir, f), b, 0o600)
	}
	dst := startHub(t, hub.Config{Dir: dstDir, Trust: trust, Storage: current.storage(t, dstDir)})
	for i := 0; i < n; i += n / 40 {
		if i == 7 {
			continue
		}
		if got := dst.mustAccept(bodies[i], http.StatusOK); got.Receipt != receipts[i] {
			t.Fatalf("bundle %d: the moved hub gives another receipt", i)
		}
	}
	dst.mustAccept(seal(t, ids[0], parents[0], 999, 1), http.StatusCreated) // the enrolment moved too
	dst.shutdown()

	st, err := open()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start = time.Now()
	sr, err := hub.Scrub(context.Background(), st, nil)
	t.Logf("scrubbed in %v", time.Since(start))
	if err != nil || sr.Objects != n || sr.Rows != n || len(sr.Bad)+len(sr.Missing)+len(sr.Orphans) != 0 {
		t.Fatalf("scrub of the moved hub: %v %+v", err, sr)
	}
	victim := shaHex(bodies[11]) + ".khb"
	corrupt(t, current, dstDir, victim)
	before := current.object(t, dstDir, victim)
	sr, err = hub.Scrub(context.Background(), st, nil)
	if !errors.Is(err, hub.ErrDamaged) || !slices.Equal(sr.Bad, []string{victim[:64]}) || len(sr.Missing) != 0 || sr.Objects != n {
		t.Fatalf("scrub after a flipped byte: %v bad %v missing %v objects %d", err, sr.Bad, sr.Missing, sr.Objects)
	}
	if after := current.object(t, dstDir, victim); !bytes.Equal(after, before) || len(current.objects(t, dstDir)) != n {
		t.Fatal("the scrub changed or deleted an object")
	}
}

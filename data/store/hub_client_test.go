package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"sokhuyenhoc/data/store"
)

func TestHubClient_UnackedAndKnown(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for seq, h := range []string{"aa", "bb", "cc"} {
		if err := st.RecordOut(ctx, store.OutBundle{Seq: int64(seq + 1), BundleID: h, ManifestSHA256: h, File: h}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AckOut(ctx, "bb", "receipt"); err != nil {
		t.Fatal(err)
	}
	un, err := st.Unacked(ctx)
	if err != nil || len(un) != 2 || un[0].Seq != 1 || un[1].Seq != 3 {
		t.Fatalf("Unacked %v %v", un, err)
	}
	if n, err := st.CountUnacked(ctx); err != nil || n != 2 {
		t.Fatalf("CountUnacked %d %v", n, err)
	}
	if b, err := st.OutBundleByHash(ctx, "bb"); err != nil || b.Receipt != "receipt" || b.AckedAt == "" {
		t.Fatalf("OutBundleByHash %+v %v", b, err)
	}
	if _, err := st.OutBundleByHash(ctx, "zz"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing hash: %v", err)
	}
	if err := st.Quarantine(ctx, store.Quarantined{ManifestSHA256: "q1", Origin: "2024:12694", Seq: 1}); err != nil {
		t.Fatal(err)
	}
	for h, want := range map[string]bool{"q1": true, "nope": false} {
		if got, err := st.Known(ctx, h); err != nil || got != want {
			t.Errorf("Known(%s) = %v %v", h, got, err)
		}
	}
}

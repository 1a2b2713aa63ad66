package upload_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/upload"
)

// The district approves commune A's year and its pull hands the hub the
// notice; A's background uploader, which only sends, records the approval
// in its next round (Status.Approvals), as A's own pull would, and then
// once more after the district undoes it.
func TestUploader_RecordsTheApprovalOfTheLevelAbove(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	lh := newHub(t, d, a)
	dc := d.connect(lh.url())
	a.connect(lh.url()) // pins the hub key
	year := data.YearPeriod(2026)
	pullDistrict := func(want int) {
		t.Helper()
		rep, err := upload.Pull(ctx, d.ex, dc, upload.PullOptions{Inbox: filepath.Join(d.dir, "inbox")})
		if err != nil || rep.NoticesSent != want {
			t.Fatalf("district pull: %d notice(s) sent, want %d: %v", rep.NoticesSent, want, err)
		}
	}
	if _, err := exchange.Approve(ctx, d.ex, communeA, year, false, "test"); err != nil {
		t.Fatal(err)
	}
	pullDistrict(1)

	clk := newFakeClock()
	u := upload.NewUploader(upload.UploaderConfig{Exchange: a.ex, Clock: clk, Poll: time.Hour,
		Connect: func(ctx context.Context) (*upload.Client, error) {
			return upload.Connect(ctx, a.ex.Store, upload.ConnectOptions{})
		}})
	if err := u.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	if got := clk.next(t); got != time.Hour {
		t.Fatalf("the first round failed (waits %v): %v", got, u.Status().LastError)
	}
	if s := u.Status(); s.Approvals != 1 || s.LastError != nil {
		t.Fatalf("after the first round: %+v", s)
	}
	if ap, err := exchange.ApprovalOf(ctx, a.ex, communeA.String(), year.String()); err != nil || ap == nil {
		t.Fatalf("the commune does not hold the approval: %v %v", ap, err)
	}

	if _, err := exchange.Approve(ctx, d.ex, communeA, year, true, "test"); err != nil {
		t.Fatal(err)
	}
	pullDistrict(1)
	clk.elapse(time.Hour)
	if got := clk.next(t); got != time.Hour {
		t.Fatalf("the second round failed: %v", u.Status().LastError)
	}
	if s := u.Status(); s.Approvals != 2 || s.LastError != nil {
		t.Fatalf("after the undo: %+v", s)
	}
	if ap, err := exchange.ApprovalOf(ctx, a.ex, communeA.String(), year.String()); err != nil || ap != nil {
		t.Fatalf("the undone approval is still in force at the commune: %v %v", ap, err)
	}
}

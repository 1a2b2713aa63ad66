package ui

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2"

	"sokhuyenhoc/data/store"
)

// Closing the window while a save waits on another program's lock waits
// for it: the citizen is written once the lock is let go, then the window
// closes and the bridge takes no more work.
func TestClose_WaitsForASaveUnderTheLock(t *testing.T) {
	u, w, st, loop := startLive(t)
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	loop.until(t, "the list", func() bool { return len(s.pager.loading) == 0 })
	s.New()
	fill(t, s.form.form, "full_name", "Hoàng Thị Mơ")
	release := holdWriteLock(t, st.Path())
	s.Save()
	u.Quit()
	if u.closed || !hasText(w, "Cửa sổ sẽ đóng khi việc lưu xong.") {
		t.Fatalf("closing during a save: closed %v, the window says %q", u.closed, texts(w))
	}
	release()
	loop.until(t, "the window to close", func() bool { return u.closed })
	if cs := citizensOf(t, st, store.CitizenQuery{}); len(cs) != 1 || cs[0].FullName() != "Hoàng Thị Mơ" {
		t.Fatalf("after closing: %+v", cs)
	}
	if u.bg.Go(func() { t.Error("work ran after the window closed") }, nil) {
		t.Error("the bridge took work after the window closed")
	}
}

// Closing while an import runs asks; "Dừng rồi đóng" cancels it, and the
// window closes once it has returned.
func TestClose_StopsAnImportWhenAsked(t *testing.T) {
	u, w, _, loop := startLive(t)
	var got error
	started := make(chan struct{})
	u.bg.Job(T("the import of bundles"), true, func(ctx context.Context) {
		close(started)
		<-ctx.Done() // an import checks its context between bundles
		got = ctx.Err()
	}, nil)
	<-started
	u.Quit()
	if !hasText(w, "Đang làm dở: việc nhập gói dữ liệu. Chờ cho xong, hay dừng lại? Việc bị dừng được hủy gọn, không mất gì; gói đang gửi sẽ được gửi lại lần sau.") {
		t.Fatalf("no question: %s", texts(w))
	}
	button(t, w, "Dừng rồi đóng").Tapped(nil)
	loop.until(t, "the window to close", func() bool { return u.closed })
	if !errors.Is(got, context.Canceled) {
		t.Errorf("the import saw %v, want it cancelled", got)
	}
}

// "Chờ xong rồi đóng" (Enter) waits for the work to end; "Quay lại" (Esc)
// keeps the window.
func TestClose_WaitsForAnExportWhenAsked(t *testing.T) {
	u, w, _, loop := startLive(t)
	finish := make(chan struct{})
	u.bg.Job(T("the export of bundles"), true, func(ctx context.Context) { <-finish }, nil)
	u.Quit()
	press(w, fyne.KeyEscape) // Quay lại
	if u.closing || u.keys.modal() != nil {
		t.Fatal("Esc should keep the window open")
	}
	u.Quit()
	u.keys.enter() // Chờ xong rồi đóng
	if u.closed || !hasText(w, "Cửa sổ sẽ đóng khi việc xuất gói dữ liệu xong.") {
		t.Fatalf("waiting: closed %v, %s", u.closed, texts(w))
	}
	close(finish)
	loop.until(t, "the window to close", func() bool { return u.closed })
}

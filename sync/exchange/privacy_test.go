package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
)

// plaintext decrypts a bundle's payload with the receiver's keys and
// returns every line of it, as the level above reads it.
func plaintext(t *testing.T, path string, from, to *install) string {
	t.Helper()
	s, err := decrypted(path, from.id.Public(), to.id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func decrypted(path string, from keys.PublicKey, to *keys.Identity) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	b, err := bundle.Open(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return "", err
	}
	if err := b.VerifySignature(from); err != nil {
		return "", err
	}
	if err := b.VerifyPayload(); err != nil {
		return "", err
	}
	pr, err := b.OpenPayload(to.AgeIdentity(), DefaultBudget.BundlePlain)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	for {
		it, err := pr.Next()
		if errors.Is(err, io.EOF) {
			return out.String(), pr.Close()
		}
		if err != nil {
			return "", err
		}
		line, _ := json.Marshal(it)
		out.Write(line)
		out.WriteByte('\n')
	}
}

func addPrivacyRecords(t *testing.T, in *install) (consented, refused *data.Award, cit *data.Citizen) {
	t.Helper()
	unit := in.unit()
	consented = &data.Award{Unit: unit, Person: data.Person{HoDem: "Đồng Ý", Ten: "Có", BirthDate: data.Date{Y: 2012, M: 3, D: 4}},
		School: "Trường Có", Guardian: "Giám Hộ Có", AwardType: "qua", AmountVND: 300000}
	refused = &data.Award{Unit: unit, Person: data.Person{HoDem: "Không Đồng", Ten: "Ý", BirthDate: data.Date{Y: 2013, M: 5, D: 6},
		Village: "Thôn Kín"}, School: "Trường Kín", Guardian: "Giám Hộ Kín", Achievement: "Giải Kín", AwardType: "qua", AmountVND: 200000}
	cit = &data.Citizen{Unit: unit, Person: data.Person{HoDem: "Công", Ten: "Dân", BirthYear: 1985, IDNumber: "034085000777",
		Phone: "0987000111", Ethnicity: "Dân tộc Mường", BirthDate: data.Date{Y: 1985, M: 1, D: 2}}, Note: "Ghi chú riêng"}
	err := in.c.Store.Edit(context.Background(), "test", func(e *store.Editor) error {
		for _, a := range []*data.Award{consented, refused} {
			if _, err := e.SaveAward(a); err != nil {
				return err
			}
		}
		if _, err := e.SaveCitizen(cit); err != nil {
			return err
		}
		for _, c := range []*data.Consent{
			{Subject: consented.ID, SubjectKind: "award", GivenBy: data.Guardian, Name: "Giám Hộ Có", GivenOn: data.Date{Y: 2025, M: 9, D: 1},
				Keep: "co", Upward: "co", Publish: "co"},
			{Subject: refused.ID, SubjectKind: "award", GivenBy: data.Guardian, Name: "Người Từ Chối", GivenOn: data.Date{Y: 2025, M: 9, D: 1},
				Keep: "co", Upward: "khong", Publish: "khong", Note: "Phiếu kín"},
		} {
			if _, err := e.SaveConsent(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return consented, refused, cit
}

// What a district and a province receive, read in the bundles' plaintext
// with their own keys: ethnicity never; a CCCD, phone, birth date, note
// and guardian at the district only; and of a pupil whose guardian refused
// sending upward, nothing that names the pupil anywhere above the commune,
// while the award's amount still counts.
func TestBundles_CarryNothingThatMustStay(t *testing.T) {
	p, d, a := newInstall(t, "province", provinceTB), newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, p, d)
	link(t, d, a)
	_, _, _ = addPrivacyRecords(t, a)
	toDistrict := a.export(t.TempDir())[0].Path
	if o := d.importFiles(toDistrict); !o[0].OK() {
		t.Fatalf("district import %+v", o[0])
	}
	toProvince := d.export(t.TempDir())[0].Path
	if o := p.importFiles(toProvince); !o[0].OK() {
		t.Fatalf("province import %+v", o[0])
	}
	atDistrict, atProvince := plaintext(t, toDistrict, a, d), plaintext(t, toProvince, d, p)
	never := []string{"Dân tộc Mường", "Không Đồng", "Trường Kín", "Giám Hộ Kín", "Giải Kín", "Thôn Kín", "Người Từ Chối",
		"Phiếu kín", "2013-05-06"}
	oneUp := []string{"034085000777", "0987000111", "Ghi chú riêng", "1985-01-02", "Giám Hộ Có", "2012-03-04"}
	everywhere := []string{"Đồng Ý", "Trường Có", "Công", "200000", "300000"}
	for _, tc := range []struct {
		level, text string
		absent      []string
		present     []string
	}{
		{"district", atDistrict, never, append(append([]string(nil), oneUp...), everywhere...)},
		{"province", atProvince, append(append([]string(nil), never...), oneUp...), everywhere},
	} {
		for _, s := range tc.absent {
			if strings.Contains(tc.text, s) {
				t.Errorf("the %s's bundle carries %q", tc.level, s)
			}
		}
		for _, s := range tc.present {
			if !strings.Contains(tc.text, s) {
				t.Errorf("the %s's bundle lacks %q (the check proves nothing)", tc.level, s)
			}
		}
	}
}

// A withdrawal of the consent to send upward, recorded at the commune,
// blanks the pupil's details at the district and the province with the
// next bundles.
func TestConsentWithdrawn_BlanksTheDetailsAbove(t *testing.T) {
	ctx := context.Background()
	p, d, a := newInstall(t, "province", provinceTB), newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, p, d)
	link(t, d, a)
	consented, _, _ := addPrivacyRecords(t, a)
	relay := func() {
		t.Helper()
		if o := d.importFiles(a.export(t.TempDir())[0].Path); !o[0].OK() {
			t.Fatalf("district import %+v", o[0])
		}
		if o := p.importFiles(d.export(t.TempDir())[0].Path); !o[0].OK() {
			t.Fatalf("province import %+v", o[0])
		}
	}
	relay()
	for _, in := range []*install{d, p} {
		if r, _ := in.c.Store.Get(ctx, store.Award, consented.ID); r.Get("ten") != "Có" {
			t.Fatalf("%s before the withdrawal: %v", in.id.Level, r.Vals)
		}
	}
	cs, _ := a.c.Store.Consents(ctx, consented.ID)
	cs[0].WithdrawnOn = store.DayOf(a.c.now())
	if err := a.c.Store.Edit(ctx, "test", func(e *store.Editor) error { _, err := e.SaveConsent(&cs[0]); return err }); err != nil {
		t.Fatal(err)
	}
	relay()
	for _, in := range []*install{d, p} {
		r, _ := in.c.Store.Get(ctx, store.Award, consented.ID)
		if r.Get("ten") != "" || r.Get("school") != "" || r.GetInt("amount_vnd") != 300000 {
			t.Errorf("%s after the withdrawal: %v", in.id.Level, r.Vals)
		}
	}
}

// A purge at the commune erases the record at the district and the
// province; bundles that carried it leave the outboxes; a bundle of the
// record arriving after the purge, at either level, brings nothing back.
func TestPurge_CarriedOutAboveAndNotUndoneByAReplay(t *testing.T) {
	ctx := context.Background()
	p, d, a := newInstall(t, "province", provinceTB), newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, p, d)
	link(t, d, a)
	late := cloneInstall(t, p) // a province PC that gets the purge first, the old bundle after it
	_, _, cit := addPrivacyRecords(t, a)
	stick := t.TempDir()
	old := a.export(stick)[0].Path
	if o := d.importFiles(old); !o[0].OK() {
		t.Fatal(o[0])
	}
	oldUp := d.export(t.TempDir())[0].Path
	if o := p.importFiles(oldUp); !o[0].OK() {
		t.Fatal(o[0])
	}
	if _, err := a.c.Store.Purge(ctx, store.Citizen, cit.ID); err != nil {
		t.Fatal(err)
	}
	rep, err := Scrub(ctx, a.c)
	if err != nil || len(rep.Removed) != 1 {
		t.Fatalf("commune scrub %+v %v", rep, err)
	}
	next := a.export(t.TempDir())[0].Path
	if txt := plaintext(t, next, a, d); !strings.Contains(txt, `"purge"`) || strings.Contains(txt, "034085000777") {
		t.Fatalf("the purge bundle: %s", txt)
	}
	if o := d.importFiles(next); !o[0].OK() || o[0].Stats.Purged != 1 {
		t.Fatalf("district import of the purge %+v", o[0])
	}
	nextUp := d.export(t.TempDir())[0].Path
	if o := p.importFiles(nextUp); !o[0].OK() || o[0].Stats.Purged != 1 {
		t.Fatalf("province import of the purge %+v", o[0])
	}
	if o := late.importFiles(copyTo(t, nextUp, t.TempDir())); !o[0].OK() {
		t.Fatal(o[0])
	}
	if o := late.importFiles(copyTo(t, oldUp, t.TempDir())); !o[0].OK() || o[0].Stats.Erased == 0 {
		t.Fatalf("late old bundle %+v", o[0])
	}
	if o := d.importFiles(old); o[0].Status != Duplicate {
		t.Fatalf("old bundle again at the district %+v", o[0])
	}
	secrets := []string{"034085000777", "0987000111", "Ghi chú riêng", "Công"}
	for _, in := range []*install{a, d, p, late} {
		r, err := in.c.Store.Get(ctx, store.Citizen, cit.ID)
		if err != nil || !r.Purged() {
			t.Errorf("%s: the citizen %v %v", in.id.Level, r, err)
		}
		if found := filesHolding(t, in.c.Store.Path(), secrets[:3]); len(found) > 0 {
			t.Errorf("%s's database still holds %v", in.id.Level, found)
		}
		for _, b := range outboxFiles(t, in) {
			for _, to := range []*install{d, p} {
				if pt, _ := decrypted(b, in.id.Public(), to.id); strings.Contains(pt, "034085000777") {
					t.Errorf("%s's outbox copy %s still carries the purged citizen", in.id.Level, filepath.Base(b))
				}
			}
		}
	}
	if _, err := Resend(ctx, a.c, t.TempDir(), 1); !errors.Is(err, ErrErased) {
		t.Errorf("resend of the removed copy: %v", err)
	}
}

func filesHolding(t *testing.T, db string, strs []string) []string {
	t.Helper()
	var all []byte
	for _, p := range []string{db, db + "-wal"} {
		b, _ := os.ReadFile(p)
		all = append(all, b...)
	}
	var out []string
	for _, s := range strs {
		if bytes.Contains(all, []byte(s)) {
			out = append(out, s)
		}
	}
	return out
}

func outboxFiles(t *testing.T, in *install) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(in.c.Outbox, "*.khb"))
	return names
}

// Unsent bundles that carry a purged record are sealed again without it,
// under their numbers, and the chain still imports whole at the district.
func TestScrub_ResealsUnsentBundles(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	_, _, cit := addPrivacyRecords(t, a)
	if _, err := Make(ctx, a.c); err != nil {
		t.Fatal(err)
	}
	other := a.addCitizens(1, "Sau")
	if _, err := Make(ctx, a.c); err != nil {
		t.Fatal(err)
	}
	if _, err := a.c.Store.Purge(ctx, store.Citizen, cit.ID); err != nil {
		t.Fatal(err)
	}
	rep, err := Scrub(ctx, a.c)
	if err != nil || len(rep.Resealed) != 2 || len(rep.Removed) != 0 {
		t.Fatalf("scrub %+v %v", rep, err)
	}
	if again, err := Scrub(ctx, a.c); err != nil || len(again.Resealed)+len(again.Removed) != 0 {
		t.Fatalf("second scrub %+v %v", again, err)
	}
	ws := a.export(t.TempDir())
	if len(ws) != 3 {
		t.Fatalf("written %+v", ws)
	}
	if txt := plaintext(t, ws[0].Path, a, d); strings.Contains(txt, "034085000777") || !strings.Contains(txt, "Đồng Ý") {
		t.Errorf("resealed bundle 1: %s", txt)
	}
	for _, o := range d.importFiles(ws[0].Path, ws[1].Path, ws[2].Path) {
		if o.Status != Imported || len(o.Gaps) != 0 {
			t.Fatalf("district import %+v", o)
		}
	}
	if r, err := d.c.Store.Get(ctx, store.Citizen, cit.ID); err != nil || !r.Purged() {
		t.Errorf("the purged citizen at the district: %v %v", r, err)
	}
	if r, err := d.c.Store.Get(ctx, store.Citizen, other[0]); err != nil || r.Deleted() {
		t.Errorf("the other citizen at the district: %v %v", r, err)
	}
}

// Retention: outbox copies of bundles sent longer ago than the setting go;
// purge marks stay for good by default, and go after their days when set.
func TestSweep_Retention(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	_, _, cit := addPrivacyRecords(t, a)
	w := a.export(t.TempDir())
	if _, _, err := Purge(ctx, a.c, store.Citizen, cit.ID); err != nil {
		t.Fatal(err)
	}
	a.addCitizens(1, "Mới")
	w2 := a.export(t.TempDir())
	now := time.Now()
	if rep, err := Sweep(ctx, a.c, now); err != nil || len(rep.Copies)+rep.PurgeMarks != 0 {
		t.Fatalf("a fresh sweep removed %+v %v", rep, err)
	}
	if rep, err := Sweep(ctx, a.c, now.AddDate(0, 0, 400)); err != nil || len(rep.Copies) != 1 || rep.PurgeMarks != 0 {
		t.Fatalf("sweep a year on %+v %v (first copy %s was removed by the purge)", rep, err, w[0].Path)
	}
	if _, err := os.Stat(filepath.Join(a.c.Outbox, filepath.Base(w2[0].Path))); !os.IsNotExist(err) {
		t.Errorf("the swept copy is still there: %v", err)
	}
	if err := a.c.Store.SetRetention(ctx, store.Retention{OutboxDays: 365, PurgeMarkDays: 3650}); err != nil {
		t.Fatal(err)
	}
	if rep, err := Sweep(ctx, a.c, now.AddDate(11, 0, 0)); err != nil || rep.PurgeMarks != 1 {
		t.Fatalf("sweep eleven years on %+v %v", rep, err)
	}
	if ms, _ := a.c.Store.PurgeMarks(ctx); len(ms) != 0 {
		t.Errorf("marks left %v", ms)
	}
}

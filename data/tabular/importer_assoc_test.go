package tabular

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

const branchCSV = `Tên chi hội,Hình thức tổ chức,Loại chi hội,Ngày thành lập,Chi hội trưởng,Kỳ,Số hội viên,Kết nạp mới,Ra khỏi hội
Chi hội thôn Đông,Chi hội khuyến học,"Thôn, tổ dân phố",08/03/2010,Nguyễn Văn Tư,2026-H1,120,12,3
Chi hội thôn Đông,,,,,2025,111,15,4
Ban khuyến học trường THCS,Ban khuyến học,Trường học,05/09/2018,Lê Thị Mai,2026-H1,35,5,0
Chi hội công ty May 10,,doanh_nghiep,01/02/2026,,,,,
`

func TestImport_BranchesWithMembersTwice(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	res := importCSV(t, st, Branches, branchCSV, Options{})
	// Three branches; the second row adds the first branch's 2025.
	if res.Rows != 4 || res.Created != 3 || res.Updated != 1 || len(res.Problems) != 0 {
		t.Fatalf("first import %+v", res)
	}
	bs, err := st.Branches(ctx, unit, "2026-H1")
	if err != nil || len(bs) != 3 {
		t.Fatalf("branches %+v %v", bs, err)
	}
	byName := map[string]store.BranchItem{}
	for _, b := range bs {
		byName[b.Name] = b
	}
	d := byName["Chi hội thôn Đông"]
	if d.Type != "thon" || d.Form != "chi_hoi" || d.Chair != "Nguyễn Văn Tư" || d.Members.Total != 120 || d.Members.Left != 3 {
		t.Fatalf("thôn Đông %+v", d)
	}
	if b := byName["Ban khuyến học trường THCS"]; b.Form != "ban_khuyen_hoc" || b.Type != "truong_hoc" || b.Members.Admitted != 5 {
		t.Fatalf("ban khuyến học %+v", b)
	}
	if b := byName["Chi hội công ty May 10"]; b.Type != "doanh_nghiep" || b.EstablishedOn != (data.Date{Y: 2026, M: 2, D: 1}) {
		t.Fatalf("enterprise %+v", b)
	}
	if ms, _ := st.MemberCounts(ctx, d.ID); len(ms) != 2 || ms[0].Period != "2025" || ms[0].Total != 111 {
		t.Fatalf("counts %+v", ms)
	}
	if res := importCSV(t, st, Branches, branchCSV, Options{}); res.Unchanged != 4 || res.Created+res.Updated != 0 {
		t.Fatalf("again %+v", res)
	}
	// A row with only the branch and a new half-year's figures keeps the rest.
	res = importCSV(t, st, Branches, "name,period,members,admitted\nChi hội thôn Đông,2026-H2,125,6\n", Options{})
	if res.Updated != 1 || len(res.Changes) != 1 || len(res.Changes[0].Fields) != 1 || res.Changes[0].Fields[0].Kind != store.MemberCount {
		t.Fatalf("a new half %+v", res)
	}
	if bs, _ := st.Branches(ctx, unit, ""); bs[2].Name != "Chi hội thôn Đông" || bs[2].Chair != "Nguyễn Văn Tư" {
		t.Fatalf("kept %+v", bs[2])
	}
	tot, _ := st.PeriodTotals(ctx, data.YearPeriod(2026))
	if m := tot[unit].Association.Members; m != (data.MemberTotals{Total: 125 + 35, Admitted: 12 + 6 + 5, Left: 3}) {
		t.Fatalf("members of 2026 %+v", m)
	}
}

func TestImport_BranchRowsRefused(t *testing.T) {
	st := openStore(t)
	rows, err := ReadCSV([]byte("name,period,members,admitted\nA,2026-Q1,10,0\nB,2026,10,20\n,2026,1,0\n"), Branches)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Import(context.Background(), st, Branches, rows, Options{Unit: unit})
	var p []Problem
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("import: %v", err)
	}
	res, _ := Preview(context.Background(), st, Branches, rows, Options{Unit: unit})
	p = res.Problems
	if len(p) != 3 || !errors.Is(p[0].Err, data.ErrPeriod) || !errors.Is(p[1].Err, data.ErrMembersAdmitted) ||
		!errors.Is(p[2].Err, data.ErrRequired) || p[0].Line != 2 || p[2].Line != 4 {
		t.Fatalf("problems %+v", p)
	}
	if bs, _ := st.Branches(context.Background(), "", ""); len(bs) != 0 {
		t.Fatalf("nothing is written: %+v", bs)
	}
}

func TestImport_ActivitiesExportAndBack(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rows, err := ReadCSV([]byte(`kind,date,title,participants,publicity_kind,times,document_no,note
tap_huan,2026-03-02,Tập huấn chi hội trưởng,30,,,,
"Hội nghị, cuộc họp",15/01/2026,Hội nghị tổng kết,80,,,,
tuyen_truyen,2026-04-01,Tháng khuyến học,,"Đài truyền thanh, loa",8,,
van_ban,2026-01-05,Kế hoạch năm 2026,,,,01/KH-HKH,
van_ban,2026-01-05,Kế hoạch năm 2026,,,,01/KH-HKH,
`), Activities)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(ctx, st, Activities, rows, Options{Unit: unit})
	// Two identical rows of one file are two entries, as two identical awards are two awards.
	if err != nil || res.Created != 5 {
		t.Fatalf("import %+v %v", res, err)
	}
	as, _ := st.Activities(ctx, store.ActivityQuery{Kind: "tuyen_truyen"})
	if len(as) != 1 || as[0].PublicityKind != "truyen_thanh" || as[0].Times != 8 {
		t.Fatalf("publicity %+v", as)
	}
	dir := t.TempDir()
	for _, k := range []Kind{Activities, Branches} {
		if k == Branches {
			importCSV(t, st, Branches, branchCSV, Options{})
		}
		for _, ext := range []string{".xlsx", ".csv"} {
			out := filepath.Join(dir, string(k)+ext)
			n, err := Export(ctx, st, k, "", out)
			if err != nil || n != map[Kind]int{Activities: 5, Branches: 4}[k] {
				t.Fatalf("export %s%s: %d %v", k, ext, n, err)
			}
			back, err := Read(out, k)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(ctx, st, k, back, Options{Unit: unit})
			if err != nil || res.Unchanged != n || res.Created+res.Updated != 0 {
				t.Fatalf("re-import of own %s%s export: %+v %v", k, ext, res, err)
			}
		}
	}
	tot, _ := st.PeriodTotals(ctx, data.HalfYear(2026, 1))
	a := tot[unit].Association.Activities
	if a.Training != (data.Gathering{Count: 1, Participants: 30}) || a.Meetings.Participants != 80 || a.Documents.Count != 2 ||
		a.Publicity.Times != 8 || a.Publicity.ByKind["truyen_thanh"] != 8 {
		t.Fatalf("activities %+v", a)
	}
}

// The columns added to awards, ledger lines and centres import by code or
// label, and a file without them still imports (and keeps them).
func TestImport_NewColumnsOfOtherKinds(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	importCSV(t, st, Awards, "full_name,award_type,amount_vnd,awarded_on,recipient_kind,campaign\n"+
		"Trần Văn Giáo,qua,500000,2026-05-01,Giáo viên,Học không bao giờ cùng\n"+
		"Gia đình ông Lê Văn Ba,khac,300000,2026-05-02,gia_dinh,Quỹ Khuyến học Nguyễn Cao\n", Options{})
	as, _ := st.Awards(ctx, store.AwardQuery{})
	if len(as) != 2 || as[0].RecipientKind != "gia_dinh" || as[0].Campaign != "Quỹ Khuyến học Nguyễn Cao" ||
		as[1].RecipientKind != "giao_vien" || as[1].Campaign != "hoc_khong_bao_gio_cung" {
		t.Fatalf("awards %+v", as)
	}
	importCSV(t, st, Awards, "full_name,award_type,amount_vnd,awarded_on,achievement\nTrần Văn Giáo,qua,500000,2026-05-01,Dạy giỏi\n", Options{})
	if as, _ := st.Awards(ctx, store.AwardQuery{Search: "giao"}); len(as) != 1 || as[0].RecipientKind != "giao_vien" || as[0].Achievement != "Dạy giỏi" {
		t.Fatalf("a file without the new columns keeps them: %+v", as)
	}
	importCSV(t, st, Funds, "date,direction,amount_vnd,source,holder\n2026-03-01,thu,1000000,dong_ho,Dòng họ\n", Options{})
	if fs, _ := st.FundLines(ctx, unit, 2026); len(fs) != 1 || fs[0].Holder != "dong_ho" {
		t.Fatalf("fund %+v", fs)
	}
	importCSV(t, st, Centres, "name,year,classes_xoa_mu_chu,learners_xoa_mu_chu,classes_phap_luat,learners_phap_luat\n"+
		"TTHTCĐ xã,2026,2,40,1,25\n", Options{})
	cs, _ := st.Centres(ctx, unit, 2026)
	if len(cs) != 1 || cs[0].Year.Classes != 3 || cs[0].Year.LearnerTimes != 65 || cs[0].Year.ByProgramme[3].Classes != 1 {
		t.Fatalf("centre %+v", cs)
	}
	rows, _ := ReadCSV([]byte("name,year,classes,classes_ky_nang_so\nTTHTCĐ xã,2026,1,2\n"), Centres)
	if res, _ := Preview(ctx, st, Centres, rows, Options{Unit: unit}); len(res.Problems) != 1 ||
		!errors.Is(res.Problems[0].Err, data.ErrProgrammeSum) {
		t.Fatalf("a total below its programmes: %+v", res.Problems)
	}
}

// seedAssociation writes branches (one with two periods, one dissolved,
// one without counts) and a log with every field set, for the export
// round trips.
func seedAssociation(ed *store.Editor) error {
	dong := data.Branch{Unit: unit, Name: "Chi hội thôn Đông", Form: "chi_hoi", Type: "thon", EstablishedOn: data.Date{Y: 2010, M: 3, D: 8},
		Chair: "Nguyễn Văn Tư", Note: "chi hội mạnh, có quỹ riêng"}
	tay := data.Branch{Unit: unit, Name: "Ban khuyến học trường THCS", Form: "ban_khuyen_hoc", Type: "truong_hoc",
		EstablishedOn: data.Date{Y: 2015, M: 9, D: 5}, DissolvedOn: data.Date{Y: 2026, M: 6, D: 30}}
	ho := data.Branch{Unit: unit, Name: "Chi hội họ Phạm", Form: "chi_hoi", Type: "Hội đồng hương"}
	for _, b := range []*data.Branch{&dong, &tay, &ho} {
		if _, err := ed.SaveBranch(b); err != nil {
			return err
		}
	}
	for _, m := range []data.MemberCount{
		{BranchID: dong.ID, Period: "2025", Total: 111, Admitted: 15, Left: 4},
		{BranchID: dong.ID, Period: "2026-H1", Total: 120, Admitted: 12, Left: 3},
		{BranchID: tay.ID, Period: "2026-H1", Total: 0, Admitted: 0, Left: 35},
	} {
		m.Unit = unit
		if _, err := ed.SaveMemberCount(&m); err != nil {
			return err
		}
	}
	for _, a := range []data.Activity{
		{Kind: "tuyen_truyen", Date: data.Date{Y: 2026, M: 4, D: 2}, Title: "Tháng khuyến học", Participants: 40,
			PublicityKind: "truyen_thanh", Times: 6, DocumentNo: "15/KH-HKH", Note: "phát 6 buổi, có dấu phẩy"},
		{Kind: "van_ban", Date: data.Date{Y: 2026, M: 1, D: 5}, Title: "Kế hoạch năm", DocumentNo: "01/KH-HKH"},
		{Kind: "tap_huan", Date: data.Date{Y: 2025, M: 10, D: 1}, Title: "=Tập huấn", Participants: 35},
	} {
		a.Unit = unit
		if _, err := ed.SaveActivity(&a); err != nil {
			return err
		}
	}
	return nil
}

// associationRows is every branch row (with each count) or log entry held,
// as Format writes it for a file.
func associationRows(t *testing.T, st *store.Store, k Kind) []data.Input {
	t.Helper()
	ctx := context.Background()
	var out []data.Input
	if k == Activities {
		as, err := st.Activities(ctx, store.ActivityQuery{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			out = append(out, data.FormatActivity(a, data.FileStyle))
		}
		return out
	}
	bs, err := st.Branches(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		ms, err := st.MemberCounts(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data.FormatBranch(data.BranchEntry{Branch: b.Branch}, data.FileStyle))
		if len(ms) > 0 {
			out = out[:len(out)-1]
		}
		for _, m := range ms {
			out = append(out, data.FormatBranch(data.BranchEntry{Branch: b.Branch, Members: &m}, data.FileStyle))
		}
	}
	return out
}

// programmes gives a centre's year its classes and learner-times per
// programme, in pairs in the order of data.Programmes.
func programmes(n ...int64) [data.NumProgrammes]data.ClassCount {
	var out [data.NumProgrammes]data.ClassCount
	for i := range out {
		out[i] = data.ClassCount{Classes: n[2*i], LearnerTimes: n[2*i+1]}
	}
	return out
}

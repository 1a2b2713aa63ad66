package store

import (
	"context"
	"errors"
	"testing"

	"sokhuyenhoc/data"
)

func TestInForce_HighestCounterThenSiteWhateverTheOrder(t *testing.T) {
	a := Statement{Hash: "a", Kind: "approval", Issuer: "2024:340", Unit: "2024:12694", Period: "2026", N: 2, Site: "01", Approved: true}
	b := Statement{Hash: "b", Kind: "approval", Issuer: "2024:340", Unit: "2024:12694", Period: "2026", N: 3, Site: "00"}
	c := Statement{Hash: "c", Kind: "approval", Issuer: "2024:340", Unit: "2024:12694", Period: "2026", N: 3, Site: "02", Approved: true}
	other := Statement{Hash: "d", Kind: "approval", Issuer: "2024:340", Unit: "2024:12694", Period: "2025", N: 1}
	for _, order := range [][]Statement{{a, b, c, other}, {c, b, a, other}, {b, other, c, a}, {other, a, c, b}} {
		got := InForce(order)
		if len(got) != 2 || got[0].Hash != "d" || got[1].Hash != "c" {
			t.Fatalf("order %v: in force %v", order, got)
		}
	}
}

// An approval of a whole year recorded here locks the year in the same
// transaction; its undoing unlocks it. Both go up in the next bundle.
func TestAddStatement_ApprovalLocksTheYear(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	st := Statement{Hash: "h1", Kind: "approval", Issuer: testUnit, Site: "a", N: 1, Unit: "2024:12694", Period: "2026",
		Approved: true, Issued: "2026-12-01T00:00:00Z", ReceivedOn: "2026-12-01", File: []byte("f"), KHKey: []byte("k")}
	if err := s.AddStatement(ctx, st, 2026, "Cán bộ"); err != nil {
		t.Fatal(err)
	}
	if as, _ := s.Approvals(ctx); len(as) != 1 || as[0].Year != 2026 || as[0].Unit != "2024:12694" {
		t.Fatalf("approvals %+v", as)
	}
	undo := st
	undo.Hash, undo.N, undo.Approved = "h2", 2, false
	if err := s.AddStatement(ctx, undo, 2026, "Cán bộ"); err != nil {
		t.Fatal(err)
	}
	if as, _ := s.Approvals(ctx); len(as) != 0 {
		t.Fatalf("approvals after undo %+v", as)
	}
	if n, _ := s.NextStatementN(ctx, testUnit); n != 3 {
		t.Fatalf("next counter %d", n)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	n := 0
	if err := snap.Statements(0, func(Statement) error { n++; return nil }); err != nil || n != 2 {
		t.Fatalf("statements to send: %d %v", n, err)
	}
	if err := s.AddStatement(ctx, st, 0, ""); err == nil {
		t.Fatal("the same statement twice")
	}
}

func TestSetDeadline_ADayAndAPeriod(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	if err := s.SetDeadline(ctx, Deadline{Period: "2026", Due: "15/12/2026"}); !errors.Is(err, ErrDeadline) {
		t.Fatalf("a day not in its stored form: %v", err)
	}
	if err := s.SetDeadline(ctx, Deadline{Period: "2026-01-01..2026-12-31", Due: "2026-12-15"}); !errors.Is(err, data.ErrPeriod) {
		t.Fatalf("a period not in its text form: %v", err)
	}
	for _, due := range []string{"2026-12-10", "2026-12-15"} {
		if err := s.SetDeadline(ctx, Deadline{Period: "2026", Level: "commune", Due: due, SetBy: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if ds, _ := s.Deadlines(ctx); len(ds) != 1 || ds[0].Due != "2026-12-15" {
		t.Fatalf("deadlines %+v", ds)
	}
}

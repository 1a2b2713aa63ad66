package store

import (
	"context"
	"database/sql"
	"fmt"

	"sokhuyenhoc/data"
)

// goSteps are the parts of numbered migrations that SQL alone cannot do:
// versioned edits (a Lamport tick, per-field versions, the audit trail).
// Each runs in its migration's transaction, after its SQL.
var goSteps = map[int]func(s *Store, t *txn) (string, error){
	7: fixRecognition,
	8: seedSiteClaims,
}

// MigrationNotes says what the migrations run by Open changed, one line
// each (for the program's log).
func (s *Store) MigrationNotes() []string { return s.notes }

func (s *Store) goStep(ctx context.Context, tx *sql.Tx, version int) error {
	step := goSteps[version]
	if step == nil {
		return nil
	}
	if err := addColumns(ctx, tx); err != nil {
		return err
	}
	t := &txn{ctx: ctx, tx: tx}
	defer t.close()
	note, err := step(s, t)
	if err != nil {
		return err
	}
	if err := t.flushIndex(); err != nil {
		return err
	}
	if err := t.flushLive(); err != nil {
		return err
	}
	if note != "" {
		s.notes = append(s.notes, fmt.Sprintf("migration %04d: %s", version, note))
	}
	return nil
}

// fixRecognition moves the assessments this installation set to công
// nhận without a recognition decision, though scored, back to the step
// their data supports (data.AutoStep: đề nghị), as a versioned edit of
// this installation (see migrations/0007_workflow.sql).
func fixRecognition(s *Store, t *txn) (string, error) {
	var site, op string
	err := t.tx.QueryRowContext(t.ctx, "SELECT value FROM meta WHERE key = ?", MetaSite).Scan(&site)
	if err == sql.ErrNoRows {
		return "", nil // not set up: nothing stored yet
	} else if err != nil {
		return "", err
	}
	t.tx.QueryRowContext(t.ctx, "SELECT value FROM meta WHERE key = ?", MetaOperator).Scan(&op)
	e := &Editor{t: t, s: s, action: "migrate", site: site, operator: op}
	ids, err := e.all(`SELECT id FROM assessment WHERE deleted = 0 AND status = 'cong_nhan'
		AND result = 'dat' AND scores <> '' AND decision_no = '' AND decision_date = '' ORDER BY id`)
	if err != nil {
		return "", err
	}
	sc := schemas[Assessment]
	status := sc.Index("status")
	moved, theirs := 0, 0
	for _, id := range ids {
		old, err := t.load(sc, id)
		if err != nil {
			return "", err
		}
		if old.FV[status].Ver.S != site {
			theirs++
			continue
		}
		a := AssessmentOf(old)
		vals := append([]any(nil), old.Vals...)
		vals[status] = data.AutoStep(data.Assessment{Result: a.Result, Scores: a.Scores})
		if _, err := e.apply(sc, old, &Row{Kind: Assessment, ID: id, Unit: old.Unit, Vals: vals}, "workflow"); err != nil {
			return "", err
		}
		moved++
	}
	if moved+theirs == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d assessment(s) this installation had marked công nhận without a recognition decision "+
		"moved to đề nghị (passed, awaiting recognition); %d such row(s) held from other installations left as they came",
		moved, theirs), nil
}

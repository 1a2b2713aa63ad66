package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"sokhuyenhoc/data/msg/msgtest"
	"sokhuyenhoc/data/msg/saidtest"
	"sokhuyenhoc/data/store"
)

// Each class of the system's and the network's errors reads, on the
// command line, as its exact sentence after "Lỗi:"; the log keeps the
// error in full.
func TestReporting_SystemErrors(t *testing.T) {
	cmd := &command{words: []string{"bundle", "import"}}
	for _, tc := range msgtest.OSErrors(t) {
		for lang, want := range map[string]string{"vi": "Lỗi: " + tc.Vi + "\n", "en": "Error: " + tc.En + "\n"} {
			var errw, logb bytes.Buffer
			e := &env{lang: lang, errw: &errw, log: slog.New(slog.NewTextHandler(&logb, nil))}
			err := usageFail(fmt.Errorf("bundle import: %w", tc.Err))
			if code := e.finish(cmd, err); code != exitUsage {
				t.Errorf("%s: exit %d", tc.Name, code)
			}
			if got := errw.String(); got != want {
				t.Errorf("%s (%s): %q\nwant %q", tc.Name, lang, got, want)
			}
			if !strings.Contains(logb.String(), `msg="error shown"`) || !strings.Contains(logb.String(), "bundle import: ") {
				t.Errorf("%s: the log lacks the error in full: %s", tc.Name, logb.String())
			}
		}
	}
}

// A database another program holds (here a second connection in a write
// transaction, as the desktop app saving) reads as the sentence asking to
// try again, after the busy timeout; nothing is written.
func TestReporting_DatabaseBusy(t *testing.T) {
	home, db := newCommune(t)
	before := exportAll(t, home, db)
	other, err := sql.Open("sqlite", store.DSN(db, store.DSNOptions{TxLock: "immediate"}))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", db)
	tx.Rollback()
	want := "Lỗi: cơ sở dữ liệu đang được chương trình khác dùng; thử lại sau ít phút\n"
	if r.code == 0 || !strings.HasSuffix(r.stderr, want) {
		t.Fatalf("import while another program writes: exit %d\n%s\nwant the last line %q", r.code, r.stderr, want)
	}
	if exportAll(t, home, db) != before {
		t.Fatal("the refused import wrote something")
	}
}

// Every kind of error the command line links has its sentences.
func TestErrorKindsLinked_HaveSentences(t *testing.T) { saidtest.SentencesLinked(t) }

// Every error the command line shows goes through explain, which logs it:
// no other function asks data/msg for an error's sentence, but reasonText,
// which words a held bundle's reason recorded (and logged) when it arose.
func TestReporting_OnlyExplainSaysErrors(t *testing.T) {
	saidtest.OnlyTheseSayErrors(t, "explain", "reasonText")
}

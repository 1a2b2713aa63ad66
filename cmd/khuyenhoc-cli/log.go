package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"sokhuyenhoc/data/applog"
	"sokhuyenhoc/data/tabular"
	"sokhuyenhoc/sync/exchange"
)

// version is the release, set by make dist (-X main.version=…).
var version = "dev"

// startLog opens the log beside the database (logs/khuyenhoc-cli.log) and
// records the start of cmd: its words and the names of the flags given,
// never their values (an operator's name is personal data). It returns what
// records the end: the exit status and the error in full. Without a log
// (a read-only folder) the command runs all the same, logging nowhere.
func (e *env) startLog(cmd *command, args []string) func(code int, err error) {
	e.log = applog.Discard()
	l, err := applog.Open(applog.Dir(e.dbPath), "khuyenhoc-cli")
	if err == nil {
		e.log = l.Logger
	}
	t0 := time.Now()
	e.log.Info("start", "command", strings.Join(cmd.words, " "), "flags", flagNames(args),
		"version", version, "os", runtime.GOOS+"/"+runtime.GOARCH, "db", filepath.Base(e.dbPath), "pid", os.Getpid())
	return func(code int, err error) {
		attrs := []any{"command", strings.Join(cmd.words, " "), "exit", code, "ms", time.Since(t0).Milliseconds()}
		if err != nil { // the error in full is logged where it was shown (explain)
			e.log.Error("failed", attrs...)
		} else {
			e.log.Info("done", attrs...)
		}
		l.Close()
	}
}

// flagNames lists the --names among args.
func flagNames(args []string) string {
	var names []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
			names = append(names, name)
		}
	}
	return strings.Join(names, ",")
}

// event logs one of the main events (import, export, upload, restore) at
// Info, or at Warn with the error in full when err is not nil.
func (e *env) event(name string, err error, attrs ...any) {
	if err != nil {
		e.log.Warn(name, append(attrs, "err", err)...)
		return
	}
	e.log.Info(name, attrs...)
}

// logImport records an import of a register file: its counts (each row
// refused is logged where its reason is shown, explain).
func (e *env) logImport(kind, file string, res tabular.Result, err error) {
	e.event("records import", err, "kind", kind, "file", filepath.Base(file), "rows", res.Rows,
		"created", res.Created, "updated", res.Updated, "unchanged", res.Unchanged, "refused", len(res.Problems))
}

// logOutcome records what became of one bundle imported, verified or
// retried (why one was refused or held is logged where it is shown,
// explain).
func (e *env) logOutcome(o exchange.Outcome) {
	e.event("bundle "+string(o.Status), nil, "file", filepath.Base(o.File), "origin", o.Origin, "seq", o.Seq,
		"inserted", o.Stats.Inserted, "updated", o.Stats.Updated, "conflicts", o.Stats.Conflicts, "gaps", len(o.Gaps))
}

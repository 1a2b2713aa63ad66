package ui

import (
	"log/slog"
	"path/filepath"

	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/upload"
)

// The desktop app's log is Deps.Log, a file beside the database that
// cmd/khuyenhoc opens (data/applog): the main events and every error shown,
// in full. The log masks what may be personal data; the callers here give it
// counts, kinds, unit codes and file names only, never a record's fields.

var discard = slog.New(slog.DiscardHandler)

// log is the app's logger (a silent one when none was given).
func (u *UI) log() *slog.Logger {
	if u.deps.Log == nil {
		return discard
	}
	return u.deps.Log
}

// event logs a main event at Info, or at Warn with the error in full.
func (e *env) event(name string, err error, attrs ...any) {
	l := e.log
	if l == nil {
		l = discard
	}
	if err != nil {
		l.Warn(name, append(attrs, "err", err)...)
		return
	}
	l.Info(name, attrs...)
}

// logWritten records the bundles an export or a resend wrote.
func (e *env) logWritten(ws []exchange.Written, err error) {
	for _, w := range ws {
		e.event("bundle export", nil, "file", filepath.Base(w.Path), "seq", w.Seq, "rows", w.Rows, "resent", w.Resent)
	}
	if err != nil {
		e.event("bundle export", err)
	}
}

// logOutcomes records what became of each bundle imported.
func (e *env) logOutcomes(outs []exchange.Outcome) {
	for _, o := range outs {
		e.event("bundle "+string(o.Status), o.Err, "file", filepath.Base(o.File), "origin", o.Origin, "seq", o.Seq,
			"inserted", o.Stats.Inserted, "updated", o.Stats.Updated, "conflicts", o.Stats.Conflicts, "gaps", len(o.Gaps))
	}
}

// logStatus records the uploader's changes: a failure (once per new
// reason), and the moment every bundle has its receipt.
func (o *Online) logStatus(prev, next upload.Status) {
	l := o.cfg.Log
	if l == nil {
		return
	}
	switch {
	case next.LastError != nil && (prev.LastError == nil || prev.LastError.Error() != next.LastError.Error()):
		l.Warn("upload", "pending", next.Pending, "err", next.LastError)
	case next.LastError == nil && next.Pending == 0 && prev.Pending > 0:
		l.Info("upload", "sent", prev.Pending, "pending", 0)
	}
}

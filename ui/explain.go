package ui

import (
	"log/slog"
	"unicode"
	"unicode/utf8"

	"sokhuyenhoc/data/msg"
)

// Errors for people, detail for the log: every error the windows show is
// said by explain, which writes the error in full to the log and returns
// the sentence (data/msg: by what the error is, never by its text). Only
// reasons recorded earlier and shown again (why a bundle is held) and a
// Parse function's own complaints about what is being typed are worded
// without a log line (reasonText).

// explain logs err in full (with what it was said as) and returns its
// sentence in the current language.
func explain(l *slog.Logger, err error) string {
	if l == nil {
		l = discard
	}
	l.Warn("error shown", "err", err, "kind", msg.Kinds(err))
	return msg.Err(current, err)
}

// explain is explain with the window's log.
func (e *env) explain(err error) string { return explain(e.log, err) }

// explain is explain with the app's log.
func (u *UI) explain(err error) string { return explain(u.log(), err) }

// reasonText words a reason that was logged when it arose (a bundle's
// outcome, why a bundle is held) or an input's complaint while typing.
func reasonText(err error) string { return msg.Err(current, err) }

// fail shows an error as a plain sentence.
func (e *env) fail(err error) { e.failAs(T("Something went wrong"), err) }

// failAs shows an error as a plain sentence under title.
func (e *env) failAs(title string, err error) {
	if err == nil {
		return
	}
	e.info(title, capital(e.explain(err)))
}

// capital starts s with a capital letter: a sentence standing alone.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

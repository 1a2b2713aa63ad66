package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"sokhuyenhoc/data/applog"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
)

// env is what every command gets: the global flags and the outputs.
type env struct {
	ctx    context.Context
	dbPath string
	json   bool
	lang   string
	out    io.Writer // JSON documents
	errw   io.Writer // human messages
	st     *store.Store
	sent   bool         // a JSON document was printed: an error adds none
	log    *slog.Logger // the log beside the database (log.go): events and errors in full
	// passFile is --passphrase-file: where the keys' passphrase is read
	// (passphrase.go).
	passFile string
}

// command is one verb of the command line.
type command struct {
	words []string // "records", "import"
	args  string   // usage of the rest
	run   func(e *env, fs *flag.FlagSet, args []string) error
	flags func(fs *flag.FlagSet)
}

// Exit statuses.
const (
	exitOK       = 0
	exitRejected = 1
	exitUsage    = 2
)

// exitError carries an exit status up to run.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr is a usage mistake: the words given are the sentence (flags,
// or text already in the person's language).
func usageErr(format string, a ...any) error {
	return &exitError{exitUsage, msg.Said(fmt.Sprintf(format, a...))}
}

// usageFail is a failure that ends the command with the usage status; err
// is said by what it is (a file not found, a hub not reached).
func usageFail(err error) error { return &exitError{exitUsage, err} }

func rejected(err error) error { return &exitError{exitRejected, err} }

// refused is the exit status 1 with a count already worded for the person.
func refused(format string, a ...any) error { return rejected(msg.Said(fmt.Sprintf(format, a...))) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, out: stdout, errw: stderr, lang: "vi", log: applog.Discard()}
	rest, err := e.globalFlags(args)
	if err != nil { // before the log is open: where the database is is not known yet
		fmt.Fprintln(stderr, msg.T(e.lang, "Error")+": "+e.explain(err))
		return exitUsage
	}
	cmd, rest := find(rest)
	if cmd == nil {
		e.usage()
		return exitUsage
	}
	fs := flag.NewFlagSet(strings.Join(cmd.words, " "), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	endLog := e.startLog(cmd, rest)
	pos, err := parseInterleaved(fs, rest)
	if err != nil {
		err = usageFail(flagError{err})
	} else {
		err = cmd.run(e, fs, pos)
	}
	if e.st != nil {
		e.st.Close()
	}
	code := e.finish(cmd, err)
	endLog(code, err)
	return code
}

func (e *env) finish(cmd *command, err error) int {
	if err == nil {
		return exitOK
	}
	code := exitUsage
	var ex *exitError
	if errors.As(err, &ex) {
		code = ex.code
	}
	var fe flagError
	if errors.As(err, &fe) {
		fmt.Fprintf(e.errw, "%s: %s %s\n", msg.T(e.lang, "usage"), "khuyenhoc-cli "+strings.Join(cmd.words, " "), cmd.args)
	}
	said := e.explain(err)
	if e.json && code == exitUsage && !e.sent {
		e.emit(map[string]any{"error": err.Error(), "message": said})
	}
	fmt.Fprintln(e.errw, msg.T(e.lang, "Error")+": "+said)
	return code
}

// explain is what the person reads for err, in the chosen language; the
// error goes to the log in full, after attrs (the file, the line). Every
// error the command line shows passes here, once. An error of no known kind
// also names the log.
func (e *env) explain(err error, attrs ...any) string {
	e.log.Warn("error shown", append(attrs, "err", err, "kind", msg.Kinds(err))...)
	s := msg.Err(e.lang, err)
	if !msg.Known(err) {
		s += " (" + filepath.Join(applog.Dir(e.dbPath), "khuyenhoc-cli.log") + ")"
	}
	return s
}

// flagError is an option the flag package refused; the person reads which.
type flagError struct{ err error }

func (f flagError) Error() string { return f.err.Error() }
func (f flagError) Unwrap() error { return f.err }

// Describe names the option: "tùy chọn -year không có hoặc thiếu giá trị".
func (f flagError) Describe(lang string) string {
	if errors.Is(f.err, flag.ErrHelp) {
		return msg.T(lang, "the command's options are listed above")
	}
	return msg.T(lang, "option %s is unknown, or its value is missing or wrong", optionName.FindString(f.err.Error()))
}

// optionName finds the option a flag error names ("-year").
var optionName = regexp.MustCompile(`-[A-Za-z][A-Za-z0-9-]*`)

// globalFlags removes --db, --json and --lang wherever they stand.
func (e *env) globalFlags(args []string) ([]string, error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			rest = append(rest, a)
			continue
		}
		switch name {
		case "json":
			e.json = true
			continue
		case "db", "lang", "passphrase-file":
			if !hasVal {
				if i+1 >= len(args) {
					return nil, msg.Said(msg.T(e.lang, "--%s needs a value", name))
				}
				i++
				val = args[i]
			}
			if name == "db" {
				e.dbPath = val
			} else if name == "passphrase-file" {
				e.passFile = val
			} else if val != "vi" && val != "en" {
				return nil, msg.Said("--lang: vi | en")
			} else {
				e.lang = val
			}
			continue
		}
		rest = append(rest, a)
	}
	if e.dbPath == "" {
		e.dbPath = DefaultDB()
	}
	return rest, nil
}

// DefaultDB is khuyenhoc.db in the user's configuration folder, shared
// with the desktop app.
func DefaultDB() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "khuyenhoc", "khuyenhoc.db")
}

func find(args []string) (*command, []string) {
	var best *command
	for i := range commands {
		c := &commands[i]
		if len(args) >= len(c.words) && strings.Join(args[:len(c.words)], " ") == strings.Join(c.words, " ") {
			if best == nil || len(c.words) > len(best.words) {
				best = c
			}
		}
	}
	if best == nil {
		return nil, nil
	}
	return best, args[len(best.words):]
}

// parseInterleaved parses flags that may stand between positional words.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func (e *env) usage() {
	fmt.Fprintln(e.errw, msg.T(e.lang, "usage")+": khuyenhoc-cli [--db PATH] [--json] [--lang vi|en] [--passphrase-file FILE] COMMAND")
	for _, c := range commands {
		fmt.Fprintf(e.errw, "  %s %s\n", strings.Join(c.words, " "), c.args)
	}
}

// open opens the database, which must exist and be set up.
func (e *env) open() (*store.Store, error) {
	if e.st != nil {
		return e.st, nil
	}
	if _, err := os.Stat(e.dbPath); err != nil {
		return nil, usageErr("%s: %s", msg.T(e.lang, "no database"), e.dbPath)
	}
	return e.openOrCreate()
}

func (e *env) openOrCreate() (*store.Store, error) {
	if err := os.MkdirAll(filepath.Dir(e.dbPath), 0o700); err != nil {
		return nil, err
	}
	st, err := store.Open(e.ctx, e.dbPath, store.Options{})
	if err != nil {
		return nil, err
	}
	for _, note := range st.MigrationNotes() { // what an upgrade changed, said once
		fmt.Fprintln(e.errw, note)
	}
	st.SetPassphrasePrompt(e.askUnlock) // passphrase.go
	e.st = st
	return st, nil
}

// installation returns the set-up of the open database.
func (e *env) installation() (store.Installation, error) {
	st, err := e.open()
	if err != nil {
		return store.Installation{}, err
	}
	return st.Installation(e.ctx)
}

// emit prints one JSON document on stdout.
func (e *env) emit(v any) error {
	e.sent = true
	enc := json.NewEncoder(e.out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// t translates a short word for the current language.
func (e *env) t(s string) string { return msg.T(e.lang, s) }

// say prints a translated human message on stderr.
func (e *env) say(format string, a ...any) {
	fmt.Fprintln(e.errw, msg.T(e.lang, format, a...))
}

func today() string { return time.Now().Format("02/01/2006") }

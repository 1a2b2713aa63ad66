package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// Passphrases (docs/privacy.md, "Keys at rest"). The unit's secret keys
// are sealed in the database with the passphrase set at init; a command
// that needs them asks for it once, from, in this order:
//
//	--passphrase-file FILE   the first line of FILE (for scripts)
//	KHUYENHOC_PASSPHRASE     the environment (for scripts and tests)
//	the terminal             typed, not shown
//
// A new passphrase (init, keys passphrase, keys restore) comes from
// --new-passphrase-file or KHUYENHOC_NEW_PASSPHRASE, else at init and
// restore from the sources above, else typed twice. A key backup's own
// passphrase comes from --backup-passphrase-file or
// KHUYENHOC_BACKUP_PASSPHRASE, else typed (twice when made).
const (
	envPassphrase       = "KHUYENHOC_PASSPHRASE"
	envNewPassphrase    = "KHUYENHOC_NEW_PASSPHRASE"
	envBackupPassphrase = "KHUYENHOC_BACKUP_PASSPHRASE"
)

// passSource is one way of getting a passphrase.
type passSource struct {
	file, env, prompt string
	confirm           bool // typed twice
}

// read returns the passphrase from the file, the environment or the
// terminal, in that order.
func (e *env) read(s passSource) ([]byte, error) {
	if s.file != "" {
		b, err := os.ReadFile(s.file)
		if err != nil {
			return nil, usageErr("%v", err)
		}
		line, _, _ := strings.Cut(strings.TrimPrefix(string(b), "\ufeff"), "\n")
		return []byte(strings.TrimRight(line, "\r")), nil
	}
	if v, ok := os.LookupEnv(s.env); ok && s.env != "" {
		return []byte(v), nil
	}
	fd := int(os.Stdin.Fd())
	if s.prompt == "" || !term.IsTerminal(fd) {
		// a passphrase needed with no way to get it: said as a usage mistake
		return nil, usageErr("%s", msg.T(e.lang, "A passphrase is needed: give --passphrase-file FILE or set KHUYENHOC_PASSPHRASE, or run in a terminal"))
	}
	fmt.Fprint(e.errw, msg.T(e.lang, s.prompt)+": ")
	p, err := term.ReadPassword(fd)
	fmt.Fprintln(e.errw)
	if err != nil || !s.confirm {
		return p, err
	}
	fmt.Fprint(e.errw, msg.T(e.lang, "Type it again")+": ")
	again, err := term.ReadPassword(fd)
	fmt.Fprintln(e.errw)
	if err == nil && !bytes.Equal(p, again) {
		err = usageErr("%s", msg.T(e.lang, "The two passphrases differ"))
	}
	return p, err
}

// unlockSource is where the passphrase of the keys comes from.
func (e *env) unlockSource() passSource {
	return passSource{file: e.passFile, env: envPassphrase, prompt: "Passphrase of the unit's keys"}
}

// askUnlock is the store's passphrase prompt (store.SetPassphrasePrompt).
func (e *env) askUnlock() ([]byte, error) { return e.read(e.unlockSource()) }

// newPassphrase returns a passphrase to seal the keys with: from the
// command's --new-passphrase-file or KHUYENHOC_NEW_PASSPHRASE, else (with
// orCurrent, at init and restore) from the usual sources, else typed twice.
func (e *env) newPassphrase(file string, orCurrent bool) ([]byte, error) {
	src := passSource{file: file, env: envNewPassphrase, prompt: "New passphrase of the unit's keys", confirm: true}
	if file == "" && orCurrent {
		if _, ok := os.LookupEnv(envNewPassphrase); !ok {
			src.file, src.env = e.passFile, envPassphrase
		}
	}
	p, err := e.read(src)
	if err == nil {
		err = keys.CheckPassphrase(p)
	}
	return p, err
}

// backupPassphrase returns the passphrase of a key backup.
func (e *env) backupPassphrase(file string, confirm bool) ([]byte, error) {
	p, err := e.read(passSource{file: file, env: envBackupPassphrase, prompt: "Passphrase of the key backup", confirm: confirm})
	if err == nil && confirm {
		err = keys.CheckPassphrase(p)
	}
	return p, err
}

// warnClear says once that the keys lie in clear (a database of an
// earlier version) and how to protect them.
func (e *env) warnClear() {
	if e.st == nil {
		return
	}
	if s, err := setup.State(e.ctx, e.st); err == nil && s == setup.Clear {
		e.say("Warning: this unit's secret keys are stored without a passphrase. Protect them: khuyenhoc-cli keys passphrase")
	}
}

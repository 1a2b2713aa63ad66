package main

import (
	"errors"
	"flag"
	"os"
	"path/filepath"

	"sokhuyenhoc/data/store"
)

// cmdBackup writes a checked copy of the database (store.WriteBackup).
func cmdBackup(e *env, fs *flag.FlagSet, _ []string) error {
	out := str(fs, "out")
	if out == "" {
		return usageErr("--out FILE")
	}
	if _, err := e.installation(); err != nil {
		return err
	}
	info, err := e.st.WriteBackup(e.ctx, out)
	if err != nil {
		return err
	}
	e.log.Info("backup", "file", filepath.Base(out), "bytes", info.Bytes, "schema", info.Schema)
	if e.json {
		return e.emit(map[string]any{"file": out, "bytes": info.Bytes, "unit": info.Unit, "schema": info.Schema})
	}
	e.say("Backup written to %s (%d KiB). It holds this unit's secret keys: keep it safe.", out, (info.Bytes+1023)/1024)
	return nil
}

// refusals are the reasons store.Restore gives for a file it will not put
// in place: the input is rejected (exit 1), not the command.
var refusals = []error{store.ErrNotBackup, store.ErrDamaged, store.ErrOtherUnit, store.ErrNotSetUp, store.ErrNewerSchema}

// cmdRestore puts a copy in place of the database (store.Restore); the
// database it replaces is kept in backups/.
func cmdRestore(e *env, _ *flag.FlagSet, args []string) error {
	if len(args) != 1 {
		return usageErr("FILE")
	}
	if err := os.MkdirAll(filepath.Dir(e.dbPath), 0o700); err != nil {
		return err
	}
	st, res, err := store.Restore(e.ctx, e.dbPath, args[0], store.BackupDir(e.dbPath), store.Options{})
	if err != nil {
		for _, r := range refusals {
			if errors.Is(err, r) {
				return rejected(err)
			}
		}
		return err
	}
	e.st = st
	e.log.Info("restore", "file", filepath.Base(args[0]), "unit", res.From.Unit, "schema", res.From.Schema, "carried", res.Carried,
		"aside", filepath.Base(res.Aside))
	if e.json {
		return e.emit(map[string]any{"file": args[0], "unit": res.From.Unit, "name": res.From.Name, "aside": res.Aside, "carried": res.Carried})
	}
	e.say("Restored from %s: %s.", args[0], res.From.Name)
	if res.Aside != "" {
		e.say("The database it replaced is kept at %s", res.Aside)
	}
	return nil
}

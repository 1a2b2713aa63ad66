package main

import (
	"flag"
	"os"
	"time"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

func (e *env) identity() (*keys.Identity, store.Installation, error) {
	in, err := e.installation()
	if err != nil {
		return nil, in, err
	}
	e.warnClear()
	id, err := setup.Identity(e.ctx, e.st)
	return id, in, err
}

func cmdKeysShow(e *env, _ *flag.FlagSet, _ []string) error {
	id, in, err := e.identity()
	if err != nil {
		return err
	}
	return e.showKey(id.Public(), in.Level)
}

func cmdKeysExport(e *env, fs *flag.FlagSet, _ []string) error {
	out := str(fs, "out")
	if out == "" {
		return usageErr("--out FILE.khkey")
	}
	id, _, err := e.identity()
	if err != nil {
		return err
	}
	b, err := keys.MarshalPublic(id)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"file": out, "fingerprint": id.Public().Fingerprint()})
	}
	e.say("Key written to %s", out)
	e.say("Fingerprint: %s", id.Public().Fingerprint())
	return nil
}

func readArg(args []string, what string) ([]byte, error) {
	if len(args) != 1 {
		return nil, usageErr("%s", what)
	}
	b, err := os.ReadFile(args[0])
	if err != nil {
		return nil, usageFail(err)
	}
	return b, nil
}

func cmdKeysUpstream(e *env, _ *flag.FlagSet, args []string) error {
	b, err := readArg(args, "FILE.khkey")
	if err != nil {
		return err
	}
	if _, err := e.open(); err != nil {
		return err
	}
	k, err := setup.SetUpstream(e.ctx, e.st, units.Default(), b)
	if err != nil {
		return rejected(err)
	}
	return e.keyDone(k, "Upstream unit set: %s (%s)")
}

func cmdKeysTrust(e *env, fs *flag.FlagSet, args []string) error {
	b, err := readArg(args, "FILE.khkey")
	if err != nil {
		return err
	}
	if _, err := e.open(); err != nil {
		return err
	}
	k, err := setup.Trust(e.ctx, e.st, units.Default(), b, str(fs, "fingerprint"))
	if err != nil {
		return rejected(err)
	}
	return e.keyDone(k, "Enrolled: %s (%s)")
}

func (e *env) keyDone(k keys.PublicKey, format string) error {
	if e.json {
		return e.emit(map[string]any{"unit": k.Unit.Code, "list": k.Unit.List, "name": k.Name,
			"level": k.Level, "fingerprint": k.Fingerprint()})
	}
	e.say(format, k.Name, k.Unit)
	e.say("Fingerprint: %s", k.Fingerprint())
	return nil
}

func cmdKeysRevoke(e *env, _ *flag.FlagSet, args []string) error {
	if len(args) == 0 {
		return usageErr("FINGERPRINT")
	}
	if _, err := e.open(); err != nil {
		return err
	}
	fp := setup.NormalizeFingerprint(joinArgs(args))
	if err := setup.Revoke(e.ctx, e.st, fp); err != nil {
		return rejected(err)
	}
	if e.json {
		return e.emit(map[string]any{"revoked": fp})
	}
	e.say("Key revoked: %s", fp)
	return nil
}

func joinArgs(args []string) string {
	s := ""
	for _, a := range args {
		s += a
	}
	return s
}

func cmdKeysList(e *env, _ *flag.FlagSet, _ []string) error {
	if _, err := e.open(); err != nil {
		return err
	}
	ks, err := e.st.PeerKeys(e.ctx, "")
	if err != nil {
		return err
	}
	if e.json {
		out := []map[string]any{}
		for _, k := range ks {
			out = append(out, map[string]any{"fingerprint": k.Fingerprint, "unit": k.Unit, "name": k.Name,
				"level": k.Level, "role": k.Role, "status": k.Status, "added_at": k.AddedAt})
		}
		return e.emit(out)
	}
	for _, k := range ks {
		e.say("%s  %-8s %-8s %s (%s)", k.Fingerprint, k.Role, k.Status, k.Name, k.Unit)
	}
	return nil
}

func cmdKeysBackup(e *env, fs *flag.FlagSet, _ []string) error {
	out := str(fs, "out")
	if out == "" {
		return usageErr("--out FILE")
	}
	id, _, err := e.identity()
	if err != nil {
		return err
	}
	pass, err := e.backupPassphrase(str(fs, "backup-passphrase-file"), true)
	if err != nil {
		return err
	}
	b, err := keys.SealBackup(id, pass)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(out, b, 0o600); err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"file": out, "fingerprint": id.Public().Fingerprint()})
	}
	e.say("Secret keys written to %s, protected by the backup's passphrase (stock age -d opens it): keep this file safe and offline", out)
	return nil
}

// cmdKeysPassphrase sets the passphrase of the keys: the first time for a
// database of an earlier version (its clear keys are sealed), or a new one.
func cmdKeysPassphrase(e *env, fs *flag.FlagSet, _ []string) error {
	if _, _, err := e.identity(); err != nil { // opens them with the current passphrase
		return err
	}
	pass, err := e.newPassphrase(str(fs, "new-passphrase-file"), false)
	if err != nil {
		return err
	}
	if err := setup.SetPassphrase(e.ctx, e.st, pass, 0); err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"sealed": true})
	}
	e.say("The secret keys are now protected by the new passphrase. A forgotten passphrase cannot be recovered: only a key backup (keys backup) brings the keys back.")
	return nil
}

func cmdKeysRestore(e *env, fs *flag.FlagSet, args []string) error {
	b, err := readArg(args, "FILE")
	if err != nil {
		return err
	}
	pass, err := e.newPassphrase(str(fs, "new-passphrase-file"), true)
	if err != nil {
		return err
	}
	st, err := e.openOrCreate()
	if err != nil {
		return err
	}
	id, err := setup.Restore(e.ctx, st, units.Default(), b, setup.RestoreParams{Operator: str(fs, "operator"), Passphrase: pass,
		BackupPassphrase: func() ([]byte, error) { return e.backupPassphrase(str(fs, "backup-passphrase-file"), false) }})
	if err != nil {
		return err
	}
	return e.showKey(id.Public(), id.Public().Level)
}

func cmdKeysRotate(e *env, _ *flag.FlagSet, _ []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	k, err := setup.Rotate(e.ctx, e.st, time.Now())
	if err != nil {
		return rejected(err)
	}
	if e.json {
		return e.emit(map[string]any{"next_fingerprint": k.Fingerprint(), "pending": true})
	}
	e.say("New key made: %s", k.Fingerprint())
	e.say("The next bundle, signed by the old key, announces it to the unit above")
	return nil
}

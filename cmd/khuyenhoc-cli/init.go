package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

func cmdInit(e *env, fs *flag.FlagSet, _ []string) error {
	level, err := data.Levels.Parse(str(fs, "level"))
	if err != nil || level == "" {
		return usageErr("--level commune|district|province")
	}
	list := str(fs, "list")
	if list != units.List2024 && list != units.List2025 {
		return usageErr("--list 2025|2024")
	}
	if str(fs, "unit") == "" {
		return usageErr("--unit CODE")
	}
	p := setup.Params{Level: level, Unit: units.Ref{List: list, Code: str(fs, "unit")},
		Operator: str(fs, "operator"), Now: time.Now()}
	if f := str(fs, "upstream"); f != "" {
		if p.Upstream, err = os.ReadFile(f); err != nil {
			return usageFail(err)
		}
	}
	if p.Passphrase, err = e.newPassphrase(str(fs, "new-passphrase-file"), true); err != nil {
		return err
	}
	st, err := e.openOrCreate()
	if err != nil {
		return err
	}
	id, err := setup.Init(e.ctx, st, units.Default(), p)
	if errors.Is(err, store.ErrAlreadySet) {
		return usageFail(fmt.Errorf("%w: %s", err, e.dbPath))
	}
	if err != nil {
		return err
	}
	if !e.json {
		e.say("The secret keys are protected by the passphrase. A forgotten passphrase cannot be recovered: only a key backup (keys backup) brings the keys back.")
	}
	return e.showKey(id.Public(), level)
}

func (e *env) showKey(k keys.PublicKey, level string) error {
	if e.json {
		return e.emit(keyJSON(k, level, e.dbPath))
	}
	e.say("Unit: %s (%s)", k.Name, k.Unit)
	e.say("Level: %s", data.Levels.Label(level, e.lang))
	e.say("Fingerprint: %s", k.Fingerprint())
	e.say("Database: %s", e.dbPath)
	return nil
}

func keyJSON(k keys.PublicKey, level, db string) map[string]any {
	return map[string]any{"unit": k.Unit.Code, "list": k.Unit.List, "level": level, "name": k.Name,
		"site": k.Site, "fingerprint": k.Fingerprint(), "key_id": k.KeyIDString(),
		"minisign_public_key": k.MinisignPublicKey(), "age_recipient": k.AgeRecipient, "db": db}
}

package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"sokhuyenhoc/data"
)

// cmdCriteriaList lists the criteria sets known here (shipped and
// installed), the one in use per model first.
func cmdCriteriaList(e *env, fs *flag.FlagSet, _ []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	cat, err := e.st.Catalog(e.ctx)
	if err != nil {
		return err
	}
	model := str(fs, "model")
	out := []map[string]any{}
	for _, o := range data.Models.Options {
		if model != "" && o.Code != model {
			continue
		}
		for _, s := range cat.Sets(o.Code) {
			use := cat.InUse(s)
			out = append(out, map[string]any{"model": s.Model, "version": s.Version, "title": s.Title,
				"decision": s.Decision, "status": s.Status, "rule": s.Rule.Kind, "criteria": len(s.Criteria),
				"in_use": use, "shipped": data.IsShipped(s), "sha256": s.Sum()})
			if !e.json {
				mark := " "
				if use {
					mark = "*"
				}
				fmt.Fprintf(e.out, "%s %-10s %-18s %-11s %-12s %2d  %s\n", mark, s.Model, s.Version, s.Status,
					s.Rule.Kind, len(s.Criteria), s.Title)
			}
		}
	}
	if e.json {
		return e.emit(out)
	}
	e.say("* in use for new assessments")
	return nil
}

// cmdCriteriaShow writes a set in its canonical JSON (the set in use of
// the model, or the version named).
func cmdCriteriaShow(e *env, fs *flag.FlagSet, args []string) error {
	if len(args) < 1 || len(args) > 2 {
		return usageErr("MODEL [VERSION]")
	}
	if _, err := e.installation(); err != nil {
		return err
	}
	cat, err := e.st.Catalog(e.ctx)
	if err != nil {
		return err
	}
	s := cat.Current(args[0])
	if len(args) == 2 {
		if s, err = cat.Get(args[0], args[1]); err != nil {
			return rejected(err)
		}
	}
	if s == nil {
		return usageErr("MODEL: citizen|family|clan|community|unit")
	}
	_, err = e.out.Write(s.JSON())
	return err
}

// cmdCriteriaInstall installs a criteria set from a file (docs/criteria.md);
// with --use it becomes the set new assessments of its model are scored
// against. Results already recorded keep the set they were scored against.
func cmdCriteriaInstall(e *env, fs *flag.FlagSet, args []string) error {
	if len(args) != 1 {
		return usageErr("FILE.json [--use]")
	}
	if _, err := e.installation(); err != nil {
		return err
	}
	f, err := os.Open(args[0])
	if err != nil {
		return rejected(err)
	}
	defer f.Close()
	set, err := data.ParseCriteriaSet(f)
	if err != nil {
		return rejected(fmt.Errorf("%s: %w", args[0], err))
	}
	use := boolean(fs, "use")
	if err := e.st.InstallCriteria(e.ctx, set, filepath.Base(args[0]), use); err != nil {
		return rejected(err)
	}
	if e.json {
		return e.emit(map[string]any{"model": set.Model, "version": set.Version, "in_use": use, "sha256": set.Sum()})
	}
	e.say("Criteria set %s installed", set.Key())
	if use {
		e.say("New assessments of %s are scored against %s", data.Models.Label(set.Model, e.lang), set.Version)
	}
	return nil
}

// cmdCriteriaUse makes a known version the set in use for its model.
func cmdCriteriaUse(e *env, fs *flag.FlagSet, args []string) error {
	if len(args) != 2 {
		return usageErr("MODEL VERSION")
	}
	if _, err := e.installation(); err != nil {
		return err
	}
	if err := e.st.UseCriteria(e.ctx, args[0], args[1]); err != nil {
		return rejected(err)
	}
	if e.json {
		return e.emit(map[string]any{"model": args[0], "version": args[1], "in_use": true})
	}
	e.say("New assessments of %s are scored against %s", data.Models.Label(args[0], e.lang), args[1])
	return nil
}

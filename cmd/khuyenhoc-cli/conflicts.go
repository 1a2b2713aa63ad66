package main

import (
	"flag"
	"fmt"

	"sokhuyenhoc/data/conflict"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

func cmdConflictsList(e *env, _ *flag.FlagSet, _ []string) error {
	st, err := e.open()
	if err != nil {
		return err
	}
	items, err := conflict.Describe(e.ctx, st, units.Default(), e.lang)
	if err != nil {
		return err
	}
	list := []map[string]any{}
	for _, c := range items {
		list = append(list, map[string]any{"kind": c.Kind, "id": c.RecID, "field": c.Field, "site": c.Site,
			"unit": c.Unit, "current": c.Current, "other": c.Value, "reason": c.Reason, "detected_at": c.Detected,
			"unit_name": c.UnitName, "record": c.RecordName, "field_name": c.FieldName,
			"current_text": c.Cur, "other_text": c.Oth, "from": c.From, "why": c.Why})
		if !e.json {
			// The words of the conflict screen, then what `conflicts resolve` needs.
			fmt.Fprintf(e.out, "%s · %s · %s: %s ≠ %s (%s; %s)\n    %s %s %s %s keep|take\n",
				c.UnitName, c.RecordName, c.FieldName, c.Cur, c.Oth, c.Why, c.From, c.Kind, c.RecID, c.Field, c.Site)
		}
	}
	if e.json {
		return e.emit(list)
	}
	e.say("%d conflicts", len(items))
	return nil
}

func cmdConflictsResolve(e *env, _ *flag.FlagSet, args []string) error {
	if len(args) != 5 || (args[4] != "keep" && args[4] != "take") {
		return usageErr("KIND ID FIELD SITE keep|take")
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	choice := store.KeepCurrent
	if args[4] == "take" {
		choice = store.TakeLoser
	}
	if err := st.Resolve(e.ctx, store.Kind(args[0]), args[1], args[2], args[3], choice); err != nil {
		return rejected(err)
	}
	if e.json {
		return e.emit(map[string]any{"resolved": args[:4], "choice": args[4]})
	}
	e.say("Conflict resolved")
	return nil
}

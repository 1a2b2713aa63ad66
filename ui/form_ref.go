package ui

// refPick is a form's drop-down of other records (the ledger line that
// paid an award): the person picks a record by its name, the form's Input
// gets its id. Its choices are set by the screen as they load.
type refPick struct {
	*pickEntry
	ids []string
}

// ref adds a drop-down of records to the form; col's cell is the id of the
// record chosen, "" for none.
func (f *form) ref(col, title string) *refPick {
	r := &refPick{}
	r.pickEntry = newPickEntry(f.keys, nil, func(string) { f.changed() })
	r.PlaceHolder = T("(none)")
	get := func() string {
		if i := r.SelectedIndex(); i >= 0 && i < len(r.ids) {
			return r.ids[i]
		}
		return ""
	}
	_, r.hooks = f.add(col, title, r.pickEntry, r.pickEntry, get, r.choose)
	return r
}

// choose selects the record id; an id not among the choices (not loaded
// yet, or another year's) is offered as it is, so a save never drops it.
func (r *refPick) choose(id string) {
	if id == "" {
		r.ClearSelected()
		return
	}
	for n, x := range r.ids {
		if x == id {
			r.SetSelectedIndex(n)
			return
		}
	}
	r.ids = append(r.ids, id)
	r.SetOptions(append(r.Options, T("record %s", shortID(id))))
	r.SetSelectedIndex(len(r.ids) - 1)
}

// offer sets the choices, keeping the record chosen: nothing typed, the
// form stays as clean as it was.
func (r *refPick) offer(ids, names []string) {
	changed := r.OnChanged
	r.OnChanged = nil
	defer func() { r.OnChanged = changed }()
	cur := ""
	if i := r.SelectedIndex(); i >= 0 && i < len(r.ids) {
		cur = r.ids[i]
	}
	r.ids = append([]string(nil), ids...)
	r.SetOptions(append([]string(nil), names...))
	r.ClearSelected()
	r.choose(cur)
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

package ui

import (
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
)

// current is the language the windows speak: "vi" (the default) or "en".
var current = "vi"

// Lang returns the current language code.
func Lang() string { return current }

// T translates an English source string through Fyne's translation support
// and formats it with args.
func T(s string, args ...any) string {
	tr := lang.L(s)
	if len(args) == 0 {
		return tr
	}
	return fmt.Sprintf(tr, args...)
}

// N marks a source string for the catalogue where it is stored, to be
// translated with T where it is shown.
func N(s string) string { return s }

// SetLanguage makes l ("vi" or "en") the language of every string shown,
// including Fyne's own (OK, Cancel, the file dialogs).
//
// Fyne 2.7 offers no way to choose a locale (fyne-io/fyne#5333): it matches
// the system's locales against the translations it holds. So the chosen
// catalogue is registered under the system locale, its base language and
// English (the bundle's fallback): whatever Fyne matches, it finds the
// chosen language.
func SetLanguage(l string) error {
	if l != "en" {
		l = "vi"
	}
	b, err := json.Marshal(catalogue(l))
	if err != nil {
		return err
	}
	for _, loc := range targetLocales() {
		if err := lang.AddTranslationsForLocale(b, loc); err != nil {
			return fmt.Errorf("ui: translations for %s: %w", loc, err)
		}
	}
	current = l
	return nil
}

func targetLocales() []fyne.Locale {
	sys := lang.SystemLocale()
	out := []fyne.Locale{"en"}
	base := fyne.Locale(strings.SplitN(string(sys), "-", 2)[0])
	for _, l := range []fyne.Locale{base, sys} {
		if l != "" && l != "en" && (len(out) < 2 || out[1] != l) {
			out = append(out, l)
		}
	}
	return out
}

// reserved are the keys go-i18n reads as parts of a plural message; a flat
// catalogue must not hold them.
var reserved = map[string]bool{"id": true, "description": true, "hash": true, "leftdelim": true,
	"rightdelim": true, "zero": true, "one": true, "two": true, "few": true, "many": true,
	"other": true, "translation": true}

// catalogue returns every string of every area in language l: the merged
// catalogue of data/msg, with the English source standing in where l has
// no translation, so switching back to English overwrites every entry.
func catalogue(l string) map[string]string {
	out := map[string]string{}
	for _, src := range msg.Languages {
		for k := range msg.Catalog(src) {
			if reserved[strings.ToLower(k)] || strings.Contains(k, "{{") {
				continue
			}
			out[k] = msg.T(l, k)
		}
	}
	return out
}

// fieldText describes one field error in the current language.
func fieldText(fe *data.FieldError) string { return msg.Field(current, fe) }

// label returns the label of an enumeration's code in the current language.
func label(e data.Enum, code string) string { return e.Label(code, current) }

// labels lists an enumeration's labels in the current language.
func labels(opts []data.Option) []string {
	out := make([]string, len(opts))
	for n, o := range opts {
		out[n] = data.Enum{Options: opts}.Label(o.Code, current)
	}
	return out
}

// Package msg turns the application's English source strings and errors
// into sentences for people, in Vietnamese (the default) or English. The
// catalogue is assets/i18n/<area>/<lang>.json (areas: core for the domain,
// files and command line, ui for the windows), flat JSON objects from the
// English string to its translation. The desktop app hands the merged
// catalogue to Fyne's translation support, so the command line and the
// windows speak with one voice. A string missing from a catalogue falls back
// to English.
package msg

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"sokhuyenhoc/assets"
	"sokhuyenhoc/data"
)

// Languages offered, Vietnamese first.
var Languages = []string{"vi", "en"}

var (
	once     sync.Once
	catalogs map[string]map[string]string
)

func load() {
	catalogs = map[string]map[string]string{}
	for _, l := range Languages {
		catalogs[l] = map[string]string{}
		files, err := fs.Glob(assets.FS, "i18n/*/"+l+".json")
		if err != nil {
			panic(err)
		}
		for _, f := range files {
			b, err := assets.FS.ReadFile(f)
			if err != nil {
				panic(err)
			}
			m := map[string]string{}
			if err := json.Unmarshal(b, &m); err != nil {
				panic(fmt.Sprintf("msg: %s: %v", f, err))
			}
			for k, v := range m {
				catalogs[l][k] = v
			}
		}
	}
}

// Catalog returns the translations of lang (nil for an unknown language).
func Catalog(lang string) map[string]string {
	once.Do(load)
	return catalogs[lang]
}

// T translates the English source string s and formats it with args.
func T(lang, s string, args ...any) string {
	if tr, ok := Catalog(lang)[s]; ok && tr != "" {
		s = tr
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Err describes err for a person. Field errors name the field; other
// errors use the translation of the first sentinel in the chain that has
// one, followed by the detail the error carries.
func Err(lang string, err error) string {
	if err == nil {
		return ""
	}
	var d describer
	if errors.As(err, &d) {
		return d.Describe(lang)
	}
	var es data.Errors
	if errors.As(err, &es) {
		parts := make([]string, len(es))
		for n, e := range es {
			parts[n] = Field(lang, e)
		}
		return strings.Join(parts, "; ")
	}
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return Field(lang, fe)
	}
	return chain(lang, err)
}

// describer is an error that words its own sentence for people (a file
// error naming a cell or a header row), from the catalogue of lang.
type describer interface{ Describe(lang string) string }

// Field describes one field error: "Số CCCD «0340…»: …".
func Field(lang string, fe *data.FieldError) string {
	reason := T(lang, fe.Err.Error())
	if fe.Want != "" {
		reason += " (" + fe.Want + ")"
	}
	name := T(lang, "field "+fe.Field)
	if fe.Value == "" {
		return name + ": " + reason
	}
	return fmt.Sprintf("%s «%s»: %s", name, fe.Value, reason)
}

// chain finds the outermost error whose text has a translation and keeps
// the detail that follows it (a column name, a file name).
func chain(lang string, err error) string {
	full := err.Error()
	for e := err; e != nil; e = errors.Unwrap(e) {
		if tr, ok := Catalog(lang)[e.Error()]; ok {
			detail := ""
			if i := strings.Index(full, e.Error()); i >= 0 {
				detail = strings.Trim(full[i+len(e.Error()):], " :")
			}
			if detail == "" {
				return tr
			}
			return tr + " (" + detail + ")"
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				if s := chain(lang, x); s != x.Error() {
					return s
				}
			}
		}
	}
	return full
}

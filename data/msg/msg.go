// Package msg turns the application's English source strings and errors
// into sentences for people, in Vietnamese (the default) or English. The
// catalogue is assets/i18n/<area>/<lang>.json (areas: core for the domain,
// files and command line, ui for the windows, errors for the sentences of
// errors), flat JSON objects from the English string (for errors, the key
// of the error's kind: explain.go) to its translation. The desktop app hands
// the merged catalogue to Fyne's translation support, so the command line
// and the windows speak with one voice. A string missing from a catalogue
// falls back to English.
package msg

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sync"

	"sokhuyenhoc/assets"
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

package msg

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"sokhuyenhoc/data"
)

// An error reaches people as a sentence looked up by what the error is,
// never by its text: the sentinels of the app's packages are registered by
// identity (Sentinels), the errors of the system and of libraries by a test
// of their kind (Cause: a path not found, a disk full, a database locked by
// another program, a hub refusing the connection). The text of an error
// stays what it is for: the log.
//
// The catalogue key of a sentinel is its package path below the module and
// its name, "sync/bundle.ErrNotBundle"; the sentences live in
// assets/i18n/errors/<lang>.json. A test (walk_test.go) reads every package
// of the repository and fails on a sentinel not registered or without a
// sentence in each language.

// class is one kind of error people can meet.
type class struct {
	key   string             // catalogue key
	text  string             // the error's own text: said when no catalogue has key
	is    func(error) bool   // causes: whether an error (with what it wraps) is of the class
	where func(error) string // causes: what it concerns, a path or a host; may be nil
}

var (
	sentinels = map[error]*class{} // by identity
	byKey     = map[string]bool{}
	causes    []*class // in the order registered: the first that matches is said
)

// Unexpected is the catalogue key of the sentence said for an error of no
// known kind (its detail is in the log).
const Unexpected = "msg.Unexpected"

// Sentinels registers the sentinel errors of the package at path (below the
// module: "data/store"), by their Go names. Each package registers its own
// in an init function (errmsg.go); data/msg registers those of the packages
// it imports. It panics on a key registered twice or an error that cannot
// be compared.
func Sentinels(path string, errs map[string]error) {
	for name, err := range errs {
		if err == nil || reflect.TypeOf(err).Kind() != reflect.Pointer {
			panic(fmt.Sprintf("msg: %s.%s is not a sentinel (errors.New)", path, name))
		}
		c := &class{key: path + "." + name, text: err.Error()}
		register(c)
		sentinels[err] = c
	}
}

// Library registers sentinels of a library (the prefix names it: "age",
// "excelize") as causes, matched with errors.Is.
func Library(prefix string, errs map[string]error) {
	for name, err := range errs {
		Cause(prefix+"."+name, func(e error) bool { return errors.Is(e, err) }, nil)
	}
}

// Cause registers a kind of error from outside the app's packages — the
// system, the network, a library — that says why something failed: is
// tells whether an error, with all it wraps, is of the kind; where (nil
// for none) names what it concerns, shown after the sentence. Causes are
// tried in the order registered: register the narrower first.
func Cause(key string, is func(error) bool, where func(error) string) {
	c := &class{key: key, text: key, is: is, where: where}
	register(c)
	causes = append(causes, c)
}

func register(c *class) {
	if byKey[c.key] {
		panic("msg: " + c.key + " registered twice")
	}
	byKey[c.key] = true
}

// Keys lists the catalogue keys of every registered kind of error, and
// Unexpected: tests check each has a sentence in every language.
func Keys() []string {
	out := []string{Unexpected}
	for k := range byKey {
		out = append(out, k)
	}
	return out
}

// Err describes err for a person in lang: a sentence without the error's
// text. Errors that word themselves (Describe) and field errors come first;
// otherwise the sentences of the app's sentinels in the chain, outermost
// first, then the cause from outside the app (a path not found, a full
// disk), with the file or host it concerns. An error of no known kind
// reads as Unexpected.
func Err(lang string, err error) string {
	if err == nil {
		return ""
	}
	if s, ok := described(lang, err); ok {
		return s
	}
	var parts []string
	for _, c := range own(err) {
		parts = appendNew(parts, c.say(lang))
	}
	if c := cause(err); c != nil {
		s := c.say(lang)
		if w := c.at(err); w != "" {
			s += " (" + w + ")"
		}
		parts = appendNew(parts, s)
	}
	if len(parts) == 0 {
		return T(lang, Unexpected)
	}
	return strings.Join(parts, ": ")
}

// Sentence is Err with a capital letter: a message standing alone.
func Sentence(lang string, err error) string {
	s := Err(lang, err)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Kinds lists the catalogue keys err is said by (for the log: what the
// person read, next to the error in full).
func Kinds(err error) []string {
	var out []string
	for _, c := range own(err) {
		out = append(out, c.key)
	}
	if c := cause(err); c != nil {
		out = append(out, c.key)
	}
	if _, ok := described("en", err); ok && len(out) == 0 {
		return []string{"described"}
	}
	if len(out) == 0 {
		return []string{Unexpected}
	}
	return out
}

// Known reports whether err is of a registered kind (else it reads as
// Unexpected).
func Known(err error) bool {
	if _, ok := described("en", err); ok {
		return true
	}
	return len(own(err)) > 0 || cause(err) != nil
}

func (c *class) say(lang string) string {
	for _, l := range []string{lang, "en"} {
		if s := Catalog(l)[c.key]; s != "" {
			return s
		}
	}
	return c.text
}

func (c *class) at(err error) string {
	if c.where == nil {
		return ""
	}
	return c.where(err)
}

// described is the sentence of an error that words itself, or of field
// errors.
func described(lang string, err error) (string, bool) {
	var d describer
	if errors.As(err, &d) {
		return d.Describe(lang), true
	}
	var es data.Errors
	if errors.As(err, &es) {
		parts := make([]string, len(es))
		for n, e := range es {
			parts[n] = Field(lang, e)
		}
		return strings.Join(parts, "; "), true
	}
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return Field(lang, fe), true
	}
	var se *data.SetError // a criteria set file's fault, at its place in the file
	if errors.As(err, &se) && se.Where != "" {
		return Err(lang, se.Err) + " (" + se.Where + ")", true
	}
	return "", false
}

// describer is an error that words its own sentence for people (a file
// error naming a cell or a header row), from the catalogue of lang.
type describer interface{ Describe(lang string) string }

// own lists the registered sentinels err is or wraps, outermost first. A
// sentinel is matched by identity; only when none is, by an error's Is
// method (a hub's refusal that is "temporary").
func own(err error) []*class {
	var out []*class
	walk(err, func(e error) {
		if reflect.TypeOf(e).Kind() != reflect.Pointer { // a struct may hide an unhashable error
			return
		}
		if c := sentinels[e]; c != nil && !contains(out, c) {
			out = append(out, c)
		}
	})
	if len(out) > 0 {
		return out
	}
	walk(err, func(e error) {
		x, ok := e.(interface{ Is(error) bool })
		if !ok {
			return
		}
		for s, c := range sentinels {
			if x.Is(s) && !contains(out, c) {
				out = append(out, c)
			}
		}
	})
	return out
}

// cause is the first registered cause err is of.
func cause(err error) *class {
	for _, c := range causes {
		if c.is(err) {
			return c
		}
	}
	return nil
}

// walk calls fn on err and everything it wraps, depth first.
func walk(err error, fn func(error)) {
	if err == nil {
		return
	}
	fn(err)
	switch x := err.(type) {
	case interface{ Unwrap() error }:
		walk(x.Unwrap(), fn)
	case interface{ Unwrap() []error }:
		for _, e := range x.Unwrap() {
			walk(e, fn)
		}
	}
}

// find returns the first error in err's tree for which ok holds.
func find(err error, ok func(error) bool) error {
	var found error
	walk(err, func(e error) {
		if found == nil && ok(e) {
			found = e
		}
	})
	return found
}

func contains(cs []*class, c *class) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func appendNew(parts []string, s string) []string {
	for _, p := range parts {
		if p == s {
			return parts
		}
	}
	return append(parts, s)
}

// Field describes one field error: "Số CCCD «0340…»: …".
func Field(lang string, fe *data.FieldError) string {
	reason := Err(lang, fe.Err)
	if fe.Want != "" {
		reason += " (" + fe.Want + ")"
	}
	name := T(lang, "field "+fe.Field)
	if fe.Value == "" {
		return name + ": " + reason
	}
	return fmt.Sprintf("%s «%s»: %s", name, fe.Value, reason)
}

// Said is an error whose text is already the sentence for the person (a
// command line's usage, worded in the person's language or in flags).
func Said(text string) error { return said(text) }

type said string

func (s said) Error() string               { return string(s) }
func (s said) Describe(lang string) string { return string(s) }

package ui

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"
)

// telexState is the built-in Telex typing mode, for PCs without a working
// Vietnamese input method: "Nguyeenx" becomes "Nguyễn" as it is typed. It
// rewrites the word before the cursor the way Unikey does, with backspaces
// and new letters, so the entry's undo and cursor stay right.
type telexState struct {
	enabled bool
}

func (t *telexState) on() bool { return t != nil && t.enabled }

// Combining marks: tones, then the marks that make new vowels.
const (
	toneAcute = '\u0301' // sắc
	toneGrave = '\u0300' // huyền
	toneHook  = '\u0309' // hỏi
	toneTilde = '\u0303' // ngã
	toneDot   = '\u0323' // nặng
	markHat   = '\u0302' // â ê ô
	markBreve = '\u0306' // ă
	markHorn  = '\u031b' // ơ ư
)

var toneKeys = map[rune]rune{'s': toneAcute, 'f': toneGrave, 'r': toneHook, 'x': toneTilde, 'j': toneDot}

// letter is one letter of a word taken apart.
type letter struct {
	base  rune // lower-case ASCII letter, or 'đ'
	upper bool
	mark  rune // markHat, markBreve, markHorn or 0
	tone  rune // a tone mark or 0
}

func split(r rune) letter {
	l := letter{upper: unicode.IsUpper(r)}
	for n, c := range []rune(norm.NFD.String(string(unicode.ToLower(r)))) {
		switch {
		case n == 0:
			l.base = c
		case c == markHat || c == markBreve || c == markHorn:
			l.mark = c
		default:
			l.tone = c
		}
	}
	return l
}

func (l letter) rune() rune {
	s := string(l.base)
	if l.mark != 0 {
		s += string(l.mark)
	}
	if l.tone != 0 {
		s += string(l.tone)
	}
	r := []rune(norm.NFC.String(s))[0]
	if l.upper {
		r = unicode.ToUpper(r)
	}
	return r
}

func isVowel(b rune) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// typeRune applies key to the word before the cursor. It reports whether
// it handled the key; when not, the entry types it as usual.
func (t *telexState) typeRune(e *widget.Entry, key rune) bool {
	row := []rune(e.Text)
	if e.MultiLine || e.CursorColumn > len(row) {
		return false
	}
	start := e.CursorColumn
	for start > 0 && unicode.IsLetter(row[start-1]) {
		start--
	}
	word := row[start:e.CursorColumn]
	next, consumed, changed := telex(word, key)
	if !changed {
		return false
	}
	for range word {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	for _, r := range next {
		e.TypedRune(r)
	}
	if !consumed {
		e.TypedRune(key)
	}
	return true
}

// telex returns the word with key applied: whether the key was used up (a
// tone or a mark) and whether the word changed (a repeated tone key takes
// the tone off and is then typed as a letter).
func telex(word []rune, key rune) (next []rune, consumed, changed bool) {
	ls := make([]letter, len(word))
	for n, r := range word {
		ls[n] = split(r)
	}
	k := unicode.ToLower(key)
	switch {
	case k == 'z':
		changed = setTone(ls, 0)
		consumed = changed
	case toneKeys[k] != 0:
		if tone(ls) == toneKeys[k] {
			setTone(ls, 0)
			changed = true
		} else {
			changed = setTone(ls, toneKeys[k])
			consumed = changed
		}
	case k == 'd':
		if n := len(ls) - 1; n >= 0 && ls[n].base == 'd' {
			ls[n].base = 'đ'
			changed, consumed = true, true
		}
	case k == 'a' || k == 'e' || k == 'o':
		changed = addMark(ls, k, markHat)
		consumed = changed
	case k == 'w':
		changed = addHorn(ls)
		consumed = changed
	}
	if !changed {
		return word, false, false
	}
	if t := tone(ls); t != 0 {
		setTone(ls, t)
	}
	next = make([]rune, len(ls))
	for n, l := range ls {
		next[n] = l.rune()
	}
	return next, consumed, true
}

func tone(ls []letter) rune {
	for _, l := range ls {
		if l.tone != 0 {
			return l.tone
		}
	}
	return 0
}

// nucleus returns the range of the word's vowels, skipping the u of "qu"
// and the i of "gi" when other vowels follow.
func nucleus(ls []letter) (int, int) {
	i := 0
	for i < len(ls) && !isVowel(ls[i].base) {
		i++
	}
	if i > 0 && i+1 < len(ls) && isVowel(ls[i+1].base) &&
		(ls[i-1].base == 'q' && ls[i].base == 'u' || ls[i-1].base == 'g' && ls[i].base == 'i') {
		i++
	}
	j := i
	for j < len(ls) && isVowel(ls[j].base) {
		j++
	}
	return i, j
}

// setTone puts tone on the right vowel (the marked one, else the last when
// a consonant closes the syllable or three vowels meet in the middle, else
// the first: hòa, toán, người). It reports whether a vowel exists.
func setTone(ls []letter, t rune) bool {
	i, j := nucleus(ls)
	if i == j {
		return false
	}
	had := tone(ls)
	for n := range ls {
		ls[n].tone = 0
	}
	pos := i
	switch {
	case j-i == 1:
	case markedVowel(ls, i, j) >= 0:
		pos = markedVowel(ls, i, j)
	case j < len(ls) || j-i == 3:
		pos = i + 1
	}
	ls[pos].tone = t
	return t != 0 || had != 0
}

func markedVowel(ls []letter, i, j int) int {
	found := -1
	for n := i; n < j; n++ {
		if ls[n].mark != 0 {
			found = n // the last one: ươ takes the tone on ơ
		}
	}
	return found
}

// addMark turns the last plain vowel v of the nucleus into its hatted form.
func addMark(ls []letter, v, mark rune) bool {
	i, j := nucleus(ls)
	for n := j - 1; n >= i; n-- {
		if ls[n].base == v && ls[n].mark == 0 {
			ls[n].mark = mark
			return true
		}
	}
	return false
}

// addHorn handles w: uo → ươ, else a → ă, o → ơ, u → ư.
func addHorn(ls []letter) bool {
	i, j := nucleus(ls)
	for n := i; n+1 < j; n++ {
		if ls[n].base == 'u' && ls[n+1].base == 'o' && ls[n].mark == 0 && ls[n+1].mark == 0 {
			ls[n].mark, ls[n+1].mark = markHorn, markHorn
			return true
		}
	}
	for n := j - 1; n >= i; n-- {
		if ls[n].mark != 0 {
			continue
		}
		switch ls[n].base {
		case 'a':
			ls[n].mark = markBreve
			return true
		case 'o', 'u':
			ls[n].mark = markHorn
			return true
		}
	}
	return false
}

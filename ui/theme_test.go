package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"sokhuyenhoc/ui/internal/contrast"
)

// TestTheme_FocusAndSelectionReadAtAA computes, for both variants, the
// contrast of what people read on focused, selected and marked widgets
// against what is drawn behind it, the way Fyne draws them: a focused
// drop-down or menu item lays the focus colour over the input or menu
// background; a focused button blends it over the button's colour; a
// selected row lays the selection over the background.
func TestTheme_FocusAndSelectionReadAtAA(t *testing.T) {
	for _, dark := range []bool{false, true} {
		th := appTheme{dark: dark}
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, th.variant()) }
		over := func(under, over fyne.ThemeColorName) color.Color { return contrast.Over(c(under), c(over)) }
		fg, bg := theme.ColorNameForeground, theme.ColorNameBackground
		checks := []struct {
			what     string
			text, on color.Color
			least    float64
		}{
			{"text in an entry", c(fg), c(theme.ColorNameInputBackground), contrast.Text},
			{"a hint (placeholder) in an entry", c(theme.ColorNamePlaceHolder), c(theme.ColorNameInputBackground), contrast.Text},
			{"a focused drop-down", c(fg), over(theme.ColorNameInputBackground, theme.ColorNameFocus), contrast.Text},
			{"a focused menu item", c(fg), over(theme.ColorNameMenuBackground, theme.ColorNameFocus), contrast.Text},
			{"a focused button", c(fg), over(theme.ColorNameButton, theme.ColorNameFocus), contrast.Text},
			{"the Save button", c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary), contrast.Text},
			{"the focused Save button", c(theme.ColorNameForegroundOnPrimary), over(theme.ColorNamePrimary, theme.ColorNameFocus), contrast.Text},
			{"a selected row", c(fg), over(bg, theme.ColorNameSelection), contrast.Text},
			{"a hovered row", c(fg), over(bg, theme.ColorNameHover), contrast.Text},
			{"selected text in an entry", c(fg), over(theme.ColorNameInputBackground, theme.ColorNameSelection), contrast.Text},
			{"an error under a field", c(theme.ColorNameError), c(bg), contrast.Text},
			{"a warning", c(theme.ColorNameWarning), c(bg), contrast.Text},
			{"a success", c(theme.ColorNameSuccess), c(bg), contrast.Text},
			{"a minor label (low importance)", c(theme.ColorNameDisabled), c(bg), contrast.Text},
			{"a warning button (Telex on)", c(theme.ColorNameForegroundOnWarning), c(theme.ColorNameWarning), contrast.Text},
			{"a focused entry's outline", c(theme.ColorNamePrimary), c(theme.ColorNameInputBackground), contrast.Mark},
			// The focus must show: a focused drop-down differs from one at rest.
			{"focus against rest (drop-down)", over(theme.ColorNameInputBackground, theme.ColorNameFocus),
				c(theme.ColorNameInputBackground), 1.25},
			{"focus against rest (Save button)", over(theme.ColorNamePrimary, theme.ColorNameFocus),
				c(theme.ColorNamePrimary), 1.25},
		}
		for _, k := range checks {
			if r := contrast.Ratio(k.text, k.on); r < k.least {
				t.Errorf("dark=%v: %s: contrast %.2f, want at least %.2f", dark, k.what, r, k.least)
			}
		}
		// A hint must not look like a value: clearly lighter than the text.
		if r := contrast.Ratio(c(fg), c(theme.ColorNamePlaceHolder)); r < 2 {
			t.Errorf("dark=%v: hints and values differ by %.2f only", dark, r)
		}
	}
}

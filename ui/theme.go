package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"sokhuyenhoc/assets"
)

// appTheme is Fyne's default theme with the variant the person chose
// (light or dark, whatever the system says), slightly larger text for
// older eyes, a calm green as the primary colour, and colours chosen so
// that everything focused, selected or marked reads at WCAG AA contrast
// (theme_test.go computes the ratios): the focus darkens or lightens what
// is under it, green-tinted, instead of painting green on green; values
// are near black and hints (placeholders) a clearly lighter grey; errors,
// warnings and successes are dark enough to read as text.
type appTheme struct {
	dark bool
}

func (t appTheme) variant() fyne.ThemeVariant {
	if t.dark {
		return theme.VariantDark
	}
	return theme.VariantLight
}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

func rgba(v uint32, a uint8) color.NRGBA {
	c := rgb(v)
	c.A = a
	return c
}

// palettes are the colours the app sets; the others are Fyne's defaults.
var palettes = map[bool]map[fyne.ThemeColorName]color.Color{
	false: { // light
		theme.ColorNameForeground:          rgb(0x1c1c1c),
		theme.ColorNamePlaceHolder:         rgb(0x6a6a6a),
		theme.ColorNameDisabled:            rgb(0x707070),
		theme.ColorNamePrimary:             rgb(0x1f7a4d),
		theme.ColorNameForegroundOnPrimary: rgb(0xffffff),
		theme.ColorNameFocus:               rgba(0x0b3d25, 0x4c),
		theme.ColorNameSelection:           rgba(0x1f7a4d, 0x40),
		theme.ColorNameHyperlink:           rgb(0x1f5f9e),
		theme.ColorNameError:               rgb(0xb71c1c),
		theme.ColorNameForegroundOnError:   rgb(0xffffff),
		theme.ColorNameWarning:             rgb(0x9a4b00),
		theme.ColorNameForegroundOnWarning: rgb(0xffffff),
		theme.ColorNameSuccess:             rgb(0x1b6e35),
		theme.ColorNameForegroundOnSuccess: rgb(0xffffff),
	},
	true: { // dark
		theme.ColorNameForeground:          rgb(0xf3f3f3),
		theme.ColorNamePlaceHolder:         rgb(0xa3a3a3),
		theme.ColorNameDisabled:            rgb(0x9c9c9c),
		theme.ColorNamePrimary:             rgb(0x4cb07a),
		theme.ColorNameForegroundOnPrimary: rgb(0x0e1a13),
		theme.ColorNameFocus:               rgba(0xc8f2da, 0x5c),
		theme.ColorNameSelection:           rgba(0x4cb07a, 0x55),
		theme.ColorNameHyperlink:           rgb(0x8ab8f0),
		theme.ColorNameError:               rgb(0xff8a80),
		theme.ColorNameForegroundOnError:   rgb(0x1a0000),
		theme.ColorNameWarning:             rgb(0xffb74d),
		theme.ColorNameForegroundOnWarning: rgb(0x1a1000),
		theme.ColorNameSuccess:             rgb(0x81c995),
		theme.ColorNameForegroundOnSuccess: rgb(0x001a08),
	},
}

// Color returns the colours of the chosen variant.
func (t appTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := palettes[t.dark][n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, t.variant())
}

// Font returns the default font (Noto Sans covers Vietnamese).
func (t appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon returns the default icons.
func (t appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size enlarges the text a little.
func (t appTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 15
	case theme.SizeNameSubHeadingText:
		return 19
	case theme.SizeNameHeadingText:
		return 24
	}
	return theme.DefaultTheme().Size(n)
}

// Icon returns the application icon.
func Icon() fyne.Resource {
	b, err := assets.FS.ReadFile("icon.png")
	if err != nil {
		return theme.FyneLogo()
	}
	return fyne.NewStaticResource("icon.png", b)
}

package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"sokhuyenhoc/assets"
)

// appTheme is Fyne's default theme with the variant the person chose
// (light or dark, whatever the system says), slightly larger text for
// older eyes and a calm green as the primary colour.
type appTheme struct {
	dark bool
}

func (t appTheme) variant() fyne.ThemeVariant {
	if t.dark {
		return theme.VariantDark
	}
	return theme.VariantLight
}

// Color returns the default colours of the chosen variant.
func (t appTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		if t.dark {
			return color.NRGBA{R: 0x4c, G: 0xb0, B: 0x7a, A: 0xff}
		}
		return color.NRGBA{R: 0x1f, G: 0x7a, B: 0x4d, A: 0xff}
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

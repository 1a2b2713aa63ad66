// Package contrast computes the contrast ratio of two colours as WCAG 2
// defines it (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio), and the
// colour a translucent colour makes over another, so that a theme's
// colours can be checked as they are drawn: text needs at least 4.5:1
// against what is behind it (AA), an outline or other mark 3:1.
package contrast

import (
	"image/color"
	"math"
)

// Levels of WCAG 2.1 AA.
const (
	Text = 4.5 // text and images of text
	Mark = 3.0 // user interface components and graphics
)

// Ratio is the contrast ratio of a and b, 1 to 21; alpha is ignored (see
// Over).
func Ratio(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Luminance is the relative luminance of c, 0 (black) to 1 (white).
func Luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// Over is the opaque colour over makes drawn on top of under (under's own
// alpha is taken as opaque).
func Over(under, over color.Color) color.NRGBA {
	u := color.NRGBAModel.Convert(under).(color.NRGBA)
	o := color.NRGBAModel.Convert(over).(color.NRGBA)
	a := float64(o.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-a) + float64(y)*a)) }
	return color.NRGBA{R: mix(u.R, o.R), G: mix(u.G, o.G), B: mix(u.B, o.B), A: 0xff}
}

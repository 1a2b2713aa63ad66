package contrast

import (
	"image/color"
	"math"
	"testing"
)

func TestRatio(t *testing.T) {
	for _, c := range []struct {
		a, b color.Color
		want float64
	}{
		{color.White, color.Black, 21},
		{color.Black, color.White, 21},
		{color.White, color.White, 1},
		// WebAIM's checker: #767676 on white is 4.54:1, #777777 4.48:1.
		{color.NRGBA{0x76, 0x76, 0x76, 0xff}, color.White, 4.54},
		{color.NRGBA{0x77, 0x77, 0x77, 0xff}, color.White, 4.48},
		{color.NRGBA{0x00, 0x00, 0xff, 0xff}, color.White, 8.59},
	} {
		if got := Ratio(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("Ratio(%v, %v) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

func TestOver(t *testing.T) {
	half := color.NRGBA{0, 0, 0, 0x80}
	if got, want := Over(color.White, half), (color.NRGBA{0x7f, 0x7f, 0x7f, 0xff}); got != want {
		t.Errorf("half black over white = %v, want %v", got, want)
	}
	if got := Over(color.White, color.NRGBA{0x12, 0x34, 0x56, 0xff}); got != (color.NRGBA{0x12, 0x34, 0x56, 0xff}) {
		t.Errorf("opaque over: %v", got)
	}
	if got := Over(color.NRGBA{0x12, 0x34, 0x56, 0xff}, color.Transparent); got != (color.NRGBA{0x12, 0x34, 0x56, 0xff}) {
		t.Errorf("transparent over: %v", got)
	}
}

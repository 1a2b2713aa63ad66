//go:build cgo && !ci

package main

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// screenSize is the primary screen's size in pixels (zero when unknown),
// so the first window fits it. Fyne initialises GLFW when it makes the
// window, on this, the main thread; Fyne itself offers no screen size.
func screenSize() fyne.Size {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	v := m.GetVideoMode()
	if v == nil {
		return fyne.Size{}
	}
	return fyne.NewSize(float32(v.Width), float32(v.Height))
}

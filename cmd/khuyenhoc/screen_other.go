//go:build !cgo || ci

package main

import "fyne.io/fyne/v2"

// screenSize is unknown without GLFW (builds for checking only).
func screenSize() fyne.Size { return fyne.Size{} }

package ui

import (
	"os"
	"testing"
)

// TestMain runs every test under an English system locale: the windows
// must still speak Vietnamese.
func TestMain(m *testing.M) {
	os.Setenv("LANG", "en_US.UTF-8")
	os.Setenv("LANGUAGE", "en_US")
	os.Exit(m.Run())
}

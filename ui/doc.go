// Package ui is the desktop face of Sổ Khuyến Học, built with Fyne: the
// first-run set-up wizard and the main window with its registers (learning
// citizens, community learning centres, awards and scholarships, the fund),
// villages and the commune profile, key exchange with the units above and
// below, the yearly report and the settings.
//
// Each screen is a struct in its own file holding its widgets and the narrow
// store interfaces it needs. Long work (lists and searches, imports and
// their previews, exports, reports, bundles) runs through the bridge
// (bridge.go), which hands results back to widgets through fyne.Do; saving
// or deleting one record at a form is a single short transaction and runs
// on the UI goroutine, so the form shows its outcome at once. Every visible string goes
// through T, Fyne's translation support fed with the catalogue of data/msg,
// Vietnamese by default whatever the system locale.
//
// Only this package and cmd/khuyenhoc import Fyne.
package ui

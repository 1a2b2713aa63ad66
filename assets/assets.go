// Package assets holds the files embedded in both programs: the official
// administrative-unit lists (with their MIT notice), the translations and the
// application icon. It exposes plain bytes and an embed.FS and imports nothing
// of Fyne, so that data/ can read the unit lists and ui/ can wrap the rest as
// Fyne resources.
package assets

import "embed"

// FS holds every embedded file, under units/, i18n/, fonts/, templates/,
// criteria/ and icon.png.
//
//go:embed units i18n fonts templates criteria icon.png
var FS embed.FS

// Unit-list file names inside FS.
const (
	UnitsBefore2025 = "units/units-before-2025-07-01.csv" // in force until 30/6/2025, with districts
	UnitsFrom2025   = "units/units-from-2025-07-01.csv"   // in force from 1/7/2025, no districts
	UnitsLicense    = "units/LICENSE"                     // the MIT notice the lists ship with
)

// The font printed documents embed (Noto Serif, every Vietnamese letter,
// under the SIL Open Font License in fonts/OFL.txt) and the default
// certificate template a unit may copy and edit.
const (
	FontRegular         = "fonts/NotoSerif-Regular.ttf"
	FontBold            = "fonts/NotoSerif-Bold.ttf"
	FontItalic          = "fonts/NotoSerif-Italic.ttf"
	FontLicense         = "fonts/OFL.txt"
	CertificateTemplate = "templates/giay-chung-nhan.txt"
)

// CriteriaDir holds the criteria sets that ship (one JSON file each, with
// its sources; docs/criteria.md) and in-use.json, the set of each model a
// new installation scores against.
const CriteriaDir = "criteria"

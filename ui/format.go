package ui

import (
	"strconv"

	"sokhuyenhoc/data"
)

func itoa(n int) string { return strconv.Itoa(n) }

// num writes a count with dot separators ("1.234"), "" for zero when
// blankZero.
func num(n int64, blankZero bool) string {
	if n == 0 && blankZero {
		return ""
	}
	return data.GroupDigits(n)
}

// vnd writes an amount as people read it: "1.234.567 ₫".
func vnd(n int64) string { return data.FormatVND(n) }

// yearText writes a year, "" for 0.
func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return itoa(y)
}

// people is how forms show a record's cells: data's one text form of it,
// for people reading the windows' language.
func people() data.Style { return data.PeopleStyle(current) }

// score writes a total in tenths: "82,5".
func score(tenths int) string { return data.FormatScore(tenths) }

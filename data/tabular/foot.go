package tabular

import (
	"regexp"
	"strings"

	"sokhuyenhoc/data/text"
)

// A list an office prints ends with its signature block: "Nơi nhận:",
// "NGƯỜI LẬP BIỂU", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "(Ký, ghi rõ họ
// tên)", the place and date, then the signers' names. The app's own printed
// lists end that way too. The table ends at the first row below the header
// whose every cell is such a line: that row and the rows after it are not
// read (Table.FootLine says where).

// footLine matches a line of a signature block, folded (no marks, lower
// case): the opening words of the block, the note under a title, or the
// place and date ("Đông Phương, ngày 25 tháng 11 năm 2026").
var footLine = regexp.MustCompile(`^(noi nhan|nguoi lap|nguoi ky|tm[ .]|t/m |thay mat|kt[ .]|ban thuong vu|` +
	`chu tich|pho chu tich|truong ban|ke toan|thu quy|thu truong|xac nhan|duyet|\(ky)|` +
	`(^|, )ngay .* thang .* nam `)

// isFootRow reports whether a row is a line of a signature block: it has
// text, and each cell with text is such a line.
func isFootRow(cells []cell) bool {
	seen := false
	for _, c := range cells {
		v := strings.Join(strings.Fields(text.Fold(c.v)), " ")
		if v == "" {
			continue
		}
		if c.formula || !footLine.MatchString(v) {
			return false
		}
		seen = true
	}
	return seen
}

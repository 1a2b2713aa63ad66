package paper

import "math"

// The page both writers print on: A4 landscape, in points, with the
// margins the workbook sets (inches × 72).
const (
	pageW, pageH   = 841.89, 595.28
	marginL        = 0.5 * 72
	marginR        = 0.4 * 72
	marginT        = 0.5 * 72
	marginB        = 0.7 * 72
	printW, printH = pageW - marginL - marginR, pageH - marginT - marginB
)

// Column widths are in characters of the workbook's default font (excelize
// writes Calibri 11, whose digits are 7 pixels wide): a width w takes
// 7w+5 pixels, 0.75 points each.
func widthPt(w float64) float64 { return (7*w + 5) * 0.75 }

const (
	minWidth  = 5
	maxWidth  = 40
	lineH     = 15.0 // points per line of 11-12 pt text
	signSpace = 4    // blank rows left to sign and stamp
)

// widths fits each grid column to the longest of its cells: texts up to
// maxWidth (longer ones wrap), heads by their longest word or a third of
// their length (heads wrap over three lines at most). The grid lays out n
// shown columns; the tables' hidden columns follow them (Table.place).
func widths(d *Doc, n int) []float64 {
	total := n
	for _, t := range d.Tables {
		total = max(total, n+len(t.Columns)-t.shown())
	}
	w := make([]float64, total)
	for i := range w {
		w[i] = minWidth
	}
	for _, t := range d.Tables {
		for j, c := range t.Columns {
			k := t.place(j, n)
			head := max(widest(c.Head), width(c.Head)/3) * 1.1 // heads are bold
			w[k] = max(w[k], math.Ceil(head)+2)
			for _, r := range t.Rows {
				if j < len(r.Cells) {
					measure := width
					if c.Wrap {
						measure = widest
					}
					n := measure(show(r.Cells[j], c.Kind))
					if r.Bold {
						n *= 1.1
					}
					w[k] = max(w[k], math.Ceil(n)+2)
				}
			}
		}
	}
	for i := range w {
		w[i] = math.Min(w[i], maxWidth)
	}
	return w
}

// place is the grid column (0-based) of a table's column j in a grid of n
// shown columns: a hidden column goes after them.
func (t *Table) place(j, n int) int {
	if s := t.shown(); j >= s {
		return n + j - s
	}
	return j
}

// lines is how many lines text takes in a column of width w.
func lines(text string, w float64) int { return wrap(text, w) }

// scale is the factor fit-to-width prints at.
func scale(w []float64) float64 {
	total := 0.0
	for _, x := range w {
		total += widthPt(x)
	}
	return math.Min(1, printW/total)
}

// split divides the columns into blocks of about the given shares of the
// width, each at least one column, returning each block's first and last
// column (0-based).
func split(w []float64, shares []float64) [][2]int {
	n := min(len(shares), len(w))
	total := 0.0
	for _, x := range w {
		total += x
	}
	var out [][2]int
	start, acc, target := 0, 0.0, 0.0
	for i := 0; i < n; i++ {
		target += shares[i] * total
		end := start
		acc += w[start]
		for end+1 < len(w)-(n-1-i) && acc+w[end+1]/2 <= target {
			end++
			acc += w[end]
		}
		if i == n-1 {
			end = len(w) - 1
		}
		out = append(out, [2]int{start, end})
		start = end + 1
	}
	return out
}

// footShares are the shares of the width the footer's blocks take: "Nơi
// nhận" 30 %, the signatures the rest in equal parts.
func footShares(d *Doc) []float64 {
	var out []float64
	rest := 1.0
	if len(d.Receivers) > 0 {
		out, rest = append(out, 0.3), 0.7
	}
	for range d.Signatures {
		out = append(out, rest/float64(len(d.Signatures)))
	}
	return out
}

// breaks places page breaks in rows of the given heights (points, before
// scaling) so that no range in keep is cut and each page holds what fits;
// the rows in repeat are printed again at the top of every page after the
// first. It returns the rows (1-based) that start a page.
func breaks(heights []float64, keep [][2]int, repeat [2]int, s float64) []int {
	capacity := printH / s * 0.92 // room for the difference in font metrics
	rep := 0.0
	for r := repeat[0]; r >= 1 && r <= repeat[1]; r++ {
		rep += heights[r-1]
	}
	var out []int
	used := 0.0
	for r := 1; r <= len(heights); {
		end := r
		for _, k := range keep {
			if k[0] == r {
				end = k[1]
			}
		}
		h := 0.0
		for x := r; x <= end; x++ {
			h += heights[x-1]
		}
		if used > 0 && used+h > capacity {
			out = append(out, r)
			used = rep
		}
		used += h
		r = end + 1
	}
	return out
}

package paper

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"sokhuyenhoc/assets"
	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/msg"
)

// Certificates are printed from a template the unit can edit: a text file
// of kinds ([cong_dan_hoc_tap], [giay_khen]) whose lines place words on the
// page, with {fields} filled from each recipient. The default is embedded
// (assets/templates/giay-chung-nhan.txt); a unit's own copy in its data
// folder, under TemplateFile, takes its place.

// TemplateFile is the name of a unit's own template in its data folder.
const TemplateFile = "giay-chung-nhan.txt"

// The kinds of certificate.
const (
	CitizenCertificate = "cong_dan_hoc_tap" // Giấy chứng nhận “Công dân học tập”
	AwardCertificate   = "giay_khen"        // Giấy khen
)

// Fields are the fields a template may use, with what each is.
var Fields = []string{"cap_tren", "don_vi", "DON_VI", "ho_ten", "ong_ba", "nam_sinh", "ngay_sinh", "thon",
	"nam", "so_quyet_dinh", "ngay_quyet_dinh", "noi_ky", "ngay_ky", "nguoi_ky", "stt", "loai_khen",
	"thanh_tich", "truong", "lop", "nam_hoc", "so_tien"}

var (
	areas = []string{"tren_trai", "tren_phai", "giua", "duoi_trai", "duoi_phai"}
)

// ErrTemplate reports a template line that cannot be printed.
var ErrTemplate = errors.New("paper: bad certificate template")

// TemplateError names the line of the template and what is wrong on it.
type TemplateError struct {
	Source string
	Line   int
	What   string // the bad word or field
}

func (e *TemplateError) Error() string {
	return fmt.Sprintf("%v: %s line %d: %q", ErrTemplate, e.Source, e.Line, e.What)
}

// Unwrap returns ErrTemplate.
func (e *TemplateError) Unwrap() error { return ErrTemplate }

// Describe names the file, the line and the word for people.
func (e *TemplateError) Describe(lang string) string {
	return msg.T(lang, "the certificate template %s has a mistake on line %d: “%s”", e.Source, e.Line, e.What)
}

// Template is a parsed certificate template.
type Template struct {
	Source string
	kinds  map[string][]tline
}

type tline struct {
	area, style, text string
}

var fieldRe = regexp.MustCompile(`\{([^{}]*)\}`)

// LoadTemplate reads the unit's template from dir, or the embedded default
// when dir has none.
func LoadTemplate(dir string) (*Template, error) {
	if dir != "" {
		p := filepath.Join(dir, TemplateFile)
		b, err := os.ReadFile(p)
		if err == nil {
			return ParseTemplate(p, b)
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	return DefaultTemplate()
}

// DefaultTemplate is the embedded template.
func DefaultTemplate() (*Template, error) {
	b, err := DefaultTemplateText()
	if err != nil {
		return nil, err
	}
	return ParseTemplate(assets.CertificateTemplate, b)
}

// DefaultTemplateText is the embedded template, to copy and edit.
func DefaultTemplateText() ([]byte, error) { return assets.FS.ReadFile(assets.CertificateTemplate) }

// ParseTemplate checks every line: a known kind, area and style, and only
// known fields.
func ParseTemplate(source string, b []byte) (*Template, error) {
	t := &Template{Source: source, kinds: map[string][]tline{}}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	kind, n := "", 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			kind = strings.TrimSpace(line[1 : len(line)-1])
			if kind != CitizenCertificate && kind != AwardCertificate {
				return nil, &TemplateError{source, n, line}
			}
			continue
		}
		l, bad := parseLine(line)
		if kind == "" {
			bad = line // a line before any [kind]
		}
		if bad != "" {
			return nil, &TemplateError{source, n, bad}
		}
		t.kinds[kind] = append(t.kinds[kind], l)
	}
	for _, k := range []string{CitizenCertificate, AwardCertificate} {
		if len(t.kinds[k]) == 0 {
			return nil, &TemplateError{source, n, "[" + k + "]"}
		}
	}
	return t, sc.Err()
}

// parseLine reads "vùng kiểu | chữ"; it returns the bad word, if any.
func parseLine(line string) (tline, string) {
	head, txt, ok := strings.Cut(line, "|")
	words := strings.Fields(head)
	if !ok || len(words) != 2 {
		return tline{}, line
	}
	l := tline{area: words[0], style: words[1], text: strings.TrimSpace(txt)}
	if !contains(areas, l.area) {
		return l, l.area
	}
	if _, ok := certStyles[l.style]; !ok {
		return l, l.style
	}
	for _, m := range fieldRe.FindAllStringSubmatch(l.text, -1) {
		if !contains(Fields, m[1]) {
			return l, m[0]
		}
	}
	return l, ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fill puts values in a line; ok is false when the line has fields and
// every one of them is empty (the line is left out).
func fill(text string, values map[string]string) (string, bool) {
	fields, empty := 0, 0
	out := fieldRe.ReplaceAllStringFunc(text, func(m string) string {
		fields++
		v := strings.TrimSpace(values[m[1:len(m)-1]])
		if v == "" {
			empty++
			return "……"
		}
		return v
	})
	return out, fields == 0 || empty < fields
}

// WriteCertificates writes one A4 landscape page per recipient, each a
// map of the template's fields, of the kind given.
func WriteCertificates(path string, t *Template, kind string, recipients []map[string]string, p Props) error {
	f, err := newPDF(p)
	if err != nil {
		return err
	}
	for _, values := range recipients {
		f.AddPage()
		certificatePage(f, t.kinds[kind], values)
	}
	if len(recipients) == 0 {
		f.AddPage()
	}
	if err := f.Error(); err != nil {
		return err
	}
	return atomicfile.Write(path, atomicfile.Public, func(out *os.File) error { return f.Output(out) })
}

// certificatePage draws the frame and each area's lines.
func certificatePage(f *fpdf.Fpdf, lines []tline, values map[string]string) {
	f.SetDrawColor(150, 20, 20)
	f.SetLineWidth(2.5)
	f.Rect(24, 24, pageW-48, pageH-48, "D")
	f.SetLineWidth(0.8)
	f.Rect(32, 32, pageW-64, pageH-64, "D")
	f.SetDrawColor(0, 0, 0)
	box := map[string][3]float64{ // x, y, width
		"tren_trai": {50, 52, 300}, "tren_phai": {360, 52, pageW - 410},
		"giua": {60, 150, pageW - 120}, "duoi_trai": {60, 430, 330}, "duoi_phai": {pageW - 390, 400, 330},
	}
	y := map[string]float64{}
	for _, a := range areas {
		y[a] = box[a][1]
	}
	for _, l := range lines {
		s, ok := fill(l.text, values)
		if !ok {
			continue
		}
		b := box[l.area]
		st := certStyles[l.style]
		style, size, gap := st.font, st.size, st.gap
		align := "C"
		if l.area == "duoi_trai" {
			align = "L"
		}
		if l.style == "cho_ky" {
			y[l.area] += 60
			continue
		}
		f.SetFont(family, style, size)
		f.SetTextColor(0, 0, 0)
		if l.style == "tieu_de" {
			f.SetTextColor(170, 20, 20)
		}
		f.SetXY(b[0], y[l.area])
		f.MultiCell(b[2], size*1.3, s, "", align, false)
		if l.style == "dam_gach" {
			tw := f.GetStringWidth(s)
			c := b[0] + b[2]/2
			f.Line(c-tw/2, f.GetY()+1, c+tw/2, f.GetY()+1)
		}
		y[l.area] = f.GetY() + gap
	}
	f.SetTextColor(0, 0, 0)
}

// certStyles are the template's styles: font style, size, and the space
// after a line, in points.
var certStyles = map[string]struct {
	font      string
	size, gap float64
}{
	"thuong": {"", 13, 4}, "dam": {"B", 12, 1}, "dam_gach": {"B", 12, 4}, "nghieng": {"I", 12, 2},
	"tieu_de": {"B", 34, 8}, "lon": {"B", 18, 12}, "ten": {"B", 20, 8}, "cho_ky": {"", 13, 0},
}

// Package gen makes realistic synthetic registers for benchmarks and
// demonstrations: Vietnamese names drawn with their real frequencies and
// spelling variety (Hòa/Hoà, Thủy/Thuỷ, some files in NFD), CCCD numbers
// consistent with gender and birth year, phones, villages, assessments with
// ten scores or a bare result, centres, awards and fund lines. It is
// deterministic for a seed. Nothing it makes is shown to users as real data.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"golang.org/x/text/unicode/norm"
)

type weighted struct {
	v string
	w int
}

// Family names with their approximate shares in Vietnam (per mille).
var familyNames = []weighted{
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Hoàng", 40}, {"Huỳnh", 11},
	{"Phan", 45}, {"Vũ", 30}, {"Võ", 9}, {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14}, {"Hồ", 13},
	{"Ngô", 13}, {"Dương", 10}, {"Lý", 5}, {"Đào", 6}, {"Đoàn", 5}, {"Vương", 3}, {"Trịnh", 5},
	{"Đinh", 5}, {"Lương", 4}, {"Mai", 3}, {"Tạ", 3}, {"Cao", 3}, {"Lâm", 3}, {"Hà", 4},
}

var middleMale = []string{"Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Xuân", "Công", "Ngọc", "Duy", "Tiến", "Mạnh"}
var middleFemale = []string{"Thị", "Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Minh", "Hồng", "Kim", "Phương", "Thuỳ", "Bích"}

// Given names; several have two accepted spellings of one name.
var givenMale = []string{"An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu",
	"Hòa", "Hoà", "Hoàng", "Hùng", "Huy", "Khánh", "Khôi", "Kiên", "Lâm", "Long", "Mạnh", "Minh",
	"Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Toàn",
	"Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Đào", "Thủy"}
var givenFemale = []string{"An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Dung", "Đào", "Giang", "Hà",
	"Hạnh", "Hằng", "Hiền", "Hoa", "Hòa", "Hoà", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan",
	"Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thu",
	"Thủy", "Thuỷ", "Thúy", "Thuý", "Trang", "Uyên", "Vân", "Xuân", "Yến"}

var ethnicities = []weighted{{"Kinh", 850}, {"Tày", 30}, {"Thái", 25}, {"Mường", 25}, {"Khmer", 20},
	{"Hoa", 10}, {"Nùng", 15}, {"H'Mông", 15}, {"Dao", 10}}

var groups = []weighted{{"nong_dan", 600}, {"cong_nhan", 150}, {"can_bo", 100}, {"doanh_nhan", 50},
	{"luc_luong_vu_trang", 20}, {"khac", 80}}

// Gen draws records. It is not safe for concurrent use.
type Gen struct {
	r        *rand.Rand
	villages []string
	Year     int // the year of assessments, centres' activity, awards and fund lines
	NFD      float64
}

// New returns a generator for a commune with a seed; nfd is the share of
// names written decomposed (as the Windows keyboard and macOS do).
func New(seed uint64, year int, nfd float64) *Gen {
	g := &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), Year: year, NFD: nfd}
	n := 6 + g.r.IntN(10)
	for i := 1; i <= n; i++ {
		switch g.r.IntN(3) {
		case 0:
			g.villages = append(g.villages, fmt.Sprintf("Thôn %d", i))
		case 1:
			g.villages = append(g.villages, "Thôn "+[]string{"Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Cầu", "Đình", "Chợ", "Giữa", "Mới", "Hòa Bình", "Tân Lập", "An Ninh", "Phú Xuân"}[i%16])
		default:
			g.villages = append(g.villages, fmt.Sprintf("Tổ dân phố %d", i))
		}
	}
	return g
}

func (g *Gen) pick(ws []weighted) string {
	total := 0
	for _, w := range ws {
		total += w.w
	}
	n := g.r.IntN(total)
	for _, w := range ws {
		if n < w.w {
			return w.v
		}
		n -= w.w
	}
	return ws[0].v
}

func (g *Gen) one(xs []string) string { return xs[g.r.IntN(len(xs))] }

// Villages lists the commune's villages.
func (g *Gen) Villages() []string { return g.villages }

func (g *Gen) maybeNFD(s string) string {
	if g.r.Float64() < g.NFD {
		return norm.NFD.String(s)
	}
	return s
}

// Person is one drawn person.
type Person struct {
	FullName, Gender, Village, Ethnicity, IDNumber, Phone, Group string
	BirthYear                                                    int
	BirthDate                                                    string // dd/mm/yyyy or ""
}

// Person draws an adult (born 1940–2007).
func (g *Gen) Person() Person {
	male := g.r.IntN(2) == 0
	p := Person{Gender: "nu", BirthYear: 1940 + g.r.IntN(68), Village: g.one(g.villages),
		Ethnicity: g.pick(ethnicities), Group: g.pick(groups)}
	middle, given := middleFemale, givenFemale
	if male {
		p.Gender, middle, given = "nam", middleMale, givenMale
	}
	parts := []string{g.pick(familyNames), g.one(middle)}
	if g.r.IntN(4) == 0 {
		parts = append(parts, g.one(middle))
	}
	p.FullName = g.maybeNFD(strings.Join(append(parts, g.one(given)), " "))
	if g.r.IntN(3) > 0 {
		p.BirthDate = fmt.Sprintf("%02d/%02d/%d", 1+g.r.IntN(28), 1+g.r.IntN(12), p.BirthYear)
	}
	if g.r.IntN(5) > 0 {
		p.IDNumber = g.cccd(p.Gender, p.BirthYear)
	}
	if g.r.IntN(3) > 0 {
		p.Phone = fmt.Sprintf("0%c%08d", "35789"[g.r.IntN(5)], g.r.IntN(100000000))
	}
	return p
}

var provinceCodes = []int{1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31,
	33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68,
	70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96}

// cccd draws a 12-digit CCCD consistent with gender and birth year.
func (g *Gen) cccd(gender string, year int) string {
	c := (year/100-19)*2 + map[string]int{"nam": 0, "nu": 1}[gender]
	return fmt.Sprintf("%03d%d%02d%06d", provinceCodes[g.r.IntN(len(provinceCodes))], c, year%100, g.r.IntN(1000000))
}

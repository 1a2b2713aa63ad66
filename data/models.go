package data

import (
	"errors"
	"strings"

	"sokhuyenhoc/data/text"
)

// The four learning models of QĐ 387/QĐ-TTg (docs/DOMAIN.md): a register
// each, and for every record a yearly assessment (ModelYear) against the
// model's criteria set, with the workflow of citizens' assessments
// (workflow.go). Families and learning units can name the citizens of the
// citizen register who belong to them (Member): the Công dân học tập share
// on the programme's own base (docs/reports.md) is counted over them.

// Family is a household of the learning-family register (Gia đình học tập).
type Family struct {
	ID       string
	Unit     string
	HoDem    string // the head of household
	Ten      string
	Village  string
	Members  int64 // people in the household
	Children int64 // children of school age
	Adults   int64
	ClanID   string // the clan (dòng họ) it belongs to, if the clan register keeps it
	Note     string
}

// Head is the head of household's full name.
func (f Family) Head() string { return text.JoinName(f.HoDem, f.Ten) }

// Clan is a clan or a branch of one (họ, chi, phái) of the learning-clan
// register (Dòng họ học tập).
type Clan struct {
	ID         string
	Unit       string
	Name       string // "Họ Nguyễn Đình"
	Branch     string // chi, phái
	Head       string // trưởng họ, trưởng tộc
	Villages   string // the villages it lives in, as written
	Households int64
	Members    int64
	Note       string
}

// Community is a village (thôn, tổ dân phố) of the learning-community
// register (Cộng đồng học tập cấp thôn): one per village of the commune.
type Community struct {
	ID         string
	Unit       string
	Village    string
	Households int64
	Note       string
}

// LearningUnit is a body of the commune (an agency, a school, an
// enterprise, a health station, an armed-forces unit) of the learning-unit
// register (Đơn vị học tập).
type LearningUnit struct {
	ID    string
	Unit  string
	Name  string
	Type  string // a code of UnitTypes or free text
	Staff int64
	Head  string
	Note  string
}

// ModelYear is the yearly assessment of a record of any of the four
// models: registered (đăng ký), the scores against its criteria set, the
// result and grade, the workflow step and the recognition decision.
type ModelYear struct {
	ID            string
	RecordID      string
	Unit          string
	Model         string // family, clan, community, unit
	Year          int
	Registered    string // co, khong
	Criteria      string // the version of the model's criteria set scored against
	Scores        []int  // tenths, one per criterion of the set, or none
	Result        string // dat, chua_dat, ""
	Grade         string // the set's band or level ("tot", "muc_do_1"), or ""
	Status        string // a code of AssessmentStatuses
	DecisionNo    string
	DecisionDate  Date
	DecidingLevel string // the level that decided (xã, huyện, tỉnh)
}

func (y ModelYear) stepData() stepData {
	return stepData{len(y.Scores) > 0, y.Result, y.Status, y.DecisionNo, y.DecisionDate}
}

// Passed reports a result of đạt.
func (y ModelYear) Passed() bool { return y.Result == "dat" }

// Recognized reports the title: the step công nhận with the result đạt.
func (y ModelYear) Recognized() bool { return y.Status == StepRecognized && y.Passed() }

// CheckStep refuses a step the result contradicts.
func (y ModelYear) CheckStep() error { return checkStep(y.stepData()) }

// Member links a citizen of the register to a family or a learning unit
// (a household's member, a body's staff).
type Member struct {
	ID        string
	RecordID  string
	CitizenID string
	Unit      string
}

// ModelEntry is one row of a model's file: the record, that year's
// assessment when the row has a year, and the citizens it names as its
// members (ids or CCCDs as written; nil when the cell is empty).
type ModelEntry[T any] struct {
	Record   T
	Year     *ModelYear
	Citizens []string
}

// ErrCounts refuses a household with more adults and children than members.
var ErrCounts = errors.New("data: adults and children of school age outnumber the members")

// ModelKind describes a model's register: its model code, table and file
// columns, what its own code reads and writes besides the table's cells,
// and how a record is named for people.
type ModelKind[T any] struct {
	Model   string
	Table   *Table[T]
	Columns []string
	Links   bool // rows may name citizens as members
	Name    func(*T) string
	read    func(*T, *parser)
	write   func(*T, Input)
}

// modelYearCells are the cells of a model's yearly assessment.
var modelYearCells = []string{"year", "registered", "criteria", "scores", "result", "rating", "status",
	"decision_no", "decision_date", "deciding_level"}

// ParseModel turns one row of a model's file into typed records: the
// record by its table's rules, the year's assessment judged by the
// criteria set its criteria cell names (from cat; nil: the sets that ship;
// an empty cell names the result-only set; the import and the form give a
// new assessment the set in use).
func ParseModel[T any](k *ModelKind[T], in Input, cat *Catalog) (ModelEntry[T], error) {
	p := &parser{in: in}
	var e ModelEntry[T]
	k.Table.read(&e.Record, p)
	if k.read != nil {
		k.read(&e.Record, p)
	}
	var y ModelYear
	ModelYears.read(&y, p)
	switch {
	case y.Year != 0:
		y.Model = k.Model
		p.assessModel(&y, cat)
		e.Year = &y
	case p.any(modelYearCells...):
		p.es.add("year", "", ErrRequired)
	}
	if k.Links {
		e.Citizens = splitList(p.in.get("citizens"))
	}
	return e, p.es.err()
}

func (p *parser) assessModel(y *ModelYear, cat *Catalog) {
	if cat == nil {
		cat = Shipped()
	}
	if y.Registered == "" {
		y.Registered = "co" // a row for the year is a registration, unless it says not
	}
	cell := p.in.get("scores")
	grade := p.in.get("rating")
	if set, err := cat.Get(y.Model, y.Criteria); err == nil {
		scores, err := set.ParseScoreCell(cell)
		p.es.add("scores", cell, err)
		y.Scores = scores
		grade = set.GradeCode(grade)
	} else if cell != "" {
		y.Scores = storedScores(cell) // scored against a set not installed here: kept as stored
	}
	given := p.enum("result", Results)
	y.Status = p.enum("status", AssessmentStatuses)
	// A row for the year registers the record: a result is not needed
	// (registered, not assessed yet, is the step nháp).
	y.Result, y.Grade = p.judge(verdictOf{model: y.Model, version: y.Criteria, scores: y.Scores, given: given,
		grade: grade, stepGiven: true, scoreCol: func(int) string { return "scores" }}, cat)
	p.es.add("status", p.in.get("status"), y.CheckStep())
}

// storedScores reads scores in their stored form ("100,75"), nil for
// anything else.
func storedScores(s string) []int {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != ',' {
			return nil
		}
	}
	return DecodeScores(s)
}

// FormatModel writes a model's record, its year (nil for none) and its
// members as the cells of a file row or a form: the inverse of ParseModel.
// The scores are written by the codes of the set they were scored against
// (from cat; nil: the sets that ship).
func FormatModel[T any](k *ModelKind[T], e ModelEntry[T], cat *Catalog, st Style) Input {
	in := Input{}
	k.Table.write(&e.Record, st, in)
	if k.write != nil {
		k.write(&e.Record, in)
	}
	if y := e.Year; y != nil {
		ModelYears.write(y, st, in)
		in["result"] = colModelResult.text(y.Result, st)
		in["status"] = colModelStatus.text(y.Status, st)
		in["rating"], in["scores"] = y.Grade, EncodeScores(y.Scores)
		if cat == nil {
			cat = Shipped()
		}
		if set, err := cat.Get(y.Model, y.Criteria); err == nil {
			in["scores"] = set.FormatScoreCell(y.Scores, st)
			if st.People && y.Grade != "" {
				in["rating"] = set.GradeLabel(y.Grade)
			}
		}
		if len(y.Scores) == 0 {
			in["scores"] = ""
		}
	}
	if k.Links && e.Citizens != nil {
		in["citizens"] = strings.Join(e.Citizens, "; ")
	}
	return in
}

var colModelResult, colModelStatus = ColOf("model_year", "result"), ColOf("model_year", "status")

// splitList reads a list written with ";", "," or new lines.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

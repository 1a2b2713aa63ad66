package data

import (
	"errors"
	"testing"
)

var ten8 = []int{80, 80, 80, 80, 80, 80, 80, 80, 80, 80}

func assessment(scored bool, result string, decided bool, step string) Assessment {
	a := Assessment{Result: result, Status: step}
	if scored {
		a.Scores = ten8
	}
	if decided {
		a.DecisionNo = "9/QĐ-UBND"
	}
	return a
}

// Every combination of scores, result and decision: the step the data
// supports, and what the report counts once it is stored.
func TestAutoStep(t *testing.T) {
	for _, tc := range []struct {
		scored  bool
		result  string
		decided bool
		step    string
		passed  bool
		recog   bool
	}{
		{true, "dat", true, StepRecognized, true, true},
		{true, "dat", false, StepProposed, true, false}, // passed, awaiting recognition
		{true, "chua_dat", true, StepNotRecognized, false, false},
		{true, "chua_dat", false, StepSelfAssessed, false, false},
		{false, "dat", true, StepRecognized, true, true},
		{false, "dat", false, StepRecognized, true, true}, // a legacy list of who holds the title
		{false, "chua_dat", true, StepNotRecognized, false, false},
		{false, "chua_dat", false, StepSelfAssessed, false, false},
		{false, "", false, StepDraft, false, false},
		{false, "", true, StepDraft, false, false},
	} {
		a := assessment(tc.scored, tc.result, tc.decided, "")
		a.Status = AutoStep(a)
		if a.Status != tc.step || a.Passed() != tc.passed || a.Recognized() != tc.recog {
			t.Errorf("scores %v result %q decision %v: step %q passed %v recognised %v, want %q %v %v",
				tc.scored, tc.result, tc.decided, a.Status, a.Passed(), a.Recognized(), tc.step, tc.passed, tc.recog)
		}
		if err := a.CheckStep(); err != nil {
			t.Errorf("AutoStep made a step its result contradicts: %+v: %v", a, err)
		}
	}
	// The date alone is a decision too.
	if got := AutoStep(Assessment{Result: "dat", Scores: ten8, DecisionDate: Date{2026, 11, 15}}); got != StepRecognized {
		t.Errorf("decision date only: %q", got)
	}
}

// A file row that names no step, laid over what is stored.
func TestFileStep(t *testing.T) {
	for _, tc := range []struct {
		name   string
		next   Assessment
		stored *Assessment
		want   string
	}{
		{"new scored pass", assessment(true, "dat", false, ""), nil, StepProposed},
		{"new legacy pass", assessment(false, "dat", false, ""), nil, StepRecognized},
		{"new with a decision", assessment(true, "dat", true, ""), nil, StepRecognized},
		{"a person's step stays (the bug: de_nghi came back as tu_danh_gia)",
			assessment(true, "chua_dat", false, ""), ptr(assessment(true, "chua_dat", false, StepProposed)), StepProposed},
		{"an automatic step stays while the data does",
			assessment(true, "dat", false, ""), ptr(assessment(true, "dat", false, StepProposed)), StepProposed},
		{"a decision arrives for an automatic step",
			assessment(true, "dat", true, ""), ptr(assessment(true, "dat", false, StepProposed)), StepRecognized},
		{"a decision arrives for a person's step",
			assessment(true, "dat", true, ""), ptr(assessment(true, "dat", false, StepSelfAssessed)), StepRecognized},
		{"a refusal arrives", assessment(true, "chua_dat", true, ""), ptr(assessment(true, "chua_dat", false, StepProposed)), StepNotRecognized},
		{"a decision already held: the step stays",
			assessment(true, "dat", true, ""), ptr(assessment(true, "dat", true, StepProposed)), StepProposed},
		{"a legacy chưa đạt updated to đạt",
			assessment(false, "dat", false, ""), ptr(assessment(false, "chua_dat", false, StepSelfAssessed)), StepRecognized},
		{"no step chosen at the form stays none",
			assessment(true, "dat", false, ""), ptr(assessment(true, "dat", false, "")), ""},
		{"a draft with a result that arrives", assessment(false, "dat", false, ""), ptr(assessment(false, "", false, StepDraft)), StepRecognized},
	} {
		if got := FileStep(tc.next, tc.stored); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func ptr(a Assessment) *Assessment { return &a }

func TestCheckStep(t *testing.T) {
	if err := assessment(true, "chua_dat", false, StepRecognized).CheckStep(); !errors.Is(err, ErrNotPassed) {
		t.Fatalf("công nhận with chưa đạt: %v", err)
	}
	if err := assessment(true, "dat", false, StepNotRecognized).CheckStep(); err != nil {
		t.Fatalf("không công nhận with đạt (refused despite the scores) is allowed: %v", err)
	}
}

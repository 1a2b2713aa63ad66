package data

import "errors"

// The recognition workflow of an assessment (docs/DOMAIN.md): nháp →
// tự đánh giá → đề nghị → công nhận / không công nhận. Recognition is a
// decision of the commune, with a number and a date; a scored đạt is a
// pass, not a title. The report counts both (docs/reports.md):
//
//   - passed: the result is đạt, by the scores or as given, whatever the step;
//   - recognised: the step is công nhận (which needs the result đạt).
//
// A step is stored as a person chose it at a form, or as a file row names
// it. A row read from a file that names no step gets the step its data
// supports (AutoStep); a scored đạt without a decision is "passed, awaiting
// recognition", the step đề nghị (proposed for recognition): the list a
// village or branch sends the commune is exactly that, and only the
// commune's decision makes it công nhận.

// Workflow steps.
const (
	StepDraft         = "nhap"
	StepSelfAssessed  = "tu_danh_gia"
	StepProposed      = "de_nghi"
	StepRecognized    = "cong_nhan"
	StepNotRecognized = "khong_cong_nhan"
)

// ErrNotPassed refuses the step công nhận for a result other than đạt.
var ErrNotPassed = errors.New("data: công nhận needs the result đạt")

// stepData is what the workflow reads of an assessment, of a citizen or
// of a model (ModelYear): one set of rules for both.
type stepData struct {
	scored       bool
	result       string
	status       string
	decisionNo   string
	decisionDate Date
}

// Judged is an assessment the workflow applies to.
type Judged interface{ stepData() stepData }

func (a Assessment) stepData() stepData {
	return stepData{len(a.Scores) > 0, a.Result, a.Status, a.DecisionNo, a.DecisionDate}
}

func (d stepData) decided() bool { return d.decisionNo != "" || !d.decisionDate.IsZero() }
func (d stepData) passed() bool  { return d.result == "dat" }
func (d stepData) legacy() bool  { return !d.scored && d.result != "" }

// Decided reports a recognition decision: a number or a date.
func (a Assessment) Decided() bool { return a.stepData().decided() }

// Passed reports a result of đạt, by the scores or as given.
func (a Assessment) Passed() bool { return a.Result == "dat" }

// Recognized reports the title: the step công nhận with the result đạt.
func (a Assessment) Recognized() bool { return a.Status == StepRecognized && a.Passed() }

// Legacy reports a row of an old list: a result without scores.
func (a Assessment) Legacy() bool { return a.stepData().legacy() }

// CheckStep refuses a step the result contradicts.
func (a Assessment) CheckStep() error { return checkStep(a.stepData()) }

func checkStep(d stepData) error {
	if d.status == StepRecognized && d.result != "dat" {
		return ErrNotPassed
	}
	return nil
}

// AutoStep is the step an assessment's data supports when no person chose
// one:
//
//	decision  result    scores   step
//	yes       đạt       any      công nhận
//	yes       chưa đạt  any      không công nhận
//	no        đạt       none     công nhận (a legacy list of who holds the title)
//	no        đạt       some     đề nghị (passed, awaiting recognition)
//	no        chưa đạt  any      tự đánh giá
//	any       none      none     nháp
func AutoStep[T Judged](a T) string { return autoStep(a.stepData()) }

func autoStep(d stepData) string {
	switch {
	case d.result == "":
		return StepDraft
	case d.decided() && d.passed(), d.legacy() && d.passed():
		return StepRecognized
	case d.decided():
		return StepNotRecognized
	case d.passed():
		return StepProposed
	}
	return StepSelfAssessed
}

// FileStep is the step of an assessment read from a file row that names
// no step (no status column, or an empty cell): next is the row's data
// (laid over the stored assessment), stored the assessment held for that
// citizen (or model record) and year, nil for a new one.
//
//   - A new assessment gets AutoStep.
//   - A row that brings a decision the stored assessment lacked decides
//     it: công nhận for đạt, không công nhận otherwise.
//   - A step the stored data alone supported follows the data (AutoStep of
//     next): a legacy chưa đạt updated to đạt becomes công nhận.
//   - Any other stored step is a person's choice, or none: it stays.
func FileStep[T Judged](next T, stored *T) string {
	n := next.stepData()
	if stored == nil {
		return autoStep(n)
	}
	st := (*stored).stepData()
	switch {
	case n.decided() && !st.decided() && n.result != "":
		if n.passed() {
			return StepRecognized
		}
		return StepNotRecognized
	case st.status == autoStep(st):
		return autoStep(n)
	}
	return st.status
}

// CheckedFileStep is FileStep with its check: the step, and the error
// (ErrNotPassed, as a field error of "status") when the result refuses it.
func CheckedFileStep[T Judged](next T, stored *T) (string, error) {
	step := FileStep(next, stored)
	d := next.stepData()
	d.status = step
	if err := checkStep(d); err != nil {
		return step, &FieldError{Field: "status", Value: step, Err: err}
	}
	return step, nil
}

package data

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// The upward projection of every kind, pinned: which columns a commune
// and a district put in their bundles, with and without the person's
// consent to sending upward. A new kind or column must be added here, a
// deliberate decision about what leaves the installation.
func TestProjection_EveryKind(t *testing.T) {
	all := func(k Kind) string {
		var n []string
		for _, c := range k.Cols() {
			n = append(n, c.Name)
		}
		return strings.Join(n, " ")
	}
	want := map[string]map[string]string{
		"village":     {"commune": all(Villages), "district": all(Villages)},
		"profile":     {"commune": all(Profiles), "district": all(Profiles)},
		"assessment":  {"commune": all(Assessments), "district": all(Assessments)},
		"centre":      {"commune": all(Centres), "district": all(Centres)},
		"centre_year": {"commune": all(CentreYears), "district": all(CentreYears)},
		"fund":        {"commune": all(Funds), "district": all(Funds)},
		// The association's records are counts; only a branch's chair is a
		// person, named to the district and no further.
		"branch":       {"commune": all(Branches), "district": "name form branch_type established_on dissolved_on note"},
		"member_count": {"commune": all(MemberCounts), "district": all(MemberCounts)},
		"activity":     {"commune": all(Activities), "district": all(Activities)},
		"citizen": {
			"commune":         "ho_dem ten gender birth_year birth_date id_number phone village grp note",
			"district":        "ho_dem ten gender birth_year village grp",
			"commune unsent":  "gender birth_year grp",
			"district unsent": "gender birth_year grp",
		},
		"award": {
			"commune": "ho_dem ten gender birth_date village school grade school_year guardian award_type achievement " +
				"amount_vnd in_kind_vnd funding_source sponsor decision_no decision_date deciding_level awarded_on consent fund_id " +
				"recipient_kind campaign",
			"district": "ho_dem ten gender village school grade school_year award_type achievement " +
				"amount_vnd in_kind_vnd funding_source sponsor decision_no decision_date deciding_level awarded_on consent fund_id " +
				"recipient_kind campaign",
			"commune unsent": "gender school_year award_type amount_vnd in_kind_vnd funding_source sponsor " +
				"decision_no decision_date deciding_level awarded_on consent fund_id recipient_kind campaign",
			"district unsent": "gender school_year award_type amount_vnd in_kind_vnd funding_source sponsor " +
				"decision_no decision_date deciding_level awarded_on consent fund_id recipient_kind campaign",
		},
		// The learning models: a family is about its head (docs/privacy.md);
		// clan heads and heads of units are role holders, their names and
		// the notes stop at the district; figures go everywhere.
		"family": {
			"commune":         "ho_dem ten village members children adults clan_id note",
			"district":        "village members children adults clan_id",
			"commune unsent":  "village members children adults clan_id",
			"district unsent": "village members children adults clan_id",
		},
		"clan":          {"commune": all(Clans), "district": "name branch villages households members"},
		"community":     {"commune": all(Communities), "district": "village households"},
		"learning_unit": {"commune": all(LearningUnits), "district": "name type staff"},
		"model_year":    {"commune": all(ModelYears), "district": all(ModelYears)},
		"member":        {"commune": all(Members), "district": all(Members)},
		"consent": {
			"commune":         "subject subject_kind given_by by_name given_on keep upward publish withdrawn_on note",
			"district":        "subject subject_kind given_by given_on keep upward publish withdrawn_on",
			"commune unsent":  "subject subject_kind given_by given_on keep upward publish withdrawn_on",
			"district unsent": "subject subject_kind given_by given_on keep upward publish withdrawn_on",
		},
	}
	for _, k := range AllKinds {
		w, ok := want[k.KindName()]
		if !ok {
			t.Errorf("kind %s has no pinned projection", k.KindName())
			continue
		}
		for _, level := range SendingLevels {
			for _, upward := range []bool{true, false} {
				key := level
				if !upward {
					key += " unsent"
				}
				exp, ok := w[key]
				if !ok { // a kind about nobody sends the same either way
					exp = w[level]
				}
				var got []string
				for _, c := range k.Cols() {
					if c.Sent(level, upward) {
						got = append(got, c.Name)
					}
				}
				if g := strings.Join(got, " "); g != exp {
					t.Errorf("%s from a %s:\n got %s\nwant %s", key, k.KindName(), g, exp)
				}
			}
		}
	}
}

// Ethnicity is sensitive data: no level above the commune ever gets it.
func TestProjection_EthnicityStaysHome(t *testing.T) {
	c := ColOf("citizen", "ethnicity")
	if c.Reach != Home {
		t.Fatalf("ethnicity reach %v", c.Reach)
	}
	for _, level := range []string{"commune", "district", "province"} {
		if c.Sent(level, true) {
			t.Errorf("ethnicity sent by a %s", level)
		}
	}
}

func TestProject_BlanksInPlace(t *testing.T) {
	vals := Citizens.Values(&Citizen{Person: Person{HoDem: "Lê", Ten: "An", Gender: "nam", BirthYear: 1990,
		IDNumber: "034090000001", Ethnicity: "Kinh", Village: "Thôn 1"}, Group: "nong_dan"})
	vals = append(vals, int64(0)) // the store's tombstone follows
	Project(Citizens.Cols(), vals, "commune", false)
	var got Citizen
	Citizens.Load(&got, vals)
	want := Citizen{Person: Person{Gender: "nam", BirthYear: 1990}, Group: "nong_dan"}
	if !reflect.DeepEqual(got, want) || vals[len(vals)-1] != int64(0) {
		t.Errorf("projected %+v, want %+v", got, want)
	}
}

// A record sent upward without consent arrives with every identifying
// field blank, its name too, and passes the rules of stored values at the
// level above; a record that keeps any of its person's details needs its
// name (a hostile sender cannot drop the name alone).
func TestCheckValues_AWithheldRecordNeedsNoName(t *testing.T) {
	a := Award{Person: Person{HoDem: "Trần", Ten: "Mai", BirthDate: Date{Y: 2014, M: 3, D: 2}, Village: "Thôn 1"},
		School: "THCS Đông Hòa", AwardType: "qua", AmountVND: 500000}
	vals := Awards.Values(&a)
	Project(Awards.Cols(), vals, "commune", false)
	if err := CheckValues(Awards, vals); err != nil {
		t.Errorf("a withheld award: %v", err)
	}
	a.Ten = ""
	if err := CheckValues(Awards, Awards.Values(&a)); !errors.Is(err, ErrRequired) {
		t.Errorf("an award with details but no name: %v, want %v", err, ErrRequired)
	}
}

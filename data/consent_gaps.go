package data

import (
	"fmt"
	"strings"
)

// ConsentGaps counts, for one kind about a person, the records whose
// consent lacks a decision for each purpose: the line of the report that
// shows an officer what is still to be asked (silence is not consent).
type ConsentGaps struct {
	Kind      string          `json:"kind"`
	Records   int             `json:"records"`
	NoneAtAll int             `json:"none_at_all"` // no decision for any purpose
	Undecided map[Purpose]int `json:"undecided"`
	Refused   map[Purpose]int `json:"refused"` // refused or withdrawn
}

// Tally adds the record id of kind k, about s, to g.
func (b *ConsentBook) Tally(g *ConsentGaps, k Kind, id string, s Subject) {
	if g.Undecided == nil {
		g.Kind, g.Undecided, g.Refused = k.KindName(), map[Purpose]int{}, map[Purpose]int{}
	}
	g.Records++
	none := true
	for _, p := range Purposes {
		switch b.Decide(k, id, s, p) {
		case Undecided:
			g.Undecided[p]++
		case Refused, Withdrawn:
			g.Refused[p]++
			none = false
		default:
			none = false
		}
	}
	if none {
		g.NoneAtAll++
	}
}

// Line says it in a sentence, in Vietnamese (or English for lang "en").
func (g ConsentGaps) Line(lang string) string {
	kinds := map[string][2]string{"award": {"Khen thưởng, học bổng", "Awards"}, "citizen": {"Công dân học tập", "Learning citizens"}}
	k := kinds[g.Kind]
	short := map[Purpose][2]string{Keep: {"lưu giữ", "keeping"}, Upward: {"gửi lên cấp trên", "sending upward"},
		Publish: {"công bố tên", "publishing"}}
	var parts []string
	for _, p := range Purposes {
		name := short[p][0]
		if lang == "en" {
			name = short[p][1]
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, g.Undecided[p]))
	}
	if lang == "en" {
		return fmt.Sprintf("%s without a consent decision: %d of %d records have none at all; undecided: %s.",
			k[1], g.NoneAtAll, g.Records, strings.Join(parts, ", "))
	}
	return fmt.Sprintf("%s chưa có quyết định đồng ý: %d/%d hồ sơ chưa có ý kiến nào; chưa rõ ý kiến về: %s.",
		k[0], g.NoneAtAll, g.Records, strings.Join(parts, ", "))
}

package data

// The report's figures added by the association's records and by the
// breakdowns of awards, funds and centres (docs/reports.md): each is
// counted per unit by the store and added up the hierarchy by Add.

// AssociationTotals are the association's own figures for a period.
type AssociationTotals struct {
	Branches   BranchTotals   `json:"branches"`
	Members    MemberTotals   `json:"members"`
	Activities ActivityTotals `json:"activities"`
}

// BranchTotals: the branches that exist at the period's end, by type
// (every usual type present) and by form (chi hội, ban khuyến học), and
// those established and dissolved during it.
type BranchTotals struct {
	Count       int64            `json:"count"`
	ByType      map[string]int64 `json:"by_type"`
	ByForm      map[string]int64 `json:"by_form"`
	Established int64            `json:"established"`
	Dissolved   int64            `json:"dissolved"`
}

// MemberTotals: members at the period's end (each existing branch's last
// count by then) and those admitted and gone during it (MemberFigures).
type MemberTotals struct {
	Total    int64 `json:"total"`
	Admitted int64 `json:"admitted"`
	Left     int64 `json:"left"`
}

// ActivityTotals: the association's log in the period.
type ActivityTotals struct {
	Training  Gathering      `json:"training"`
	Meetings  Gathering      `json:"meetings"`
	Publicity PublicityTotal `json:"publicity"`
	Documents DocumentTotal  `json:"documents"`
}

// Gathering counts training courses or meetings and the people who took part.
type Gathering struct {
	Count        int64 `json:"count"`
	Participants int64 `json:"participants"`
}

// PublicityTotal counts publicity entries, the times they add up to
// (broadcasts, articles, posts), and the times by kind.
type PublicityTotal struct {
	Count  int64            `json:"count"`
	Times  int64            `json:"times"`
	ByKind map[string]int64 `json:"by_kind"`
}

// DocumentTotal counts the documents issued.
type DocumentTotal struct {
	Count int64 `json:"count"`
}

// HolderTotal is the money in, out and the balance of one holder or
// source of the fund.
type HolderTotal struct {
	RaisedVND  int64 `json:"raised_vnd"`
	SpentVND   int64 `json:"spent_vnd"`
	BalanceVND int64 `json:"balance_vnd"`
}

// NewAssociationTotals returns zero figures with every usual branch type
// and both forms present.
func NewAssociationTotals() AssociationTotals {
	a := AssociationTotals{Branches: BranchTotals{ByType: map[string]int64{}, ByForm: map[string]int64{}},
		Activities: ActivityTotals{Publicity: PublicityTotal{ByKind: map[string]int64{}}}}
	for _, o := range BranchTypes {
		a.Branches.ByType[o.Code] = 0
	}
	for _, o := range BranchForms.Options {
		a.Branches.ByForm[o.Code] = 0
	}
	return a
}

// newBreakdowns gives t the maps of the breakdowns, every programme present.
func (t *Totals) newBreakdowns() {
	t.Centres.ByProgramme = map[string]*ClassCount{}
	for _, o := range Programmes {
		t.Centres.ByProgramme[o.Code] = &ClassCount{}
	}
	t.Awards.ByRecipient = map[string]*TypeTotal{}
	t.Awards.ByCampaign = map[string]*TypeTotal{}
	t.Funds.ByHolder = map[string]*HolderTotal{}
	t.Funds.BySource = map[string]*HolderTotal{}
	t.Association = NewAssociationTotals()
}

// addBreakdowns adds the breakdowns and the association's figures of o.
func (t *Totals) addBreakdowns(o *Totals) {
	for k, v := range o.Centres.ByProgramme {
		c := t.Centres.ByProgramme[k]
		if c == nil {
			c = &ClassCount{}
			t.Centres.ByProgramme[k] = c
		}
		add(&c.Classes, v.Classes)
		add(&c.LearnerTimes, v.LearnerTimes)
	}
	addTypes(t.Awards.ByRecipient, o.Awards.ByRecipient)
	addTypes(t.Awards.ByCampaign, o.Awards.ByCampaign)
	addHolders(t.Funds.ByHolder, o.Funds.ByHolder)
	addHolders(t.Funds.BySource, o.Funds.BySource)
	t.Association.Add(&o.Association)
}

// Add adds o into a.
func (a *AssociationTotals) Add(o *AssociationTotals) {
	b, ob := &a.Branches, &o.Branches
	add(&b.Count, ob.Count)
	add(&b.Established, ob.Established)
	add(&b.Dissolved, ob.Dissolved)
	addCounts(b.ByType, ob.ByType)
	addCounts(b.ByForm, ob.ByForm)
	add(&a.Members.Total, o.Members.Total)
	add(&a.Members.Admitted, o.Members.Admitted)
	add(&a.Members.Left, o.Members.Left)
	x, ox := &a.Activities, &o.Activities
	for _, g := range [][2]*Gathering{{&x.Training, &ox.Training}, {&x.Meetings, &ox.Meetings}} {
		add(&g[0].Count, g[1].Count)
		add(&g[0].Participants, g[1].Participants)
	}
	add(&x.Publicity.Count, ox.Publicity.Count)
	add(&x.Publicity.Times, ox.Publicity.Times)
	addCounts(x.Publicity.ByKind, ox.Publicity.ByKind)
	add(&x.Documents.Count, ox.Documents.Count)
}

// TypeOf returns the award total of key in m, made when absent.
func TypeOf(m map[string]*TypeTotal, key string) *TypeTotal {
	t := m[key]
	if t == nil {
		t = &TypeTotal{}
		m[key] = t
	}
	return t
}

// HolderOf returns the fund total of key in m, made when absent.
func HolderOf(m map[string]*HolderTotal, key string) *HolderTotal {
	t := m[key]
	if t == nil {
		t = &HolderTotal{}
		m[key] = t
	}
	return t
}

func addTypes(dst, src map[string]*TypeTotal) {
	for k, v := range src {
		t := TypeOf(dst, k)
		add(&t.Count, v.Count)
		add(&t.AmountVND, v.AmountVND)
	}
}

func addHolders(dst, src map[string]*HolderTotal) {
	for k, v := range src {
		t := HolderOf(dst, k)
		add(&t.RaisedVND, v.RaisedVND)
		add(&t.SpentVND, v.SpentVND)
		add(&t.BalanceVND, v.BalanceVND)
	}
}

func addCounts(dst, src map[string]int64) {
	for k, v := range src {
		n := dst[k]
		add(&n, v)
		dst[k] = n
	}
}

// ClassOf returns the programme's count in m, made when absent.
func ClassOf(m map[string]*ClassCount, key string) *ClassCount {
	c := m[key]
	if c == nil {
		c = &ClassCount{}
		m[key] = c
	}
	return c
}

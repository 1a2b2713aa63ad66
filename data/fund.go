package data

// FundLine is a line of the learning-promotion fund's ledger (Quỹ khuyến học).
type FundLine struct {
	ID        string
	Unit      string
	Date      Date
	Direction string // "thu" (in) or "chi" (out)
	Source    string // a code of FundSources or free text
	AmountVND int64
	InKindVND int64
	VoucherNo string
	Note      string
}

// ParseFund turns one ledger row into a typed record.
func ParseFund(in Input) (FundLine, error) {
	p := &parser{in: in}
	f := FundLine{
		Date:      p.date("date"),
		Direction: p.enum("direction", Directions),
		Source:    p.text("source", 120),
		AmountVND: p.vnd("amount_vnd"),
		InKindVND: p.vnd("in_kind_vnd"),
		VoucherNo: p.text("voucher_no", 60),
		Note:      p.text("note", 500),
	}
	if f.Date.IsZero() && p.in.get("date") == "" {
		p.es.add("date", "", ErrRequired)
	}
	if f.Direction == "" && p.in.get("direction") == "" {
		p.es.add("direction", "", ErrRequired)
	}
	return f, p.es.err()
}

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
	Holder    string // who holds the money: a code of FundHolders or free text ("" is the association)
}

// ParseFund turns one ledger row into a typed record.
func ParseFund(in Input) (FundLine, error) { return parseTable(Funds, in) }

// FormatFund writes a ledger line as the cells of a file row or a form: the
// inverse of ParseFund.
func FormatFund(f FundLine, st Style) Input { return formatTable(Funds, f, st) }

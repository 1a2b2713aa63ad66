package report

import (
	"context"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// AddConsentGaps adds to the report how many of the unit's records lack a
// consent decision (data.ConsentGaps): a line under the title of the
// printed report and consent_gaps in its JSON. The figures are not
// touched.
func AddConsentGaps(ctx context.Context, st *store.Store, r *Report, asOf data.Date) error {
	gaps, err := st.ConsentGaps(ctx, r.Ref().String(), asOf)
	r.ConsentGaps = gaps
	return err
}

// consentLines are the lines the printed report carries about consent.
func (r *Report) consentLines() []string {
	var out []string
	for _, g := range r.ConsentGaps {
		out = append(out, g.Line("vi"))
	}
	return out
}

// publishable returns the consent book certificates and lists ask whether
// a name may be printed (data.ConsentBook.MayPublish), as of day.
func publishable(ctx context.Context, st *store.Store, unit string, day data.Date) (*data.ConsentBook, error) {
	if day.IsZero() {
		day = st.Today()
	}
	return st.ConsentBook(ctx, unit, day)
}

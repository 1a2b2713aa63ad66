package bundle

import (
	"filippo.io/age"
	"github.com/google/uuid"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

// Validate checks every field of m against docs/bundle-format.md §3. Errors
// match ErrInvalid.
func (m Manifest) Validate() error {
	checks := []func() error{
		func() error { return check(m.Format == Format, "format %q, want %q", m.Format, Format) },
		func() error { return checkUUIDv7(m.BundleID, "bundle_id") },
		func() error { return checkYear(m.Created.UTC().Year()) },
		func() error { return m.Origin.validate("origin") },
		func() error {
			return check(isHex(m.KeyID, 16, true), "key_id %q is not 16 uppercase hex digits", m.KeyID)
		},
		func() error { return checkUnit(m.To, "to") },
		func() error { return checkSeqPrev(m.Seq, m.Prev) },
		func() error { return m.Clock.validate() },
		func() error { return checkCounts(m.Counts) },
		func() error { return checkRecipients(m.Recipients) },
		m.validateSources,
		m.Payload.validate,
	}
	for _, c := range checks {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

// check returns an ErrInvalid error when ok is false.
func check(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return newErr(ErrInvalid, manifestPart, format, args...)
}

func checkUUIDv7(s, field string) error {
	u, err := uuid.Parse(s)
	ok := err == nil && u.Version() == 7 && u.Variant() == uuid.RFC4122 && u.String() == s
	return check(ok, "%s %q is not a lowercase UUID v7", field, s)
}

func checkYear(y int) error {
	return check(y >= 1 && y <= 9999, "created year %d out of range", y)
}

func checkUnit(u units.Ref, field string) error {
	if err := u.Validate(); err != nil {
		return wrapErr(ErrInvalid, manifestPart, field, err)
	}
	return nil
}

func (o Origin) validate(field string) error {
	if err := keys.ValidateLevel(o.Level, o.Ref); err != nil {
		return wrapErr(ErrInvalid, manifestPart, field, err)
	}
	if err := keys.ValidateSite(o.Site); err != nil {
		return wrapErr(ErrInvalid, manifestPart, field, err)
	}
	return nil
}

func checkSeqPrev(seq int64, prev string) error {
	if seq < 1 || seq > maxSafeInt {
		return newErr(ErrInvalid, manifestPart, "seq %d out of range", seq)
	}
	if seq == 1 {
		return check(prev == "", "prev must be empty for seq 1")
	}
	return check(isHex(prev, 64, false), "prev is not 64 lowercase hex digits")
}

func (c Clock) validate() error {
	return check(c.Min >= 0 && c.Min <= c.Max && c.Max <= maxSafeInt, "clock %d..%d out of range", c.Min, c.Max)
}

func checkCounts(counts map[string]int64) error {
	if len(counts) > MaxKinds {
		return newErr(ErrInvalid, manifestPart, "%d kinds, cap %d", len(counts), MaxKinds)
	}
	for k, n := range counts {
		if !isIdent(k, 32) || n < 0 || n > maxSafeInt {
			return newErr(ErrInvalid, manifestPart, "counts[%q] = %d", k, n)
		}
	}
	return nil
}

func checkRecipients(rs []string) error {
	if len(rs) < 1 || len(rs) > MaxRecipients {
		return newErr(ErrInvalid, manifestPart, "%d recipients, want 1 to %d", len(rs), MaxRecipients)
	}
	seen := map[string]bool{}
	for _, s := range rs {
		r, err := age.ParseX25519Recipient(s)
		if err != nil || r.String() != s || seen[s] {
			return newErr(ErrInvalid, manifestPart, "recipient %q is not a canonical, distinct age X25519 recipient", s)
		}
		seen[s] = true
	}
	return nil
}

func (m Manifest) validateSources() error {
	for i, s := range m.Sources {
		if err := s.Origin.validate("sources"); err != nil {
			return err
		}
		ok := s.Seq >= 1 && s.Seq <= maxSafeInt && isHex(s.ManifestSHA256, 64, false)
		if err := check(ok, "sources[%d]: bad seq or manifest_sha256", i); err != nil {
			return err
		}
	}
	return nil
}

func (p PayloadInfo) validate() error {
	ok := isHex(p.SHA256, 64, false) && p.Size >= 1 && p.Size <= MaxFileSize &&
		p.PlainSize >= 1 && p.PlainSize <= maxSafeInt
	return check(ok, "payload: bad sha256, size or plain_size")
}

// isHex reports whether s is n hex digits, uppercase or lowercase as asked.
func isHex(s string, n int, upper bool) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := upper && c >= 'A' && c <= 'F' || !upper && c >= 'a' && c <= 'f'
		if !(c >= '0' && c <= '9' || letter) {
			return false
		}
	}
	return true
}

// isIdent reports whether s matches [a-z][a-z0-9_]{0,max-1}.
func isIdent(s string, max int) bool {
	if len(s) < 1 || len(s) > max || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

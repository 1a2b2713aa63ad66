package wire

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

// FormatRoster tags a roster.
const FormatRoster = "khroster/1"

// MaxRosterKeys caps the keys one roster enrols.
const MaxRosterKeys = 10_000

// Roster is the signed list of the keys a district or province enrolled
// below it: the hub accepts uploads signed by them. A newer version
// replaces the older one whole, so a key left out is no longer trusted.
// Its file form is that of receipt.SignDoc: one line of canonical JSON,
// then its minisign signature by the unit's key.
type Roster struct {
	Format  string            `json:"format"`  // FormatRoster
	Unit    units.Ref         `json:"unit"`    // the enrolling unit
	Level   string            `json:"level"`   // its level
	KeyID   string            `json:"key_id"`  // its signing key's id
	Version int64             `json:"version"` // above the version the hub holds
	Issued  string            `json:"issued"`  // informational
	Keys    []json.RawMessage `json:"keys"`    // .khkey files, compact, sorted
}

// RosterComment is the trusted comment of a roster's signature.
func RosterComment(r Roster) string {
	return FormatRoster + " " + r.Unit.String() + " version " + strconv.FormatInt(r.Version, 10)
}

// MakeRoster signs the roster of id's unit, version version, enrolling the
// .khkey files given.
func MakeRoster(id *keys.Identity, version int64, now time.Time, khkeys [][]byte) ([]byte, error) {
	pub := id.Public()
	r := Roster{Format: FormatRoster, Unit: pub.Unit, Level: pub.Level, KeyID: pub.KeyIDString(),
		Version: version, Issued: receipt.FormatTime(now), Keys: []json.RawMessage{}}
	for _, k := range khkeys {
		var b bytes.Buffer
		if err := json.Compact(&b, bytes.TrimPrefix(k, []byte("\uFEFF"))); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadRoster, err)
		}
		r.Keys = append(r.Keys, b.Bytes())
	}
	slices.SortFunc(r.Keys, func(a, b json.RawMessage) int { return bytes.Compare(a, b) })
	if _, err := r.check(); err != nil {
		return nil, err
	}
	doc, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return receipt.SignDoc(doc, id, RosterComment(r))
}

// ReadRoster parses a roster file and the keys it enrols (each .khkey
// checked, self-signature included) without checking the roster's own
// signature: use it to find the signer, then VerifyRoster.
func ReadRoster(file []byte) (Roster, []keys.PublicKey, error) {
	msg, _, err := receipt.SplitDoc(file)
	if err != nil {
		return Roster{}, nil, fmt.Errorf("%w: %w", ErrBadRoster, err)
	}
	return decodeRoster(msg[:len(msg)-1])
}

// VerifyRoster checks that the roster file was signed by key by and
// returns it with the keys it enrols.
func VerifyRoster(file []byte, by keys.PublicKey) (Roster, []keys.PublicKey, error) {
	var r Roster
	var ks []keys.PublicKey
	_, err := receipt.VerifyDoc(file, by, func(doc []byte) (string, error) {
		var err error
		if r, ks, err = decodeRoster(doc); err != nil {
			return "", err
		}
		if r.KeyID != by.KeyIDString() || r.Unit != by.Unit || r.Level != by.Level {
			return "", fmt.Errorf("%w: roster of %s key %s", receipt.ErrWrongKey, r.Unit, r.KeyID)
		}
		return RosterComment(r), nil
	})
	return r, ks, err
}

func decodeRoster(doc []byte) (Roster, []keys.PublicKey, error) {
	var r Roster
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil || dec.More() {
		return Roster{}, nil, fmt.Errorf("%w: %v", ErrBadRoster, err)
	}
	if canon, _ := json.Marshal(r); !bytes.Equal(canon, doc) {
		return Roster{}, nil, fmt.Errorf("%w: not in canonical form", ErrBadRoster)
	}
	ks, err := r.check()
	return r, ks, err
}

// check validates the members and parses the keys: each must be of a unit
// of a lower level than the roster's, appear once, and be sorted.
func (r Roster) check() ([]keys.PublicKey, error) {
	t, err := time.Parse(time.RFC3339, r.Issued)
	switch {
	case r.Format != FormatRoster:
		return nil, fmt.Errorf("%w: format %q", ErrBadRoster, r.Format)
	case keys.ValidateLevel(r.Level, r.Unit) != nil || r.Level == keys.LevelCommune:
		return nil, fmt.Errorf("%w: %s %s cannot enrol units", ErrBadRoster, r.Level, r.Unit)
	case r.Version < 1 || r.Version > 1<<53-1 || err != nil || receipt.FormatTime(t) != r.Issued:
		return nil, fmt.Errorf("%w: version or issued time", ErrBadRoster)
	case len(r.Keys) > MaxRosterKeys || r.Keys == nil:
		return nil, fmt.Errorf("%w: %d keys", ErrBadRoster, len(r.Keys))
	}
	out := make([]keys.PublicKey, 0, len(r.Keys))
	for n, raw := range r.Keys {
		if n > 0 && bytes.Compare(r.Keys[n-1], raw) >= 0 {
			return nil, fmt.Errorf("%w: keys not sorted or repeated", ErrBadRoster)
		}
		k, err := keys.ParsePublic(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: key %d: %w", ErrBadRoster, n+1, err)
		}
		if levelRank(k.Level) >= levelRank(r.Level) {
			return nil, fmt.Errorf("%w: %s %s is not below %s", ErrBadRoster, k.Level, k.Unit, r.Level)
		}
		out = append(out, k)
	}
	return out, nil
}

func levelRank(level string) int {
	return map[string]int{keys.LevelCommune: 1, keys.LevelDistrict: 2, keys.LevelProvince: 3}[level]
}

// KeysDigest names a set of keys by their key material, whatever their
// order: the lowercase hex SHA-256 of the sorted lines "<minisign key>
// <age recipient>\n". A client compares it with the hub's to know whether
// its roster changed.
func KeysDigest(ks []keys.PublicKey) string {
	lines := make([]string, 0, len(ks))
	for _, k := range ks {
		lines = append(lines, k.MinisignPublicKey()+" "+k.AgeRecipient+"\n")
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
	}
	return hex.EncodeToString(h.Sum(nil))
}

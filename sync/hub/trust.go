package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
)

// maxChain bounds how deep enrolment goes: a province enrols districts,
// which enrol communes.
const maxChain = 3

// trust answers which key speaks for a unit: one given at start (roots),
// or one enrolled by the current roster of a unit whose own key is
// trusted, recursively. A newer roster that leaves a key out, or the
// enrolling unit losing trust, ends the trust in it.
type trust struct {
	roots []keys.PublicKey
	ix    Index
	reg   *units.Registry
}

func newTrust(roots []keys.PublicKey, ix Index, reg *units.Registry) *trust {
	return &trust{roots: roots, ix: ix, reg: reg}
}

// keyFor returns the trusted key with that key id for the unit and level,
// or ErrUnknownSigner.
func (t *trust) keyFor(ctx context.Context, keyID string, unit units.Ref, level string) (keys.PublicKey, error) {
	return t.lookup(ctx, keyID, unit, level, 0)
}

func (t *trust) lookup(ctx context.Context, keyID string, unit units.Ref, level string, depth int) (keys.PublicKey, error) {
	for _, k := range t.roots {
		if k.KeyIDString() == keyID && k.Unit == unit && k.Level == level {
			return k, nil
		}
	}
	if depth >= maxChain {
		return keys.PublicKey{}, ErrUnknownSigner
	}
	es, err := t.ix.EnrolledByKeyID(ctx, keyID)
	if err != nil {
		return keys.PublicKey{}, err
	}
	for _, e := range es {
		if k, ok := t.enrolled(ctx, e, unit, level, depth); ok {
			return k, nil
		}
	}
	return keys.PublicKey{}, fmt.Errorf("%w: key %s of %s", ErrUnknownSigner, keyID, unit)
}

// enrolled checks one enrolment: the key is of the unit asked for, inside
// the enrolling unit's area, and the roster's signer is itself trusted.
func (t *trust) enrolled(ctx context.Context, e Enrolled, unit units.Ref, level string, depth int) (keys.PublicKey, bool) {
	by, err := keys.ParseUnit(e.By)
	if err != nil || e.Unit != unit.String() || e.Level != level || !t.reg.Within(unit, by) {
		return keys.PublicKey{}, false
	}
	r, err := t.ix.Roster(ctx, e.By)
	if err != nil {
		return keys.PublicKey{}, false
	}
	if _, err := t.lookup(ctx, r.KeyID, by, r.Level, depth+1); err != nil {
		return keys.PublicKey{}, false
	}
	k, err := keys.ParsePublic(e.KHKey)
	return k, err == nil && k.Unit == unit && k.Level == level
}

// errForbidden reports a roster handed over by another unit than its own.
var errForbidden = errors.New("hub: a unit may only hand over its own roster")

// acceptRoster checks a roster handed over by the logged-in unit and, when
// it is newer than the stored one, makes it the unit's roster.
func (t *trust) acceptRoster(ctx context.Context, file []byte, loggedIn string, now string) (RosterRecord, error) {
	r, ks, err := wire.ReadRoster(file)
	if err != nil {
		return RosterRecord{}, err
	}
	if r.Unit.String() != loggedIn {
		return RosterRecord{}, fmt.Errorf("%w: roster of %s, logged in as %s", errForbidden, r.Unit, loggedIn)
	}
	signer, err := t.keyFor(ctx, r.KeyID, r.Unit, r.Level)
	if err != nil {
		return RosterRecord{}, err
	}
	if _, _, err := wire.VerifyRoster(file, signer); err != nil {
		return RosterRecord{}, err
	}
	enrolled := make([]Enrolled, 0, len(ks))
	for n, k := range ks {
		if k.Unit == r.Unit || !t.reg.Within(k.Unit, r.Unit) {
			return RosterRecord{}, fmt.Errorf("%w: %s is outside %s", wire.ErrBadRoster, k.Unit, r.Unit)
		}
		enrolled = append(enrolled, Enrolled{By: r.Unit.String(), Unit: k.Unit.String(), Level: k.Level,
			KeyID: k.KeyIDString(), Minisign: k.MinisignPublicKey(), KHKey: compact(r.Keys[n])})
	}
	rec := RosterRecord{Unit: r.Unit.String(), Level: r.Level, KeyID: r.KeyID, Version: r.Version,
		KeysSHA256: wire.KeysDigest(ks), Keys: len(ks), File: file, Received: now}
	return rec, t.ix.PutRoster(ctx, rec, enrolled)
}

func compact(raw json.RawMessage) []byte {
	var b bytes.Buffer
	json.Compact(&b, raw)
	return b.Bytes()
}

// Package setup creates an installation (its database records and its keys)
// and manages the keys of other installations it deals with: the unit above
// that bundles are encrypted to, and the units below whose bundles it
// accepts. The desktop app's wizard and the command line's init both call it.
package setup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

// Errors of this package.
var (
	ErrLevel        = errors.New("setup: the unit is not of that level")
	ErrOutsideArea  = errors.New("setup: the unit is outside this unit's area")
	ErrNotAbove     = errors.New("setup: that key is not of a unit above this one")
	ErrFingerprint  = errors.New("setup: the fingerprint does not match the key file")
	ErrNotBelow     = errors.New("setup: that key is not of a unit below this one")
	ErrSelf         = errors.New("setup: that is this installation's own key")
	ErrNoIdentity   = errors.New("setup: this installation has no keys")
	ErrWrongRestore = errors.New("setup: the backup belongs to another unit")
)

// Params choose what an installation keeps.
type Params struct {
	Level    string    // commune, district or province
	Unit     units.Ref // the unit, from the embedded lists
	Operator string    // the person at the keyboard
	Upstream []byte    // optional: the .khkey file of the unit above
	Now      time.Time // set-up time (informational)
	// Passphrase seals the secret keys in the database (atrest.go); the
	// wizard and init always give one. Without it the keys are kept in
	// clear, as earlier versions kept them.
	Passphrase []byte
	WorkFactor int // scrypt's log2 N for the passphrase; 0 for keys.AtRestWorkFactor
}

// Init sets up an empty database: checks the unit and level against the
// official lists, creates this installation's keys (Ed25519 for signing,
// X25519/age for encryption) and stores them. It refuses a database that is
// already set up. With Upstream it also records the unit above.
func Init(ctx context.Context, st *store.Store, reg *units.Registry, p Params) (*keys.Identity, error) {
	u, err := reg.Get(p.Unit)
	if err != nil {
		return nil, err
	}
	if u.Level != p.Level {
		return nil, fmt.Errorf("%w: %s is a %s", ErrLevel, u.FullName, u.Level)
	}
	if _, err := st.Installation(ctx); err == nil {
		return nil, store.ErrAlreadySet
	}
	var up keys.PublicKey
	if p.Upstream != nil {
		if up, err = checkUpstream(reg, p.Unit, p.Level, p.Upstream); err != nil {
			return nil, err
		}
	}
	id, err := keys.Generate(p.Unit, p.Level, u.FullName, p.Now)
	if err != nil {
		return nil, err
	}
	secret, err := sealed(id, p.Passphrase, p.WorkFactor)
	if err != nil {
		return nil, err
	}
	err = st.Init(ctx, store.Setup{Site: id.Public().Site, Unit: p.Unit.String(), Level: p.Level,
		Name: u.FullName, Operator: strings.TrimSpace(p.Operator), Identity: secret})
	if err != nil {
		return nil, err
	}
	if p.Passphrase != nil {
		st.KeepUnlocked(string(keys.MarshalBackup(id)), p.Passphrase)
	}
	if p.Upstream != nil {
		return id, st.AddPeerKey(ctx, peer(up, store.RoleUpstream, p.Upstream))
	}
	return id, nil
}

// Identity returns this installation's keys.
func Identity(ctx context.Context, st *store.Store) (*keys.Identity, error) {
	b, err := st.Meta(ctx, store.MetaIdentity)
	if err != nil {
		return nil, err
	}
	if b == "" {
		if _, err := st.Installation(ctx); err != nil {
			return nil, err
		}
		return nil, ErrNoIdentity
	}
	text, err := identityText(ctx, st, b) // atrest.go
	if err != nil {
		return nil, err
	}
	return keys.ParseBackup(text)
}

// sealed is the form an identity is stored in: sealed with the passphrase,
// or the clear backup text without one.
func sealed(id *keys.Identity, pass []byte, wf int) (string, error) {
	if pass == nil {
		return string(keys.MarshalBackup(id)), nil
	}
	b, err := keys.Seal(keys.MarshalBackup(id), pass, wf)
	return string(b), err
}

func peer(k keys.PublicKey, role string, file []byte) store.PeerKey {
	return store.PeerKey{Fingerprint: k.Fingerprint(), Unit: k.Unit.String(), Level: k.Level,
		Name: k.Name, Site: k.Site, KeyID: k.KeyIDString(), Role: role, KHKey: file}
}

// levelRank orders the levels: a province is above a district, above a commune.
func levelRank(level string) int {
	return map[string]int{"commune": 1, "district": 2, "province": 3}[level]
}

// checkUpstream parses the key of the unit above and checks that it is
// above this unit and holds it in its area.
func checkUpstream(reg *units.Registry, mine units.Ref, level string, file []byte) (keys.PublicKey, error) {
	k, err := keys.ParsePublic(file)
	if err != nil {
		return k, err
	}
	if levelRank(k.Level) <= levelRank(level) || !reg.Within(mine, k.Unit) {
		return k, fmt.Errorf("%w: %s (%s)", ErrNotAbove, k.Name, k.Unit)
	}
	return k, nil
}

// SetUpstream records the key of the unit above (replacing an older one).
func SetUpstream(ctx context.Context, st *store.Store, reg *units.Registry, file []byte) (keys.PublicKey, error) {
	in, err := st.Installation(ctx)
	if err != nil {
		return keys.PublicKey{}, err
	}
	mine, err := units.ParseRef(in.Unit)
	if err != nil {
		return keys.PublicKey{}, err
	}
	k, err := checkUpstream(reg, mine, in.Level, file)
	if err != nil {
		return k, err
	}
	return k, st.AddPeerKey(ctx, peer(k, store.RoleUpstream, file))
}

// Trust enrols a unit below: its bundles will be accepted. The unit must
// lie inside this unit's area and be of a lower level. When fingerprint is
// given (read aloud by phone), it must match the key file.
func Trust(ctx context.Context, st *store.Store, reg *units.Registry, file []byte, fingerprint string) (keys.PublicKey, error) {
	in, err := st.Installation(ctx)
	if err != nil {
		return keys.PublicKey{}, err
	}
	k, err := keys.ParsePublic(file)
	if err != nil {
		return k, err
	}
	if k.Site == in.Site {
		return k, ErrSelf
	}
	if fingerprint != "" {
		if err := checkFingerprint(fingerprint, k.Fingerprint()); err != nil { // fingerprint.go
			return k, err
		}
	}
	area, err := units.ParseRef(in.Unit)
	if err != nil {
		return k, err
	}
	if !reg.Within(k.Unit, area) {
		return k, fmt.Errorf("%w: %s (%s)", ErrOutsideArea, k.Name, k.Unit)
	}
	if levelRank(k.Level) >= levelRank(in.Level) {
		return k, fmt.Errorf("%w: %s is a %s", ErrNotBelow, k.Name, k.Level)
	}
	return k, st.AddPeerKey(ctx, peer(k, store.RoleBelow, file))
}

// NormalizeFingerprint accepts "123456789012", "1234-5678-9012" and
// "1234 5678 9012" and returns the grouped form.
func NormalizeFingerprint(s string) string {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if len(d) != 12 {
		return s
	}
	return d[0:4] + " " + d[4:8] + " " + d[8:12]
}

// Revoke revokes a key by fingerprint: its bundles are quarantined from now on.
func Revoke(ctx context.Context, st *store.Store, fingerprint string) error {
	return st.RevokePeerKey(ctx, NormalizeFingerprint(fingerprint))
}

// Restore sets up an empty database from a key backup: the same unit and
// keys, so the level above still recognises its bundles, under a new site id:
// bundle numbering starts again for the new installation and can never
// collide with what the lost one sent. A passphrase-protected backup asks
// for its passphrase through p.BackupPassphrase; the keys are then sealed
// in the database with p.Passphrase (in clear without one).
func Restore(ctx context.Context, st *store.Store, reg *units.Registry, backup []byte, p RestoreParams) (*keys.Identity, error) {
	id, err := keys.OpenBackup(backup, p.backupPass)
	if err != nil {
		return nil, err
	}
	pub := id.Public()
	u, err := reg.Get(pub.Unit)
	if err != nil {
		return nil, err
	}
	site, err := newSite()
	if err != nil {
		return nil, err
	}
	if id, err = id.WithSite(site); err != nil {
		return nil, err
	}
	secret, err := sealed(id, p.Passphrase, p.WorkFactor)
	if err != nil {
		return nil, err
	}
	err = st.Init(ctx, store.Setup{Site: site, Unit: u.Ref.String(), Level: pub.Level, Name: u.FullName,
		Operator: p.Operator, Identity: secret})
	if err == nil && p.Passphrase != nil {
		st.KeepUnlocked(string(keys.MarshalBackup(id)), p.Passphrase)
	}
	return id, err
}

// RestoreParams are what Restore needs besides the backup.
type RestoreParams struct {
	Operator         string
	BackupPassphrase func() ([]byte, error) // asked when the backup is protected
	Passphrase       []byte                 // seals the keys in the new database
	WorkFactor       int
}

func (p RestoreParams) backupPass() ([]byte, error) {
	if p.BackupPassphrase == nil {
		return nil, ErrLocked
	}
	return p.BackupPassphrase()
}

func newSite() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

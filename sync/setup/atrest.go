package setup

import (
	"context"
	"errors"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/keys"
)

// The installation's secret keys at rest: the database keeps them sealed
// with the officer's passphrase (keys.Seal: age's scrypt recipient), set at
// set-up. A program opens them once (Unlock, or the store's passphrase
// prompt the first time Identity needs them) and keeps them in memory
// only. Databases of earlier versions hold the keys in clear: they keep
// working, and SetPassphrase seals them (the migration). A forgotten
// passphrase cannot be recovered: only a key backup (keys backup) brings
// the keys back, onto a new database (Restore).

// ErrLocked reports sealed keys that nobody unlocked and no prompt can ask
// for.
var ErrLocked = errors.New("setup: the keys are protected by a passphrase: give it to continue")

// KeyState is how an installation keeps its keys.
type KeyState int

// Key states.
const (
	NoKeys   KeyState = iota // not set up
	Clear                    // an earlier version's keys, in clear: set a passphrase
	Locked                   // sealed, not yet opened by this program
	Unlocked                 // sealed, opened
)

// State tells how the installation keeps its keys.
func State(ctx context.Context, st *store.Store) (KeyState, error) {
	b, err := st.Meta(ctx, store.MetaIdentity)
	switch {
	case err != nil:
		return NoKeys, err
	case b == "":
		return NoKeys, nil
	case !keys.IsSealed([]byte(b)):
		return Clear, nil
	}
	if c, _ := st.Unlocked(); c != "" {
		return Unlocked, nil
	}
	return Locked, nil
}

// Unlock opens the sealed keys with pass and keeps them in memory for the
// program's life. keys.ErrPassphrase when pass is wrong; clear keys need
// no passphrase (nil).
func Unlock(ctx context.Context, st *store.Store, pass []byte) error {
	b, err := st.Meta(ctx, store.MetaIdentity)
	if err != nil {
		return err
	}
	if b == "" {
		return ErrNoIdentity
	}
	if !keys.IsSealed([]byte(b)) {
		return nil
	}
	plain, err := keys.Unseal([]byte(b), pass)
	if err != nil {
		return err
	}
	if _, err := keys.ParseBackup(plain); err != nil {
		return err
	}
	st.KeepUnlocked(string(plain), pass)
	return nil
}

// SetPassphrase seals the keys with pass (work factor wf, 0 for the
// default): clear keys of an earlier version are sealed for the first
// time; sealed keys must be open (Unlock) and are sealed again under the
// new passphrase, with a pending rotation's next keys. The old form is
// overwritten in the file and its log (secure_delete, checkpoint).
func SetPassphrase(ctx context.Context, st *store.Store, pass []byte, wf int) error {
	id, err := Identity(ctx, st)
	if err != nil {
		return err
	}
	plain := keys.MarshalBackup(id)
	sealed, err := keys.Seal(plain, pass, wf)
	if err != nil {
		return err
	}
	rot, err := PendingRotation(ctx, st)
	if err != nil {
		return err
	}
	if rot != nil {
		if rot.Backup, err = reseal(st, rot.Backup, pass, wf); err != nil {
			return err
		}
		if err := saveRotation(ctx, st, rot); err != nil {
			return err
		}
	}
	if err := st.SetMeta(ctx, store.MetaIdentity, string(sealed)); err != nil {
		return err
	}
	st.KeepUnlocked(string(plain), pass)
	return st.Wipe(ctx)
}

// reseal seals a backup text (clear, or sealed under the passphrase the
// program holds) with pass.
func reseal(st *store.Store, text string, pass []byte, wf int) (string, error) {
	plain := []byte(text)
	if keys.IsSealed(plain) {
		_, old := st.Unlocked()
		var err error
		if plain, err = keys.Unseal(plain, old); err != nil {
			return "", err
		}
	}
	b, err := keys.Seal(plain, pass, wf)
	return string(b), err
}

// sealLike seals a backup text as the installation keeps its keys: under
// the passphrase the program holds when the keys are sealed, in clear when
// they are not (an earlier version's database until SetPassphrase).
func sealLike(ctx context.Context, st *store.Store, plain []byte) (string, error) {
	s, err := State(ctx, st)
	if err != nil {
		return "", err
	}
	switch s {
	case Clear, NoKeys:
		return string(plain), nil
	case Locked:
		return "", ErrLocked
	}
	_, pass := st.Unlocked()
	b, err := keys.Seal(plain, pass, 0)
	return string(b), err
}

// identityText returns the keys' backup text: clear as stored, or opened
// (asking for the passphrase through the store's prompt the first time).
func identityText(ctx context.Context, st *store.Store, stored string) ([]byte, error) {
	if !keys.IsSealed([]byte(stored)) {
		return []byte(stored), nil
	}
	if c, _ := st.Unlocked(); c != "" {
		return []byte(c), nil
	}
	ask := st.PassphrasePrompt()
	if ask == nil {
		return nil, ErrLocked
	}
	pass, err := ask()
	if err != nil {
		return nil, err
	}
	if err := Unlock(ctx, st, pass); err != nil {
		return nil, err
	}
	c, _ := st.Unlocked()
	return []byte(c), nil
}

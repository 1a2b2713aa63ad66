package setup

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/keys"
)

// MetaRotation holds a key rotation waiting for the bundle that announces it.
const MetaRotation = "rotation"

// ErrRotationPending reports a second rotation before the first was announced.
var ErrRotationPending = errors.New("setup: a new key is already waiting to be announced")

// Rotation is a new key and its announcement signed by the old key.
type Rotation struct {
	KHKey        string `json:"khkey"`        // the new key's .khkey file
	Announcement string `json:"announcement"` // signed by the old key
	Backup       string `json:"backup"`       // the new identity, as a backup file
}

// Rotate makes new keys for this installation. They take over once the
// next bundle, signed by the old key, has carried the announcement to the
// unit above.
func Rotate(ctx context.Context, st *store.Store, now time.Time) (keys.PublicKey, error) {
	if r, err := PendingRotation(ctx, st); err != nil || r != nil {
		return keys.PublicKey{}, errors.Join(err, ErrRotationPending)
	}
	old, err := Identity(ctx, st)
	if err != nil {
		return keys.PublicKey{}, err
	}
	next, err := old.Rotate(now)
	if err != nil {
		return keys.PublicKey{}, err
	}
	ann, err := keys.Announce(old, next.Public())
	if err != nil {
		return keys.PublicKey{}, err
	}
	file, err := keys.MarshalPublic(next)
	if err != nil {
		return keys.PublicKey{}, err
	}
	secret, err := sealLike(ctx, st, keys.MarshalBackup(next)) // atrest.go
	if err != nil {
		return keys.PublicKey{}, err
	}
	return next.Public(), saveRotation(ctx, st, &Rotation{KHKey: string(file), Announcement: string(ann), Backup: secret})
}

func saveRotation(ctx context.Context, st *store.Store, r *Rotation) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return st.SetMeta(ctx, MetaRotation, string(b))
}

// PendingRotation returns the rotation waiting to be announced, or nil.
func PendingRotation(ctx context.Context, st *store.Store) (*Rotation, error) {
	v, err := st.Meta(ctx, MetaRotation)
	if err != nil || v == "" {
		return nil, err
	}
	var r Rotation
	return &r, json.Unmarshal([]byte(v), &r)
}

// CompleteRotation switches to the new keys once a bundle announcing them
// was made.
func CompleteRotation(ctx context.Context, st *store.Store, r *Rotation) error {
	if err := st.SetMeta(ctx, store.MetaIdentity, r.Backup); err != nil {
		return err
	}
	if keys.IsSealed([]byte(r.Backup)) { // the new keys, open from now on
		_, pass := st.Unlocked()
		plain, err := keys.Unseal([]byte(r.Backup), pass)
		if err != nil {
			return err
		}
		st.KeepUnlocked(string(plain), pass)
	}
	return st.SetMeta(ctx, MetaRotation, "")
}

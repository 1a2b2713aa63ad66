package keys

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// Secret keys at rest: the backup text of an identity (backup.go),
// encrypted with a passphrase by age's scrypt recipient and written in
// age's ASCII armor. It is a plain age file: stock `age -d FILE` asks for
// the passphrase and prints the backup, itself an age identity file. The
// database keeps its keys this way (sync/setup), and `keys backup` writes
// one with a passphrase of its own.

// Errors of sealed keys.
var (
	ErrPassphrase     = errors.New("keys: wrong passphrase")
	ErrWeakPassphrase = errors.New("keys: a passphrase has at least 8 characters")
	ErrNotSealed      = errors.New("keys: not a passphrase-protected key file")
)

// Work factors (log2 of scrypt's N). Opening the keys at rest costs about
// half a second and 64 MiB on an old PC, once per program start; a backup,
// opened once in its life, takes age's own default.
const (
	AtRestWorkFactor = 16
	BackupWorkFactor = 18
	maxWorkFactor    = 22
)

// MinPassphrase is the shortest passphrase accepted, in characters.
const MinPassphrase = 8

// CheckPassphrase refuses a passphrase too short to protect anything.
func CheckPassphrase(pass []byte) error {
	if utf8.RuneCount(bytes.TrimSpace(pass)) < MinPassphrase {
		return ErrWeakPassphrase
	}
	return nil
}

// Seal encrypts plain with the passphrase (age scrypt, work factor wf; 0
// for AtRestWorkFactor) and returns the armored age file.
func Seal(plain, pass []byte, wf int) ([]byte, error) {
	if err := CheckPassphrase(pass); err != nil {
		return nil, err
	}
	r, err := age.NewScryptRecipient(string(pass))
	if err != nil {
		return nil, err
	}
	if wf == 0 {
		wf = AtRestWorkFactor
	}
	r.SetWorkFactor(wf)
	var out bytes.Buffer
	aw := armor.NewWriter(&out)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// IsSealed reports whether b is a passphrase-protected age file (armored
// or binary) rather than clear text.
func IsSealed(b []byte) bool {
	b = bytes.TrimLeft(b, "\ufeff \t\r\n")
	return bytes.HasPrefix(b, []byte(armor.Header)) || bytes.HasPrefix(b, []byte("age-encryption.org/"))
}

// Unseal decrypts a file made by Seal (or by stock `age -p`). A wrong
// passphrase gives ErrPassphrase, and nothing about the right one.
func Unseal(b, pass []byte) ([]byte, error) {
	if !IsSealed(b) {
		return nil, ErrNotSealed
	}
	id, err := age.NewScryptIdentity(string(pass))
	if err != nil {
		return nil, err
	}
	id.SetMaxWorkFactor(maxWorkFactor)
	var src io.Reader = bytes.NewReader(bytes.TrimLeft(b, "\ufeff \t\r\n"))
	if bytes.HasPrefix(bytes.TrimLeft(b, "\ufeff \t\r\n"), []byte(armor.Header)) {
		src = armor.NewReader(src)
	}
	r, err := age.Decrypt(src, id)
	var nm *age.NoIdentityMatchError
	switch {
	case errors.As(err, &nm) || errors.Is(err, age.ErrIncorrectIdentity):
		return nil, ErrPassphrase
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	out, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		if strings.Contains(err.Error(), "incorrect") {
			return nil, ErrPassphrase
		}
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if len(out) > MaxFileBytes {
		return nil, ErrTooLarge
	}
	return out, nil
}

// SealBackup writes the identity's backup (backup.go) protected by the
// passphrase, for `keys backup`: stock `age -d` opens it.
func SealBackup(id *Identity, pass []byte) ([]byte, error) {
	return Seal(MarshalBackup(id), pass, BackupWorkFactor)
}

// OpenBackup reads a backup, clear or passphrase-protected; pass is asked
// for only when it is protected (nil otherwise).
func OpenBackup(b []byte, pass func() ([]byte, error)) (*Identity, error) {
	if !IsSealed(b) {
		return ParseBackup(b)
	}
	p, err := pass()
	if err != nil {
		return nil, err
	}
	plain, err := Unseal(b, p)
	if err != nil {
		return nil, err
	}
	return ParseBackup(plain)
}

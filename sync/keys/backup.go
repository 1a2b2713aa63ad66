package keys

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"filippo.io/age"
)

// FormatBackup is the tag on the first line of a key backup.
const FormatBackup = "khkey-backup/1"

// backupFields are the "# name: value" comment lines of a backup, in order.
var backupFields = []string{"unit", "level", "name", "site", "created", "key-id", "ed25519-seed", "public key"}

// MarshalBackup returns the secret backup of id. It is an age identity file:
// "# " comment lines carrying the format tag, unit, level, name (a JSON
// string), site, created time, minisign key id and the Ed25519 seed
// (base64), then the AGE-SECRET-KEY-1… line. Stock `age -d -i FILE` uses it
// as is.
func MarshalBackup(id *Identity) []byte {
	name, _ := json.Marshal(id.Name)
	values := []string{
		id.Unit.String(), id.Level, string(name), id.Site, formatTime(id.Created),
		keyIDHex(id.keyID), b64.EncodeToString(id.sign.Seed()), id.age.Recipient().String(),
	}
	var b strings.Builder
	b.WriteString("# " + FormatBackup + "\n")
	b.WriteString("# SECRET KEYS of a Sổ Khuyến Học installation. Keep this file offline.\n")
	b.WriteString("# Whoever holds it can sign bundles for this unit and read bundles sent to it.\n")
	for i, f := range backupFields {
		b.WriteString("# " + f + ": " + values[i] + "\n")
	}
	b.WriteString(id.age.String() + "\n")
	return []byte(b.String())
}

// ParseBackup reads a backup written by MarshalBackup (line endings may be
// CRLF). Other "# " comment lines are ignored; each field must appear exactly
// once, and the public key line must match the age identity.
func ParseBackup(b []byte) (*Identity, error) {
	if len(b) > MaxFileBytes {
		return nil, fmt.Errorf("%w: backup over %d bytes", ErrTooLarge, MaxFileBytes)
	}
	lines := strings.Split(strings.ReplaceAll(string(bytes.TrimPrefix(b, []byte("\uFEFF"))), "\r\n", "\n"), "\n")
	if lines[0] != "# "+FormatBackup {
		if strings.HasPrefix(lines[0], "# khkey-backup/") {
			return nil, fmt.Errorf("%w: %q", ErrUnsupported, strings.TrimPrefix(lines[0], "# "))
		}
		return nil, fmt.Errorf("%w: first line is not %q", ErrMalformed, "# "+FormatBackup)
	}
	fields, secret, err := scanBackup(lines[1:])
	if err != nil {
		return nil, err
	}
	return backupIdentity(fields, secret)
}

// scanBackup collects the known fields and the single secret key line.
func scanBackup(lines []string) (map[string]string, string, error) {
	fields := map[string]string{}
	var secret string
	for _, line := range lines {
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			k, v, ok := strings.Cut(strings.TrimPrefix(line, "# "), ": ")
			if !ok || !known(k) {
				continue
			}
			if _, dup := fields[k]; dup {
				return nil, "", fmt.Errorf("%w: field %q appears twice", ErrMalformed, k)
			}
			fields[k] = v
		case secret == "" && strings.HasPrefix(line, "AGE-SECRET-KEY-1"):
			secret = line
		default:
			return nil, "", fmt.Errorf("%w: unexpected line in backup", ErrMalformed)
		}
	}
	for _, f := range backupFields {
		if _, ok := fields[f]; !ok {
			return nil, "", fmt.Errorf("%w: field %q missing", ErrMalformed, f)
		}
	}
	if secret == "" {
		return nil, "", fmt.Errorf("%w: no AGE-SECRET-KEY-1 line", ErrMalformed)
	}
	return fields, secret, nil
}

func known(field string) bool {
	for _, f := range backupFields {
		if f == field {
			return true
		}
	}
	return false
}

// backupIdentity decodes and checks the fields of a backup.
func backupIdentity(f map[string]string, secret string) (*Identity, error) {
	unit, err := ParseUnit(f["unit"])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	var name string
	if err := json.Unmarshal([]byte(f["name"]), &name); err != nil {
		return nil, fmt.Errorf("%w: name is not a JSON string", ErrMalformed)
	}
	created, err := parseTime(f["created"])
	if err != nil {
		return nil, err
	}
	keyID, err := parseKeyID(f["key-id"])
	if err != nil {
		return nil, err
	}
	seed, err := b64.DecodeString(f["ed25519-seed"])
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%w: ed25519-seed is not 32 bytes of base64", ErrMalformed)
	}
	ageID, err := age.ParseX25519Identity(secret)
	if err != nil || ageID.String() != secret {
		return nil, fmt.Errorf("%w: AGE-SECRET-KEY-1 line is not a canonical age identity", ErrMalformed)
	}
	if ageID.Recipient().String() != f["public key"] {
		return nil, fmt.Errorf("%w: public key line does not match the secret key", ErrMalformed)
	}
	id, err := assemble(unit, f["level"], name, f["site"], created, seed, keyID, ageID)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return id, nil
}

// parseKeyID reads the 16 uppercase hex digits that keyIDHex writes.
func parseKeyID(s string) ([8]byte, error) {
	var id [8]byte
	raw, err := hex.DecodeString(s)
	if err != nil || len(raw) != 8 || strings.ToUpper(s) != s {
		return id, fmt.Errorf("%w: key id %q is not 16 uppercase hex digits", ErrMalformed, s)
	}
	for i := range id { // big-endian digits of a little-endian integer
		id[i] = raw[7-i]
	}
	return id, nil
}

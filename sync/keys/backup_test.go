package keys_test

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"sokhuyenhoc/sync/keys"
)

func TestBackup_RoundTrip(t *testing.T) {
	id := MustGenerate(t, districtUnit, keys.LevelDistrict, `Quận "Ba Đình" # 1`)
	b := keys.MarshalBackup(id)
	got, err := keys.ParseBackup(b)
	if err != nil {
		t.Fatalf("ParseBackup: %v\n%s", err, b)
	}
	if !got.Public().Equal(id.Public()) || got.Site != id.Site || !got.Created.Equal(id.Created) {
		t.Errorf("ParseBackup = %+v, want %+v", got.Public(), id.Public())
	}
	sig, _ := got.Sign([]byte("m"), "c")
	if _, err := id.Public().Verify([]byte("m"), sig); err != nil {
		t.Errorf("restored key signs differently: %v", err)
	}
	if got.AgeIdentity().String() != id.AgeIdentity().String() {
		t.Error("restored age identity differs")
	}
	if !bytes.Equal(keys.MarshalBackup(got), b) {
		t.Error("backup does not re-encode to the same bytes")
	}
}

func TestParseBackup(t *testing.T) {
	id := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã Hòa Bình")
	good := string(keys.MarshalBackup(id))
	other := string(keys.MarshalBackup(MustGenerate(t, communeUnit, keys.LevelCommune, "Xã Hòa Bình")))
	line := func(s, prefix string) string {
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
		t.Fatalf("no line %q", prefix)
		return ""
	}
	swap := func(prefix string) []byte {
		return []byte(strings.Replace(good, line(good, prefix), line(other, prefix), 1))
	}
	drop := func(prefix string) []byte { return []byte(strings.Replace(good, line(good, prefix)+"\n", "", 1)) }
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"OK", []byte(good), nil},
		{"OK CRLF", []byte(strings.ReplaceAll(good, "\n", "\r\n")), nil},
		{"OK extra comment", []byte(good + "# kept in the safe\n"), nil},
		{"ErrTooLarge", []byte(good + strings.Repeat("#\n", keys.MaxFileBytes)), keys.ErrTooLarge},
		{"ErrMalformed empty", nil, keys.ErrMalformed},
		{"ErrMalformed plain age key file", []byte(line(good, "AGE-SECRET-KEY-1") + "\n"), keys.ErrMalformed},
		{"ErrUnsupported version 2", []byte(strings.Replace(good, "backup/1", "backup/2", 1)), keys.ErrUnsupported},
		{"ErrMalformed missing seed", drop("# ed25519-seed: "), keys.ErrMalformed},
		{"ErrMalformed missing secret", drop("AGE-SECRET-KEY-1"), keys.ErrMalformed},
		{"ErrMalformed two secrets", []byte(good + line(other, "AGE-SECRET-KEY-1") + "\n"), keys.ErrMalformed},
		{"ErrMalformed duplicate field", []byte(good + line(good, "# site: ") + "\n"), keys.ErrMalformed},
		{"ErrMalformed secret of another key", swap("AGE-SECRET-KEY-1"), keys.ErrMalformed},
		{"ErrMalformed bad seed", []byte(strings.Replace(good, line(good, "# ed25519-seed: "), "# ed25519-seed: AAAA", 1)), keys.ErrMalformed},
		{"ErrMalformed bad key id", []byte(strings.Replace(good, line(good, "# key-id: "), "# key-id: 12", 1)), keys.ErrMalformed},
		{"ErrMalformed bad unit", []byte(strings.Replace(good, "# unit: 2025:00004", "# unit: 2025:0004", 1)), keys.ErrMalformed},
		{"ErrMalformed bad name", []byte(strings.Replace(good, `# name: "Xã Hòa Bình"`, `# name: Xã Hòa Bình`, 1)), keys.ErrMalformed},
		{"ErrMalformed garbage line", []byte(good + "hello\n"), keys.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keys.ParseBackup(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseBackup: err = %v, want %v", err, tt.want)
			}
			if err == nil && !got.Public().Equal(id.Public()) {
				t.Errorf("ParseBackup = %+v, want %+v", got.Public(), id.Public())
			}
		})
	}
}

// TestBackup_StockAge checks that stock age decrypts with the backup file,
// and that age-encrypted data to the backup's recipient reads back in Go.
func TestBackup_StockAge(t *testing.T) {
	bin := lookTool(t, "age")
	id := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã Hòa Bình")
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.txt")
	writeFile(t, backup, keys.MarshalBackup(id))
	want := []byte("Nguyễn Văn A,2010\n")
	tests := []struct {
		name       string
		recipients []age.Recipient
	}{
		{"only this installation", []age.Recipient{id.AgeRecipient()}},
		{"upstream and this installation", []age.Recipient{
			MustGenerate(t, districtUnit, keys.LevelDistrict, "Quận").AgeRecipient(), id.AgeRecipient()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var enc bytes.Buffer
			w, err := age.Encrypt(&enc, tt.recipients...)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(want)
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "-d", "-i", backup)
			cmd.Stdin = &enc
			got, err := cmd.Output()
			if err != nil {
				t.Fatalf("age -d -i backup: %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("age -d = %q, want %q", got, want)
			}
		})
	}
	// And the reverse: stock age encrypting to the recipient.
	cmd := exec.Command(bin, "-r", id.Public().AgeRecipient)
	cmd.Stdin = bytes.NewReader(want)
	enc, err := cmd.Output()
	if err != nil {
		t.Fatalf("age -r: %v", err)
	}
	r, err := age.Decrypt(bytes.NewReader(enc), id.AgeIdentity())
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(r); !bytes.Equal(got, want) {
		t.Errorf("decrypted %q, want %q", got, want)
	}
}

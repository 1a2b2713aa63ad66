package bundle

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

var testNow = time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)

// fixture holds the keys of a test: a commune sending to its upstream.
type fixture struct {
	commune, district, stranger *keys.Identity
}

// MustFixture generates the three identities of a test.
func MustFixture(tb testing.TB) fixture {
	tb.Helper()
	gen := func(u units.Ref, level, name string) *keys.Identity {
		id, err := keys.Generate(u, level, name, testNow)
		if err != nil {
			tb.Fatal(err)
		}
		return id
	}
	return fixture{
		commune:  gen(units.Ref{List: "2025", Code: "00004"}, keys.LevelCommune, "Phường Ba Đình"),
		district: gen(units.Ref{List: "2024", Code: "001"}, keys.LevelDistrict, "Quận Ba Đình"),
		stranger: gen(units.Ref{List: "2025", Code: "00004"}, keys.LevelCommune, "Phường Ba Đình"),
	}
}

var citizenCols = []string{"ho_dem", "ten", "gender", "birth_year", "birth_date", "id_number", "phone",
	"ethnicity", "village", "group", "year", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10",
	"result", "decision_no", "decision_date"}

var (
	hoDem   = []string{"Nguyễn Văn", "Trần Thị", "Lê Hoàng", "Phạm Thị Thu", "Hoàng Đức", "Vũ Thị", "Đặng Quốc"}
	ten     = []string{"An", "Bình", "Châu", "Dũng", "Hòa", "Hương", "Khánh", "Lan", "Minh", "Ngọc", "Phúc", "Thảo"}
	village = []string{"Thôn Đông", "Thôn Đoài", "Tổ dân phố 3", "Xóm Chùa", "Thôn Thượng"}
)

// citizenRow returns a realistic row of the citizen register.
func citizenRow(rnd *rand.Rand, i int) Row {
	id := uuidV7(rnd)
	vals := []any{hoDem[rnd.IntN(len(hoDem))], ten[rnd.IntN(len(ten))], []string{"nam", "nu"}[rnd.IntN(2)],
		int64(1950 + rnd.IntN(55)), nil, fmt.Sprintf("0010%02d%06d", rnd.IntN(99), rnd.IntN(1e6)),
		fmt.Sprintf("09%08d", rnd.IntN(1e8)), "Kinh", village[rnd.IntN(len(village))], "Nông dân", int64(2025)}
	for range 10 {
		vals = append(vals, int64(5+rnd.IntN(6)))
	}
	vals = append(vals, "dat", fmt.Sprintf("%d/QĐ-UBND", 100+rnd.IntN(900)), "2025-06-15")
	r := Row{ID: id.String(), Unit: "2025:00004", Ver: Version{L: int64(1000 + i), S: "0123456789abcdef"}, Values: vals}
	if i%3 == 0 {
		r.Base = Version{L: int64(900 + i), S: "fedcba9876543210"}
	}
	if i%10 == 0 {
		r.Overrides = map[string]FieldVersion{"phone": {Ver: Version{L: int64(999 + i), S: "fedcba9876543210"},
			Sup: []Version{{L: 5, S: "0123456789abcdef"}}}}
	}
	return r
}

// uuidV7 returns a UUID with version 7 bits from rnd.
func uuidV7(rnd *rand.Rand) uuid.UUID {
	var u uuid.UUID
	binary.LittleEndian.PutUint64(u[:8], rnd.Uint64())
	binary.LittleEndian.PutUint64(u[8:], rnd.Uint64())
	u[6] = u[6]&0x0f | 0x70
	u[8] = u[8]&0x3f | 0x80
	return u
}

// fillRows returns a fill function writing n citizen rows and an empty award
// table, from a fixed seed.
func fillRows(n int) func(*PayloadWriter) error {
	return func(pw *PayloadWriter) error {
		rnd := rand.New(rand.NewPCG(1, 2))
		if err := pw.Table(Table{Kind: "citizen", Cols: citizenCols}); err != nil {
			return err
		}
		for i := range n {
			if err := pw.Row(citizenRow(rnd, i)); err != nil {
				return err
			}
		}
		return pw.Table(Table{Kind: "award", Cols: []string{"full_name", "amount_vnd"}})
	}
}

// baseManifest is what a caller gives Seal for the commune's bundle seq.
func baseManifest(seq int64) Manifest {
	m := Manifest{To: units.Ref{List: "2024", Code: "001"}, Seq: seq, Created: testNow}
	if seq > 1 {
		m.Prev = ManifestHashHex([]byte("previous"))
	}
	return m
}

// MustSeal seals a bundle from the commune to the district.
func MustSeal(tb testing.TB, f fixture, m Manifest, fill func(*PayloadWriter) error) ([]byte, Manifest) {
	tb.Helper()
	var out bytes.Buffer
	tmp, err := os.CreateTemp(tb.TempDir(), "payload")
	if err != nil {
		tb.Fatal(err)
	}
	defer tmp.Close()
	got, err := Seal(&out, tmp, m, f.commune, []age.Recipient{f.district.AgeRecipient()}, fill)
	if err != nil {
		tb.Fatalf("Seal: %v", err)
	}
	return out.Bytes(), got
}

// readAll runs the whole reading sequence and returns the items read and
// the first error (nil when the payload ended with io.EOF).
func readAll(data []byte, pub keys.PublicKey, id *age.X25519Identity) ([]Item, error) {
	b, err := Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	if err := b.VerifySignature(pub); err != nil {
		return nil, err
	}
	if err := b.VerifyPayload(); err != nil {
		return nil, err
	}
	pr, err := b.OpenPayload(id, 1<<30)
	if err != nil {
		return nil, err
	}
	defer pr.Close()
	var items []Item
	for {
		it, err := pr.Next()
		if errors.Is(err, io.EOF) {
			return items, nil
		}
		if err != nil {
			return items, err
		}
		items = append(items, it)
	}
}

// memFile is an in-memory io.ReadWriteSeeker for Seal's temporary payload.
type memFile struct {
	b   []byte
	off int64
}

func (f *memFile) Write(p []byte) (int, error) {
	if need := f.off + int64(len(p)); need > int64(len(f.b)) {
		f.b = append(f.b, make([]byte, need-int64(len(f.b)))...)
	}
	n := copy(f.b[f.off:], p)
	f.off += int64(n)
	return n, nil
}

func (f *memFile) Read(p []byte) (int, error) {
	if f.off >= int64(len(f.b)) {
		return 0, io.EOF
	}
	n := copy(p, f.b[f.off:])
	f.off += int64(n)
	return n, nil
}

func (f *memFile) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
		f.off = off
	case io.SeekCurrent:
		f.off += off
	case io.SeekEnd:
		f.off = int64(len(f.b)) + off
	}
	return f.off, nil
}

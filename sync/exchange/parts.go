package exchange

import (
	"context"
	"os"
	"path/filepath"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// MaxSources is how many source bundles one part names: a manifest has
// at most 64 KiB (bundle.MaxManifestSize), and 256 sources take 48 KiB at
// most. A district that imported more since its last export (a commune
// sending daily, a hostile one sending thousands) names the rest in parts
// of their own: an export never fails for what was received.
const MaxSources = 256

// makeParts seals the changed rows into bundles of at most MaxRows rows,
// numbered on from last, each recorded as made once read back intact. The
// source bundles come first, so that a receiver knows every installation
// they name before it reads a row: beyond MaxSources, the first parts
// carry only sources.
func makeParts(ctx context.Context, c *Config, s *sender, src *rowSource, last store.OutBundle,
	lseqTo, total int64, sources []bundle.Source) ([]store.OutBundle, error) {
	var made []store.OutBundle
	prev, seq := last.ManifestSHA256, last.Seq
	chunks := chunkSources(sources)
	for done := int64(0); done < total || len(chunks) > 0; {
		seq++
		m := bundle.Manifest{BundleID: newBundleID(), Created: c.now().UTC(), To: s.to, Seq: seq, Prev: prev}
		if len(chunks) > 0 {
			m.Sources, chunks = chunks[0], chunks[1:]
		}
		rows := c.maxRows()
		if len(chunks) > 0 {
			rows = 0 // more sources to name before the rows
		}
		b, err := sealPart(ctx, c, s, src, m, rows)
		if err != nil {
			return made, err
		}
		b.LseqFrom, b.LseqTo = last.LseqTo, last.LseqTo
		if done+b.Rows >= total && len(chunks) == 0 {
			b.LseqTo = lseqTo // only the last part moves the mark
		}
		if err := c.Store.RecordOut(ctx, b); err != nil {
			return made, err
		}
		made = append(made, b)
		done += b.Rows
		prev = b.ManifestSHA256
	}
	return made, nil
}

// chunkSources splits sources into parts' worth.
func chunkSources(sources []bundle.Source) [][]bundle.Source {
	var out [][]bundle.Source
	for len(sources) > MaxSources {
		out = append(out, sources[:MaxSources])
		sources = sources[MaxSources:]
	}
	if len(sources) > 0 {
		out = append(out, sources)
	}
	return out
}

// sealPart writes one bundle into the outbox: payload to a temporary file,
// the archive to a .partial file, synced, renamed, read back and verified.
func sealPart(ctx context.Context, c *Config, s *sender, src *rowSource, m bundle.Manifest, max int) (store.OutBundle, error) {
	name := bundle.FileName(s.level, s.id.Unit.Code, int(m.Seq), m.BundleID)
	final := filepath.Join(c.Outbox, name)
	tmp, err := os.CreateTemp(c.Outbox, "payload-*.tmp")
	if err != nil {
		return store.OutBundle{}, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	var rows int64
	err = writeAtomic(final, func(f *os.File) error {
		var err error
		m, err = bundle.Seal(f, tmp, m, s.id, s.recipients, func(pw *bundle.PayloadWriter) error {
			n, err := src.fill(ctx, pw, max)
			rows = n
			return err
		})
		return err
	})
	if err != nil {
		return store.OutBundle{}, err
	}
	pub := s.id.Public()
	hash, err := readBack(final, &pub)
	if err != nil {
		os.Remove(final)
		return store.OutBundle{}, err
	}
	return store.OutBundle{Seq: m.Seq, BundleID: m.BundleID, ManifestSHA256: hash, Rows: rows,
		File: final, Created: m.Created.Format("2006-01-02T15:04:05Z")}, nil
}

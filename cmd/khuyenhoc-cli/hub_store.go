package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"sokhuyenhoc/sync/hub"
)

func init() { commands = append(commands, hubStoreCommands...) }

// storageArgs documents the flags that choose a hub's storage.
const storageArgs = "[--index postgres://…] [--blobs s3://BUCKET/PREFIX] [--s3-endpoint URL] [--s3-region R] " +
	"[--s3-access-key ID --s3-secret-file F] [--s3-virtual-hosts]"

// hubStoreCommands move a hub's storage and check it.
var hubStoreCommands = []command{
	{words: []string{"hub", "migrate"}, args: "--from DIR --to-index postgres://… --to-blobs s3://BUCKET/PREFIX [--to-dir DIR] " +
		"[--s3-endpoint URL] [--s3-region R] [--s3-access-key ID --s3-secret-file F] [--s3-virtual-hosts]",
		run: cmdHubMigrate, flags: func(fs *flag.FlagSet) {
			fs.String("from", "", "")
			fs.String("to-index", "", "")
			fs.String("to-blobs", "", "")
			fs.String("to-dir", "", "")
			s3Flags(fs)
		}},
	{words: []string{"hub", "scrub"}, args: "--dir DIR " + storageArgs, run: cmdHubScrub,
		flags: func(fs *flag.FlagSet) {
			fs.String("dir", "", "")
			storageFlags(fs)
		}},
}

// storageFlags are the flags of a hub's storage: the index and the
// objects, by default hub.db and objects/ in --dir.
func storageFlags(fs *flag.FlagSet) {
	fs.String("index", "", "")
	fs.String("blobs", "", "")
	s3Flags(fs)
}

// s3Flags say how to reach the object store; what they leave out comes
// from the standard AWS environment variables and files.
func s3Flags(fs *flag.FlagSet) {
	fs.String("s3-endpoint", "", "")
	fs.String("s3-region", "", "")
	fs.String("s3-access-key", "", "")
	fs.String("s3-secret-file", "", "")
	fs.Bool("s3-virtual-hosts", false, "")
}

// storageConfig reads the storage flags for a hub folder.
func storageConfig(fs *flag.FlagSet, dir, index, blobs string) (hub.StorageConfig, error) {
	sc := hub.StorageConfig{Dir: dir, Index: index, Blobs: blobs, S3: hub.S3Options{Endpoint: str(fs, "s3-endpoint"),
		Region: str(fs, "s3-region"), AccessKey: str(fs, "s3-access-key"), VirtualHosts: boolean(fs, "s3-virtual-hosts")}}
	if f := str(fs, "s3-secret-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return sc, usageFail(fmt.Errorf("--s3-secret-file: %w", err))
		}
		sc.S3.SecretKey = strings.TrimSpace(string(b))
	}
	if (sc.S3.AccessKey == "") != (sc.S3.SecretKey == "") {
		return sc, usageErr("--s3-access-key ID --s3-secret-file F")
	}
	return sc, nil
}

func cmdHubMigrate(e *env, fs *flag.FlagSet, args []string) error {
	from, toDir := str(fs, "from"), str(fs, "to-dir")
	if from == "" || str(fs, "to-index") == "" && str(fs, "to-blobs") == "" || len(args) > 0 {
		return usageErr("--from DIR --to-index postgres://… --to-blobs s3://BUCKET/PREFIX")
	}
	if toDir == "" {
		if str(fs, "to-index") == "" || str(fs, "to-blobs") == "" {
			return usageErr("--to-dir DIR (where the target keeps what --to-index or --to-blobs does not name)")
		}
		tmp, err := os.MkdirTemp("", "hub-migrate-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		toDir = tmp
	}
	sc, err := storageConfig(fs, toDir, str(fs, "to-index"), str(fs, "to-blobs"))
	if err != nil {
		return err
	}
	src, err := hub.OpenFolder(e.ctx, from)
	if err != nil {
		return usageFail(fmt.Errorf("--from: %w", err))
	}
	defer src.Close()
	dst, err := hub.OpenStorage(e.ctx, sc)
	if err != nil {
		return usageFail(err)
	}
	defer dst.Close()
	rep, err := hub.Migrate(e.ctx, src, dst, func(r hub.MigrateReport) {
		e.say("Copied %d object(s) and %d index row(s) so far", r.Objects, r.Bundles)
	})
	if e.json {
		e.emit(map[string]any{"objects": rep.Objects, "bytes": rep.Bytes, "bundles": rep.Bundles, "rosters": rep.Rosters,
			"bad": nonNil(rep.Bad), "missing": nonNil(rep.Missing)})
	}
	for _, sha := range rep.Bad {
		e.say("DAMAGED object, not copied: %s", sha)
	}
	for _, sha := range rep.Missing {
		e.say("Index row whose object is missing or damaged, not copied: %s", sha)
	}
	e.say("Moved %d object(s) (%d bytes, each re-hashed), %d bundle row(s) with their receipts, %d roster(s)",
		rep.Objects, rep.Bytes, rep.Bundles, rep.Rosters)
	if err != nil {
		return storeExit(err)
	}
	e.say("Start the new hub with the same hub.key (copy %s/hub.key into each instance's --dir)", from)
	return nil
}

func cmdHubScrub(e *env, fs *flag.FlagSet, args []string) error {
	if str(fs, "dir") == "" || len(args) > 0 {
		return usageErr("--dir DIR")
	}
	sc, err := storageConfig(fs, str(fs, "dir"), str(fs, "index"), str(fs, "blobs"))
	if err != nil {
		return err
	}
	if sc.Blobs != "" { // the folder of a hub that keeps its objects elsewhere only stages bodies:
		tmp, err := os.MkdirTemp("", "hub-scrub-") // leave a running instance's tmp/ alone
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if sc.Index == "" {
			return usageErr("--index: a hub with --blobs keeps its index elsewhere too")
		}
		sc.Dir = tmp
	}
	st, err := hub.OpenStorage(e.ctx, sc)
	if err != nil {
		return usageFail(err)
	}
	defer st.Close()
	rep, err := hub.Scrub(e.ctx, st, func(r hub.ScrubReport) { e.say("Checked %d object(s) so far", r.Objects) })
	if e.json {
		e.emit(map[string]any{"objects": rep.Objects, "bytes": rep.Bytes, "rows": rep.Rows, "bad": nonNil(rep.Bad),
			"missing": nonNil(rep.Missing), "orphans": nonNil(rep.Orphans)})
	}
	for _, sha := range rep.Bad {
		e.say("DAMAGED object (its bytes are not its name): %s", sha)
	}
	for _, sha := range rep.Missing {
		e.say("Index row whose object is missing or of another size: %s", sha)
	}
	e.say("Checked %d object(s) (%d bytes) and %d index row(s): %d damaged, %d missing, %d without a row; nothing was changed",
		rep.Objects, rep.Bytes, rep.Rows, len(rep.Bad), len(rep.Missing), len(rep.Orphans))
	return storeExit(err)
}

// storeExit: 0 when all is well, 1 when objects are damaged or rows lack
// them, 2 when the storage could not be read or written.
func storeExit(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, hub.ErrDamaged):
		return rejected(err)
	}
	return usageFail(err)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

package hub

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sokhuyenhoc/data/atomicfile"
)

// OpenFolder opens the default storage in dir: objects/ab/<sha256>.khb,
// tmp/ for bodies being received (emptied here: a crash mid-upload leaves
// nothing behind) and hub.db.
func OpenFolder(ctx context.Context, dir string) (Storage, error) {
	return OpenStorage(ctx, StorageConfig{Dir: dir})
}

// folderBlobs keeps objects in a folder.
type folderBlobs struct {
	staging
	objects string
}

func openBlobs(dir string) (*folderBlobs, error) {
	st, err := openStaging(dir)
	if err != nil {
		return nil, err
	}
	b := &folderBlobs{staging: st, objects: filepath.Join(dir, "objects")}
	return b, os.MkdirAll(b.objects, 0o700)
}

// staging is the folder tmp/ where bodies are received, whatever keeps the
// objects: an upload is hashed and verified there before anything is
// published. It is emptied when the hub opens (a crash mid-upload leaves
// nothing behind).
type staging struct{ tmp string }

func openStaging(dir string) (staging, error) {
	st := staging{tmp: filepath.Join(dir, "tmp")}
	if err := os.RemoveAll(st.tmp); err != nil {
		return st, err
	}
	return st, os.MkdirAll(st.tmp, 0o700)
}

func (b *folderBlobs) path(sha string) (string, error) {
	if len(sha) != 64 || !isLowerHex(sha) {
		return "", fmt.Errorf("%w: object name %q", ErrNotFound, sha)
	}
	return filepath.Join(b.objects, sha[:2], sha+".khb"), nil
}

// stagedFile is a body being received, in tmp/.
type stagedFile struct{ *os.File }

func (s stagedFile) Discard() error {
	s.File.Close()
	err := os.Remove(s.Name())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

func (b staging) Stage() (Staged, error) {
	f, err := os.CreateTemp(b.tmp, "upload-*")
	if err != nil {
		return nil, err
	}
	return stagedFile{f}, nil
}

// Commit links the staged file under its name (a link never replaces an
// existing file), syncs the folder and removes the staged name.
func (b *folderBlobs) Commit(_ context.Context, s Staged, sha string) error {
	sf, ok := s.(stagedFile)
	if !ok {
		return fmt.Errorf("hub: staged by another storage: %T", s)
	}
	defer sf.Discard()
	dst, err := b.path(sha)
	if err != nil {
		return err
	}
	if err := sf.Sync(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	if err := os.Link(sf.Name(), dst); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	atomicfile.SyncDir(filepath.Dir(dst))
	return nil
}

// folderBlob is an open object.
type folderBlob struct {
	*os.File
	size int64
}

func (f folderBlob) Size() int64 { return f.size }

func (b *folderBlobs) OpenBlob(_ context.Context, sha string) (Blob, error) {
	p, err := b.path(sha)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: object %s", ErrNotFound, sha)
	}
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return folderBlob{f, st.Size()}, nil
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return s != ""
}

// Walk calls fn with every object's name.
func (b *folderBlobs) Walk(ctx context.Context, fn func(sha string) error) error {
	return filepath.WalkDir(b.objects, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		name, ok := strings.CutSuffix(d.Name(), ".khb")
		if !ok || len(name) != 64 || !isLowerHex(name) || filepath.Base(filepath.Dir(p)) != name[:2] {
			return nil // not an object: left alone
		}
		return fn(name)
	})
}

// PingBlobs checks that the objects folder is there.
func (b *folderBlobs) PingBlobs(context.Context) error {
	_, err := os.Stat(b.objects)
	return err
}

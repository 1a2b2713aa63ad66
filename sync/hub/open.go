package hub

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// StorageConfig says where a hub keeps its objects and its index.
type StorageConfig struct {
	Dir   string    // the hub's folder: tmp/ always; objects/ and hub.db unless told otherwise
	Index string    // "" for hub.db in Dir, or a postgres:// URL
	Blobs string    // "" for objects/ in Dir, or s3://bucket/prefix
	S3    S3Options // how to reach the object store
}

// OpenStorage opens the objects and the index a StorageConfig names. Any
// pairing works: a folder with PostgreSQL, a bucket with the SQLite file,
// or both remote (what several instances need).
func OpenStorage(ctx context.Context, sc StorageConfig) (Storage, error) {
	if sc.Dir == "" {
		return nil, ErrNoDir
	}
	var blobs Blobs
	var err error
	switch {
	case sc.Blobs == "":
		blobs, err = openBlobs(sc.Dir)
	case strings.HasPrefix(sc.Blobs, "s3://"):
		blobs, err = OpenS3(ctx, sc.Blobs, sc.Dir, sc.S3)
	default:
		err = fmt.Errorf("hub: %q is not an s3://bucket/prefix address", sc.Blobs)
	}
	if err != nil {
		return nil, err
	}
	var ix Index
	switch {
	case sc.Index == "":
		ix, err = openIndex(ctx, filepath.Join(sc.Dir, "hub.db"))
	case strings.HasPrefix(sc.Index, "postgres://") || strings.HasPrefix(sc.Index, "postgresql://"):
		ix, err = OpenPostgres(ctx, sc.Index)
	default:
		err = fmt.Errorf("hub: %q is not a postgres:// address", redact(sc.Index))
	}
	if err != nil {
		closeAll(blobs)
		return nil, err
	}
	return combined{blobs, ix}, nil
}

// combined is a Storage made of any Blobs and any Index.
type combined struct {
	Blobs
	Index
}

func (c combined) Close() error { return closeAll(c.Blobs, c.Index) }

func closeAll(parts ...any) error {
	var errs []error
	for _, p := range parts {
		if c, ok := p.(interface{ Close() error }); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// redact drops a password from an address before it is shown.
func redact(s string) string {
	if at := strings.LastIndex(s, "@"); at > 0 {
		if scheme := strings.Index(s, "://"); scheme >= 0 && scheme < at {
			return s[:scheme+3] + "…" + s[at:]
		}
	}
	return s
}

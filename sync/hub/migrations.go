package hub

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// migrationFiles holds the index schema's numbered steps, one folder per
// database: NNNN_name.sql, applied in order, each in its own transaction,
// the version recorded with it (SQLite: PRAGMA user_version; PostgreSQL:
// the schema_version table).
//
//go:embed migrations
var migrationFiles embed.FS

// migration is one numbered step of the schema.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the steps of one database's schema, checking that they
// are numbered 1, 2, 3… without a gap.
func migrations(db string) ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/"+db+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for n, name := range names {
		base := strings.TrimPrefix(name, "migrations/"+db+"/")
		prefix, _, _ := strings.Cut(base, "_")
		if v, err := strconv.Atoi(prefix); err != nil || v != n+1 {
			return nil, fmt.Errorf("hub: migration %s is numbered %q, want %d", name, prefix, n+1)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: n + 1, name: base, sql: string(b)})
	}
	return out, nil
}

// pending returns the steps above version have, or ErrNewerIndex when the
// index is of a newer hub than this one.
func pending(steps []migration, have int) ([]migration, error) {
	if have > len(steps) {
		return nil, fmt.Errorf("%w (version %d)", ErrNewerIndex, have)
	}
	return steps[have:], nil
}

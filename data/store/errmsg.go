package store

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"sokhuyenhoc/data/msg"
)

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too. SQLite's
// own failures are causes, told by their result codes: another program
// holding the database (the command line importing, a second window), a
// read-only or full disk, a damaged file.
func init() {
	msg.Sentinels("data/store", map[string]error{
		"ErrNotBackup": ErrNotBackup, "ErrDamaged": ErrDamaged, "ErrOtherUnit": ErrOtherUnit, "ErrInUse": ErrInUse,
		"ErrNoConflict": ErrNoConflict, "ErrSeqTaken": ErrSeqTaken, "ErrUnknownKey": ErrUnknownKey,
		"ErrRevokedKey": ErrRevokedKey, "ErrNotFound": ErrNotFound, "ErrBadRow": ErrBadRow,
		"ErrNotSetUp": ErrNotSetUp, "ErrAlreadySet": ErrAlreadySet, "ErrNewerSchema": ErrNewerSchema,
		"ErrVillageTaken": ErrVillageTaken, "ErrNoSuchCitizen": ErrNoSuchCitizen, "ErrNoSuchClan": ErrNoSuchClan,
		"ErrIDTaken": ErrIDTaken, "ErrRequiredArg": ErrRequiredArg, "ErrRule": ErrRule, "ErrDerivedID": ErrDerivedID,
		"ErrNoSubject": ErrNoSubject, "ErrRequestKind": ErrRequestKind, "ErrPurged": ErrPurged, "ErrNotPerson": ErrNotPerson,
		"ErrDeadline": ErrDeadline,
	})
	msg.Cause("sqlite.Busy", sqliteCode(sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED), nil)
	msg.Cause("sqlite.ReadOnly", sqliteCode(sqlite3.SQLITE_READONLY), nil)
	msg.Cause("sqlite.Full", sqliteCode(sqlite3.SQLITE_FULL), nil)
	msg.Cause("sqlite.IOErr", sqliteCode(sqlite3.SQLITE_IOERR), nil)
	msg.Cause("sqlite.Corrupt", sqliteCode(sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB), nil)
	msg.Cause("sqlite.CantOpen", sqliteCode(sqlite3.SQLITE_CANTOPEN), nil)
}

// sqliteCode tests for an SQLite error whose primary result code is one of
// codes (the extended codes carry it in their low byte).
func sqliteCode(codes ...int) func(error) bool {
	return func(err error) bool {
		var e *sqlite.Error
		if !errors.As(err, &e) {
			return false
		}
		for _, c := range codes {
			if e.Code()&0xff == c {
				return true
			}
		}
		return false
	}
}

package exchange

import "sokhuyenhoc/data/msg"

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too.
func init() {
	msg.Sentinels("sync/exchange", map[string]error{
		"ErrNothing": ErrNothing, "ErrNoUpstream": ErrNoUpstream, "ErrUnknownKey": ErrUnknownKey,
		"ErrRevokedKey": ErrRevokedKey, "ErrWrongUnit": ErrWrongUnit, "ErrNotAddressed": ErrNotAddressed,
		"ErrEquivocation": ErrEquivocation, "ErrOwnBundle": ErrOwnBundle, "ErrVerifyCopy": ErrVerifyCopy,
		"ErrNoSuchSeq": ErrNoSuchSeq, "ErrRowOutOfScope": ErrRowOutOfScope, "ErrAfterImport": ErrAfterImport,
		"ErrNotKept": ErrNotKept, "ErrBadSource": ErrBadSource,
		// What a sender with a genuine key may not send.
		"ErrInvalidRow": ErrInvalidRow, "ErrUnknownTable": ErrUnknownTable, "ErrDerivedID": ErrDerivedID,
		"ErrNoParent": ErrNoParent, "ErrDuplicateRow": ErrDuplicateRow, "ErrIDTaken": ErrIDTaken,
		"ErrClockAhead": ErrClockAhead, "ErrBadVersion": ErrBadVersion, "ErrForeignSite": ErrForeignSite,
		"ErrSeqJump": ErrSeqJump, "ErrSecondSite": ErrSecondSite, "ErrSiteTaken": ErrSiteTaken,
		"ErrBadSources": ErrBadSources, "ErrReplacedKey": ErrReplacedKey, "ErrBadRotation": ErrBadRotation,
		"ErrOverBudget": ErrOverBudget, "ErrNotRegular": ErrNotRegular, "ErrTimeout": ErrTimeout,
		"ErrNotAccepted": ErrNotAccepted,
		// Personal data (purge.go, scrub.go).
		"ErrErased": ErrErased,
		// Signed statements of consolidation (statements.go, submit.go, notice.go).
		"ErrStatementMalformed": ErrStatementMalformed, "ErrStatementForged": ErrStatementForged,
		"ErrStatementReplayed": ErrStatementReplayed, "ErrStatementScope": ErrStatementScope,
		"ErrPeriodApproved": ErrPeriodApproved, "ErrNotBelow": ErrNotBelow, "ErrNoNotice": ErrNoNotice,
	})
}

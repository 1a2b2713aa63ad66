package main

import "flag"

// commands lists every verb; the longest matching word sequence wins.
var commands = []command{
	{words: []string{"init"}, args: "--level commune|district|province --unit CODE [--list 2025|2024] [--operator NAME] [--upstream FILE.khkey] [--new-passphrase-file FILE]",
		run: cmdInit, flags: func(fs *flag.FlagSet) {
			fs.String("level", "", "")
			fs.String("unit", "", "")
			fs.String("list", "2025", "")
			fs.String("operator", "", "")
			fs.String("upstream", "", "")
			fs.String("new-passphrase-file", "", "")
		}},
	{words: []string{"keys", "show"}, run: cmdKeysShow},
	{words: []string{"keys", "export"}, args: "--out FILE.khkey", run: cmdKeysExport,
		flags: func(fs *flag.FlagSet) { fs.String("out", "", "") }},
	{words: []string{"keys", "upstream"}, args: "FILE.khkey", run: cmdKeysUpstream},
	{words: []string{"keys", "trust"}, args: "FILE.khkey [--fingerprint FP]", run: cmdKeysTrust,
		flags: func(fs *flag.FlagSet) { fs.String("fingerprint", "", "") }},
	{words: []string{"keys", "revoke"}, args: "FINGERPRINT", run: cmdKeysRevoke},
	{words: []string{"keys", "list"}, run: cmdKeysList},
	{words: []string{"keys", "rotate"}, run: cmdKeysRotate},
	{words: []string{"keys", "backup"}, args: "--out FILE [--backup-passphrase-file FILE]", run: cmdKeysBackup,
		flags: func(fs *flag.FlagSet) {
			fs.String("out", "", "")
			fs.String("backup-passphrase-file", "", "")
		}},
	{words: []string{"keys", "restore"}, args: "FILE [--operator NAME] [--backup-passphrase-file FILE] [--new-passphrase-file FILE]", run: cmdKeysRestore,
		flags: func(fs *flag.FlagSet) {
			fs.String("operator", "", "")
			fs.String("backup-passphrase-file", "", "")
			fs.String("new-passphrase-file", "", "")
		}},
	{words: []string{"keys", "passphrase"}, args: "[--new-passphrase-file FILE]", run: cmdKeysPassphrase,
		flags: func(fs *flag.FlagSet) { fs.String("new-passphrase-file", "", "") }},
	{words: []string{"backup"}, args: "--out FILE", run: cmdBackup,
		flags: func(fs *flag.FlagSet) { fs.String("out", "", "") }},
	{words: []string{"restore"}, args: "FILE", run: cmdRestore},
	{words: []string{"records", "import"}, args: "--kind citizen|centre|award|fund|family|clan|community|unit|branch|activity FILE.csv|FILE.xlsx [--skip-bad] [--clear-empty] [--dry-run]",
		run: cmdRecordsImport, flags: func(fs *flag.FlagSet) {
			fs.String("kind", "", "")
			fs.Bool("skip-bad", false, "")
			fs.Bool("clear-empty", false, "")
			fs.Bool("dry-run", false, "")
		}},
	{words: []string{"records", "list"}, args: "--kind K [--search TEXT] [--year Y] [--period P] [--limit N]",
		run: cmdRecordsList, flags: func(fs *flag.FlagSet) {
			fs.String("kind", "", "")
			fs.String("search", "", "")
			fs.Int("year", 0, "")
			fs.String("period", "", "") // branches: their members in this half-year or year
			fs.Int("limit", 0, "")
		}},
	{words: []string{"records", "export"}, args: "--kind K --out FILE.xlsx|FILE.pdf|FILE.csv [--format list|data] [--year Y] [--chairman NAME]",
		run: cmdRecordsExport, flags: func(fs *flag.FlagSet) {
			fs.String("kind", "", "")
			fs.String("out", "", "")
			fs.String("format", "", "")
			fs.Int("year", 0, "")
			fs.String("chairman", "", "")
		}},
	{words: []string{"criteria", "list"}, args: "[--model citizen|family|clan|community|unit]", run: cmdCriteriaList,
		flags: func(fs *flag.FlagSet) { fs.String("model", "", "") }},
	{words: []string{"criteria", "show"}, args: "MODEL [VERSION]", run: cmdCriteriaShow},
	{words: []string{"criteria", "install"}, args: "FILE.json [--use]", run: cmdCriteriaInstall,
		flags: func(fs *flag.FlagSet) { fs.Bool("use", false, "") }},
	{words: []string{"criteria", "use"}, args: "MODEL VERSION", run: cmdCriteriaUse},
	{words: []string{"profile", "set"}, args: "--year Y --adults N", run: cmdProfileSet,
		flags: func(fs *flag.FlagSet) {
			fs.Int("year", 0, "")
			fs.String("adults", "", "")
		}},
	{words: []string{"bundle", "export"}, args: "--out DIR [--from-seq N]", run: cmdBundleExport,
		flags: func(fs *flag.FlagSet) {
			fs.String("out", "", "")
			fs.Int("from-seq", 0, "")
		}},
	{words: []string{"bundle", "verify"}, args: "FILE|DIR...", run: cmdBundleVerify},
	{words: []string{"bundle", "import"}, args: "FILE|DIR...", run: cmdBundleImport},
	{words: []string{"bundle", "held"}, run: cmdBundleHeld},
	{words: []string{"bundle", "status"}, args: "[--overdue-days N] [--all]", run: cmdBundleStatus,
		flags: func(fs *flag.FlagSet) {
			fs.Int("overdue-days", 45, "")
			fs.Bool("all", false, "")
		}},
	{words: []string{"approve"}, args: "--unit CODE --year Y|--period P [--undo]", run: cmdApprove,
		flags: func(fs *flag.FlagSet) {
			fs.String("unit", "", "")
			fs.Int("year", 0, "")
			fs.String("period", "", "")
			fs.Bool("undo", false, "")
		}},
	{words: []string{"bundle", "retry"}, args: "[--accept MANIFEST_SHA256]", run: cmdBundleRetry,
		flags: func(fs *flag.FlagSet) { fs.String("accept", "", "") }},
	{words: []string{"bundle", "budget"}, args: "[--bundle-rows N] [--bundle-mib N] [--period-rows N] [--period-mib N] [--period-days N]",
		run: cmdBundleBudget, flags: func(fs *flag.FlagSet) {
			for _, f := range []string{"bundle-rows", "bundle-mib", "period-rows", "period-mib", "period-days"} {
				fs.Int(f, 0, "")
			}
		}},
	{words: []string{"conflicts", "list"}, run: cmdConflictsList},
	{words: []string{"conflicts", "resolve"}, args: "KIND ID FIELD SITE keep|take", run: cmdConflictsResolve},
	{words: []string{"report"}, args: "(--year Y | --period 2026-H1|2026|2026-01-01..2026-08-18) [--compare] [--unit CODE] --out FILE.xlsx|FILE.pdf|FILE.csv|FILE.json [--number N] [--chairman NAME] [--parent TEXT]",
		run: cmdReport, flags: func(fs *flag.FlagSet) {
			fs.Int("year", 0, "")
			fs.String("period", "", "")
			fs.Bool("compare", false, "")
			fs.String("unit", "", "")
			fs.String("out", "", "")
			fs.String("number", "", "")
			fs.String("chairman", "", "")
			fs.String("parent", "", "")
		}},
	{words: []string{"print", "certificates"}, args: "--year Y --out FILE.pdf [--kind citizen|award] [--decision NO] [--decision-date D] [--signer NAME] [--template FILE]",
		run: cmdPrintCertificates, flags: printFlags},
	{words: []string{"print", "template"}, args: "[--out FILE]", run: cmdPrintTemplate,
		flags: func(fs *flag.FlagSet) { fs.String("out", "", "") }},
	// Personal data (privacy.go, docs/privacy.md).
	{words: []string{"consent", "add"}, args: "--id RECORD --by guardian|child|self [--name NAME] [--on DATE] [--keep co|khong] [--upward co|khong] [--publish co|khong] [--note TEXT]",
		run: cmdConsentAdd, flags: func(fs *flag.FlagSet) {
			for _, f := range []string{"id", "by", "name", "on", "keep", "upward", "publish", "note"} {
				fs.String(f, "", "")
			}
		}},
	{words: []string{"consent", "withdraw"}, args: "--consent ID [--on DATE]", run: cmdConsentWithdraw,
		flags: func(fs *flag.FlagSet) { fs.String("consent", "", ""); fs.String("on", "", "") }},
	{words: []string{"consent", "list"}, args: "--id RECORD", run: cmdConsentList,
		flags: func(fs *flag.FlagSet) { fs.String("id", "", "") }},
	{words: []string{"consent", "status"}, run: cmdConsentStatus},
	{words: []string{"consent", "policy"}, args: "[required|recorded]", run: cmdConsentPolicy},
	{words: []string{"person", "find"}, args: "TEXT", run: cmdPersonFind},
	{words: []string{"person", "export"}, args: "--id ID [--id ID …] --out FILE.pdf|FILE.xlsx|FILE.json [--requester NAME] [--received DATE]",
		run: cmdPersonExport, flags: func(fs *flag.FlagSet) {
			fs.Var(&ids{}, "id", "")
			fs.String("out", "", "")
			fs.String("requester", "", "")
			fs.String("received", "", "")
		}},
	{words: []string{"person", "requests"}, run: cmdPersonRequests},
	{words: []string{"purge"}, args: "--id ID [--requester NAME] [--received DATE]", run: cmdPurge,
		flags: func(fs *flag.FlagSet) {
			fs.String("id", "", "")
			fs.String("requester", "", "")
			fs.String("received", "", "")
		}},
	{words: []string{"privacy", "retention"}, args: "[--outbox-days N] [--purge-marks-days N]", run: cmdPrivacyRetention,
		flags: func(fs *flag.FlagSet) { fs.Int("outbox-days", -1, ""); fs.Int("purge-marks-days", -1, "") }},
	{words: []string{"privacy", "sweep"}, run: cmdPrivacySweep},
}

func str(fs *flag.FlagSet, name string) string { return fs.Lookup(name).Value.String() }

func num(fs *flag.FlagSet, name string) int {
	return fs.Lookup(name).Value.(flag.Getter).Get().(int)
}

func boolean(fs *flag.FlagSet, name string) bool {
	return fs.Lookup(name).Value.(flag.Getter).Get().(bool)
}

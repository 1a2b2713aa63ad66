package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/upload"
)

func init() { commands = append(commands, hubCommands...) }

// hubCommands are the verbs of the hub and its client.
var hubCommands = []command{
	{words: []string{"hub", "serve"}, args: "--addr HOST:PORT --dir DIR --trust FILE.khkey... [--tls-cert F --tls-key F] [--max-body-mib N] [--per-client N] [--rate R] [--per-unit N] [--min-rate-kib N] [--quota-mib-day N] [--quota-bundles-day N] " + storageArgs,
		run: cmdHubServe, flags: func(fs *flag.FlagSet) {
			fs.String("addr", "", "")
			fs.String("dir", "", "")
			fs.Var(&fileList{}, "trust", "")
			fs.String("tls-cert", "", "")
			fs.String("tls-key", "", "")
			fs.Int("max-body-mib", hub.DefaultMaxBody>>20, "")
			fs.Int("per-client", hub.DefaultPerClient, "")
			fs.Float64("rate", hub.DefaultRate, "")
			fs.Int("per-unit", hub.DefaultPerUnit, "")
			fs.Int("min-rate-kib", hub.DefaultMinRate>>10, "")
			fs.Int("quota-mib-day", hub.DefaultQuotaBytes>>20, "")
			fs.Int("quota-bundles-day", hub.DefaultQuotaBundles, "")
			storageFlags(fs)
		}},
	{words: []string{"upload"}, args: "[--hub URL] [--hub-key KEY] [--ca FILE.pem]", run: cmdUpload, flags: hubFlags},
	{words: []string{"pull"}, args: "[--hub URL] [--hub-key KEY] [--ca FILE.pem] [--import]", run: cmdPull,
		flags: func(fs *flag.FlagSet) {
			hubFlags(fs)
			fs.Bool("import", false, "")
		}},
	{words: []string{"receipts", "write"}, args: "--for UNIT --out DIR", run: cmdReceiptsWrite,
		flags: func(fs *flag.FlagSet) {
			fs.String("for", "", "")
			fs.String("out", "", "")
		}},
	{words: []string{"receipts", "import"}, args: "FILE.khr...", run: cmdReceiptsImport},
}

// fileList is a flag that may be given several times.
type fileList []string

func (l *fileList) String() string     { return strings.Join(*l, ",") }
func (l *fileList) Set(v string) error { *l = append(*l, v); return nil }

func hubFlags(fs *flag.FlagSet) {
	fs.String("hub", "", "")
	fs.String("hub-key", "", "")
	fs.String("ca", "", "")
}

func cmdHubServe(e *env, fs *flag.FlagSet, args []string) error {
	cfg, err := e.hubConfig(fs, args)
	if err != nil {
		return err
	}
	cert, key := str(fs, "tls-cert"), str(fs, "tls-key")
	if (cert == "") != (key == "") {
		return usageErr("--tls-cert F --tls-key F")
	}
	h, err := hub.Open(e.ctx, cfg)
	if err != nil {
		return err
	}
	defer h.Close()
	ln, err := net.Listen("tcp", str(fs, "addr"))
	if err != nil {
		return usageFail(fmt.Errorf("--addr: %w", err))
	}
	scheme := map[bool]string{false: "http", true: "https"}[cert != ""]
	url := scheme + "://" + ln.Addr().String()
	if e.json {
		e.emit(map[string]any{"url": url, "hub_key": h.Key().String(), "key_id": h.Key().KeyID(), "dir": cfg.Dir})
	} else {
		fmt.Fprintln(e.out, url)
	}
	e.say("Hub listening on %s; receipts are signed with key %s", url, h.Key().String())
	if err := h.Serve(e.ctx, ln, cert, key); err != nil {
		return err
	}
	e.say("Hub stopped")
	return nil
}

// hubConfig reads the hub's flags and the trusted keys (--trust, and any
// .khkey file named after the flags).
func (e *env) hubConfig(fs *flag.FlagSet, args []string) (hub.Config, error) {
	cfg := hub.Config{Dir: str(fs, "dir"), MaxBody: int64(num(fs, "max-body-mib")) << 20,
		PerClient: num(fs, "per-client"), Rate: fs.Lookup("rate").Value.(flag.Getter).Get().(float64),
		PerUnit: num(fs, "per-unit"), MinRate: int64(num(fs, "min-rate-kib")) << 10,
		QuotaBytes: int64(num(fs, "quota-mib-day")) << 20, QuotaCount: num(fs, "quota-bundles-day")}
	if cfg.Dir == "" || str(fs, "addr") == "" {
		return cfg, usageErr("--addr HOST:PORT --dir DIR")
	}
	files := *fs.Lookup("trust").Value.(*fileList)
	for _, a := range args {
		if !strings.HasSuffix(strings.ToLower(a), ".khkey") {
			return cfg, usageErr("%s: %s", e.t("not a .khkey file"), a)
		}
		files = append(files, a)
	}
	if len(files) == 0 {
		return cfg, usageErr("--trust FILE.khkey")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return cfg, usageFail(err)
		}
		k, err := keys.ParsePublic(b)
		if err != nil {
			return cfg, usageFail(fmt.Errorf("%s: %w", f, err))
		}
		cfg.Trust = append(cfg.Trust, k)
	}
	handler := slog.Handler(slog.NewTextHandler(e.errw, nil))
	if e.json {
		handler = slog.NewJSONHandler(e.errw, nil)
	}
	cfg.Log = slog.New(handler)
	sc, err := storageConfig(fs, cfg.Dir, str(fs, "index"), str(fs, "blobs"))
	if err != nil {
		return cfg, err
	}
	cfg.Storage = func() (hub.Storage, error) { return hub.OpenStorage(e.ctx, sc) }
	return cfg, nil
}

// hubClient connects to the installation's hub, pinning its key.
func (e *env) hubClient(fs *flag.FlagSet) (*upload.Client, error) {
	o := upload.ConnectOptions{URL: str(fs, "hub"), Key: str(fs, "hub-key")}
	if ca := str(fs, "ca"); ca != "" {
		b, err := os.ReadFile(ca)
		if err != nil {
			return nil, usageFail(err)
		}
		o.CA = b
	}
	c, err := upload.Connect(e.ctx, e.st, o)
	if err != nil {
		return nil, usageFail(err)
	}
	return c, nil
}

// cliRetry retries a bundle the hub could not take a few times.
var cliRetry = upload.Retry{Attempts: 4, Backoff: upload.Backoff{Min: 500 * time.Millisecond, Max: 8 * time.Second}}

func cmdUpload(e *env, fs *flag.FlagSet, args []string) error {
	if len(args) > 0 {
		return usageErr("%s", strings.Join(args, " "))
	}
	ex, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	c, err := e.hubClient(fs)
	if err != nil {
		return err
	}
	said := map[int64]string{} // what each bundle not sent reads as, by its number
	rep, err := upload.Send(e.ctx, ex, c, upload.SendOptions{Make: true, Retry: cliRetry,
		Progress: func(s upload.Sent) { said[s.Seq] = e.saySent(s) }})
	exit := uploadExit(err)
	if e.json && !isUsage(exit) { // on exit 2 the error document is the one JSON document
		list := []map[string]any{}
		for _, s := range rep.Sent {
			list = append(list, sentJSON(s, said[s.Seq]))
		}
		e.emit(map[string]any{"hub": c.URL(), "made": rep.Made, "bundles": list, "pending": rep.Pending})
	}
	switch {
	case err == nil && len(rep.Sent) == 0:
		e.say("Nothing to upload: every bundle has a receipt")
	case err == nil:
		e.say("%d bundle(s) uploaded; every bundle has a receipt", len(rep.Sent))
	default:
		e.say("%d bundle(s) still without a receipt", rep.Pending)
	}
	return exit
}

func isUsage(err error) bool {
	var ex *exitError
	return errors.As(err, &ex) && ex.code == exitUsage
}

// uploadExit: 0 when every bundle has a receipt, 1 when the hub refused
// one, 2 when it could not be reached.
func uploadExit(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, upload.ErrRefused) || errors.Is(err, upload.ErrBadReceipt) || errors.Is(err, upload.ErrBadDownload):
		return rejected(err)
	}
	return usageFail(err)
}

// saySent tells what became of one bundle sent; it returns the sentence of
// its error ("" when it was sent).
func (e *env) saySent(s upload.Sent) string {
	name := filepath.Base(s.File)
	e.event("upload", nil, "file", name, "seq", s.Seq, "duplicate", s.Receipt.Duplicate, "equivocal", s.Receipt.Equivocal,
		"sent", s.Err == nil)
	said := ""
	switch {
	case s.Err != nil:
		said = e.explain(s.Err)
		e.say("%s: not sent: %s", name, said)
	case s.Receipt.Duplicate:
		e.say("%s: the hub had it already; receipt recorded", name)
	default:
		e.say("%s: uploaded; receipt recorded", name)
	}
	if s.Err == nil && s.Receipt.Equivocal {
		e.say("%s: WARNING: the hub holds another bundle with the same number (a copied installation?)", name)
	}
	return said
}

// sentJSON is one bundle sent, with the sentence said of its error.
func sentJSON(s upload.Sent, said string) map[string]any {
	m := map[string]any{"seq": s.Seq, "file": s.File, "status": "acked", "duplicate": s.Receipt.Duplicate,
		"equivocal": s.Receipt.Equivocal}
	if s.Err != nil {
		m["status"], m["error"], m["message"] = "unsent", s.Err.Error(), said
	}
	return m
}

func cmdPull(e *env, fs *flag.FlagSet, args []string) error {
	if len(args) > 0 {
		return usageErr("%s", strings.Join(args, " "))
	}
	ex, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	c, err := e.hubClient(fs)
	if err != nil {
		return err
	}
	inbox := e.folders().Inbox
	rep, err := upload.Pull(e.ctx, ex, c, upload.PullOptions{Inbox: inbox, Import: boolean(fs, "import")})
	if rep.RosterSent {
		e.say("Roster handed to the hub: version %d, %d unit(s) enrolled", rep.Roster.Version, rep.Roster.Keys)
	}
	exit := uploadExit(err)
	if err != nil && rep.Listed == 0 {
		return exit
	}
	e.say("%d bundle(s) at the hub for this unit, %d already here, %d downloaded", rep.Listed, rep.Known, len(rep.Files))
	for _, f := range rep.Failed {
		e.say("Not downloaded: %s", e.explain(f))
	}
	if perr := e.pullResult(c, rep, !isUsage(exit)); exit == nil {
		return perr
	}
	return exit
}

// pullResult prints the files fetched and, after an import, each outcome;
// with --json, one document when emit.
func (e *env) pullResult(c *upload.Client, rep upload.PullReport, emit bool) error {
	bad := 0
	list := []map[string]any{}
	for _, o := range rep.Outcomes {
		if !o.OK() {
			bad++
		}
		list = append(list, e.outcome(o))
	}
	files := append([]string{}, rep.Files...)
	if e.json && emit {
		e.emit(map[string]any{"hub": c.URL(), "roster": rep.Roster, "roster_sent": rep.RosterSent, "listed": rep.Listed,
			"known": rep.Known, "files": files, "bundles": list, "refused": bad,
			"notices_sent": rep.NoticesSent, "notices": rep.Notices})
	} else if !e.json {
		for _, f := range files {
			fmt.Fprintln(e.out, f)
		}
		e.sayNotices(rep.NoticesSent, rep.Notices.New)
	}
	if bad > 0 {
		return refused("%d %s", bad, e.t("bundle(s) refused"))
	}
	return nil
}

func cmdReceiptsWrite(e *env, fs *flag.FlagSet, args []string) error {
	unit, dir := str(fs, "for"), str(fs, "out")
	if unit == "" || dir == "" || len(args) > 0 {
		return usageErr("--for UNIT --out DIR")
	}
	in, err := e.installation()
	if err != nil {
		return err
	}
	if !strings.Contains(unit, ":") {
		unit = strings.SplitN(in.Unit, ":", 2)[0] + ":" + unit
	}
	path, n, err := upload.WriteReceipt(e.ctx, e.st, unit, dir, time.Now())
	if err != nil {
		return rejected(err)
	}
	if e.json {
		return e.emit(map[string]any{"file": path, "for": unit, "bundles": n})
	}
	fmt.Fprintln(e.out, path)
	e.say("Receipt for %s written to %s (%d bundle(s))", unit, path, n)
	return nil
}

func cmdReceiptsImport(e *env, _ *flag.FlagSet, args []string) error {
	if len(args) == 0 {
		return usageErr("FILE.khr...")
	}
	if _, err := e.installation(); err != nil {
		return err
	}
	bad := 0
	list := []map[string]any{}
	for _, f := range args {
		m, err := e.importReceipt(f)
		if err != nil {
			bad++
		}
		list = append(list, m)
	}
	if e.json {
		e.emit(map[string]any{"receipts": list, "refused": bad})
	}
	if bad > 0 {
		return refused("%d %s", bad, e.t("receipt(s) refused"))
	}
	return nil
}

func (e *env) importReceipt(path string) (map[string]any, error) {
	m := map[string]any{"file": path}
	b, err := os.ReadFile(path)
	var rep upload.AckReport
	if err == nil {
		rep, err = upload.ImportReceipt(e.ctx, e.st, b)
	}
	name := filepath.Base(path)
	if err != nil {
		said := e.explain(err)
		m["status"], m["error"], m["message"] = "refused", err.Error(), said
		e.say("%s: refused: %s", name, said)
		return m, err
	}
	m["status"], m["issuer"], m["acked"], m["already"], m["unknown"] = "imported", rep.Issuer, rep.Acked, rep.Already, rep.Unknown
	e.say("%s: %d bundle(s) acknowledged, %d already, %d not made here", name, rep.Acked, rep.Already, rep.Unknown)
	return m, nil
}

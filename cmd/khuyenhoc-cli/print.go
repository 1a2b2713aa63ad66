package main

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/units"
)

func printFlags(fs *flag.FlagSet) {
	fs.Int("year", 0, "")
	fs.String("out", "", "")
	fs.String("kind", "citizen", "")
	fs.String("decision", "", "")
	fs.String("decision-date", "", "")
	fs.String("signer", "", "")
	fs.String("template", "", "")
}

// cmdPrintCertificates prints a Giấy chứng nhận “Công dân học tập” for each
// citizen recognised in the year (--kind award: a giấy khen for each
// award), one A4 landscape page each, from the unit's template.
func cmdPrintCertificates(e *env, fs *flag.FlagSet, _ []string) error {
	year, out, kind := num(fs, "year"), str(fs, "out"), str(fs, "kind")
	if year == 0 || !strings.EqualFold(filepath.Ext(out), ".pdf") || (kind != "citizen" && kind != "award") {
		return usageErr("--year Y --out FILE.pdf [--kind citizen|award]")
	}
	decided, err := data.ParseDate(str(fs, "decision-date"))
	if err != nil {
		return usageErr("--decision-date dd/mm/yyyy")
	}
	in, err := e.installation()
	if err != nil {
		return err
	}
	ref, err := units.ParseRef(in.Unit)
	if err != nil {
		return err
	}
	tpl, err := e.template(str(fs, "template"))
	if err != nil {
		return rejected(err)
	}
	reg := units.Default()
	u, _ := reg.Get(ref)
	now, _ := data.ParseDate(today())
	s := report.Signing{Unit: ref, Parent: report.ParentBody(reg, ref), Place: u.Name, Date: now,
		Signer: str(fs, "signer"), DecisionNo: str(fs, "decision"), DecisionDate: decided}
	list, certKind := report.CitizenCertificates, paper.CitizenCertificate
	if kind == "award" {
		list, certKind = report.AwardCertificates, paper.AwardCertificate
	}
	people, err := list(e.ctx, e.st, reg, year, s)
	if err != nil {
		return err
	}
	props := paper.Props{Title: "Giấy chứng nhận " + u.FullName, Unit: "Hội Khuyến học " + u.FullName}
	if err := paper.WriteCertificates(out, tpl, certKind, people, props); err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"file": out, "pages": len(people), "template": tpl.Source})
	}
	e.say("%d certificates written to %s", len(people), out)
	return nil
}

// template reads the template given, or the unit's own in the data
// folder, or the default.
func (e *env) template(file string) (*paper.Template, error) {
	if file == "" {
		return paper.LoadTemplate(filepath.Dir(e.dbPath))
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return paper.ParseTemplate(file, b)
}

// cmdPrintTemplate copies the default certificate template into the data
// folder (or --out), where the unit edits it; an existing file is kept.
func cmdPrintTemplate(e *env, fs *flag.FlagSet, _ []string) error {
	out := str(fs, "out")
	if out == "" {
		out = filepath.Join(filepath.Dir(e.dbPath), paper.TemplateFile)
	}
	b, err := paper.DefaultTemplateText()
	if err != nil {
		return err
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		e.say("The template is already there, kept as it is: %s", out)
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	e.say("Certificate template written to %s: edit it, then print again", out)
	return nil
}

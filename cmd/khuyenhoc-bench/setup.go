package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"sokhuyenhoc/data/gen"
	"sokhuyenhoc/data/units"
)

type config struct {
	dir, cli                             string
	communes, perCommune, exportCitizens int
	runs                                 int
}

// measured is one timed run of a command.
type measured struct {
	wall   time.Duration
	maxRSS int64 // KiB
	out    string
}

// cmd runs the CLI (or another program) and measures wall time and peak RSS.
func (c config) cmd(name string, args ...string) (measured, error) {
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	m := measured{wall: time.Since(start), out: out.String()}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			m.maxRSS = ru.Maxrss
		}
	}
	if err != nil {
		return m, fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, errb.String())
	}
	return m, nil
}

func (c config) kh(args ...string) (measured, error) { return c.cmd(c.cli, args...) }

// receiver is the unit that imports everything: a province of the list
// from 1/7/2025, whose communes report to it directly.
var receiver = units.Ref{List: "2025", Code: "79"}

type site struct {
	unit units.Ref
	db   string
	csv  string
}

// setUp creates the receiver and the communes, links their keys and
// writes each commune's generated citizen file.
func setUp(ctx context.Context, c config) (recv string, communes []site, err error) {
	recv = filepath.Join(c.dir, "receiver", "k.db")
	if _, err = c.kh("init", "--level", "province", "--unit", receiver.Code, "--list", "2025", "--db", recv); err != nil {
		return
	}
	upKey := filepath.Join(c.dir, "receiver.khkey")
	if _, err = c.kh("keys", "export", "--out", upKey, "--db", recv); err != nil {
		return
	}
	kids := units.Default().Children(receiver)
	if len(kids) < c.communes+1 {
		return "", nil, fmt.Errorf("only %d communes below %s", len(kids), receiver)
	}
	for i, u := range kids[:c.communes+1] {
		s := site{unit: u.Ref, db: filepath.Join(c.dir, "c"+u.Code, "k.db"), csv: filepath.Join(c.dir, "c"+u.Code+".csv")}
		n := c.perCommune
		if i == c.communes { // the last one is the big commune whose export is timed
			n = c.exportCitizens
		}
		if err = c.linkCommune(s, upKey, recv); err != nil {
			return
		}
		if err = writeCSV(s.csv, uint64(i+1), n); err != nil {
			return
		}
		communes = append(communes, s)
	}
	return recv, communes, nil
}

func (c config) linkCommune(s site, upKey, recv string) error {
	if _, err := c.kh("init", "--level", "commune", "--unit", s.unit.Code, "--list", "2025", "--db", s.db, "--upstream", upKey); err != nil {
		return err
	}
	key := s.db + ".khkey"
	if _, err := c.kh("keys", "export", "--out", key, "--db", s.db); err != nil {
		return err
	}
	_, err := c.kh("keys", "trust", key, "--db", recv)
	return err
}

func writeCSV(path string, seed uint64, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return gen.New(seed, 2026, 0.1).Citizens(f, n)
}

func decodeJSON(s string, v any) error { return json.Unmarshal([]byte(s), v) }

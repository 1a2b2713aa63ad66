#!/bin/sh
# Rewrites the officer-made workbooks the import tests read: excelize writes
# the .xlsx files (data/tabular/officer_gen_test.go), then LibreOffice Calc
# saves those an office would have saved with it: an .ods and an .xls.
# Needs libreoffice-calc.
set -eu
cd "$(dirname "$0")"
(cd ../../.. && CGO_ENABLED=0 go test -count=1 -tags ci ./data/tabular -run TestGenerateOfficerFiles -update)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lo() { soffice -env:UserInstallation=file://"$tmp"/profile --headless "$@" >/dev/null; }
lo --convert-to ods --outdir "$tmp" calc.xlsx
mv "$tmp/calc.ods" calc.ods
rm calc.xlsx
lo --convert-to xls --outdir "$tmp" title-row.xlsx
mv "$tmp/title-row.xls" old.xls

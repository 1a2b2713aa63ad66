#!/usr/bin/env bash
# make bench: the figures of docs/benchmarks.md, each beside a baseline
# measured in the same run (sqlite3 .import, zstd -19). Sizes in citizens,
# spread over communes of 5,000 (at least 2, at most 100); BENCH_SIZES="1000000"
# for the million (about 20 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
sizes=${BENCH_SIZES:-"2000 10000 100000"}
runs=${BENCH_RUNS:-3}
out=${BENCH_OUT:-bench-results.md}

CGO_ENABLED=0 go build -o bin/khuyenhoc-cli ./cmd/khuyenhoc-cli
CGO_ENABLED=0 go build -o bin/khuyenhoc-bench ./cmd/khuyenhoc-bench

{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1), zstd $(zstd --version | grep -o 'v[0-9.]*'), $(go version | cut -d' ' -f3)"
  echo
} > "$out"

for n in $sizes; do
  communes=$(( n / 5000 )); [ "$communes" -lt 2 ] && communes=2; [ "$communes" -gt 100 ] && communes=100
  per=$(( n / communes ))
  echo "== $n citizens: $communes communes × $per" >&2
  dir=$(mktemp -d /tmp/khbench.XXXX)
  {
    echo "## $n citizens"
    echo
    bin/khuyenhoc-bench --dir "$dir" --communes "$communes" --citizens "$per" \
      --export-citizens 50000 --runs "$runs"
    echo
  } >> "$out"
  if [ -x bin/khuyenhoc ] && command -v Xvfb >/dev/null; then
    bash tools/appbench.sh bin/khuyenhoc "$dir/receiver/k.db" >> "$out" || echo "(app timing failed)" >> "$out"
  fi
  rm -rf "$dir"
done

echo "== Go benchmarks (status of 574 units, export, import in-process)" >&2
{
  echo "## In-process Go benchmarks"
  echo
  echo '```'
  CGO_ENABLED=0 go test -run XXX -bench 'Status500|Export|Import' -benchtime 3x ./sync/exchange/ | grep -E '^Benchmark'
  echo '```'
} >> "$out"
cat "$out"

#!/usr/bin/env bash
# The desktop app's cold start to its first visible window on a database,
# and its memory once the citizen list is showing, under Xvfb.
# Usage: tools/appbench.sh BIN DB [RUNS]
set -euo pipefail
bin=$1 db=$2 runs=${3:-3}
disp=:$(( 70 + RANDOM % 20 ))
Xvfb "$disp" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
home=$(mktemp -d)
times=()
rss=0
for r in $(seq "$runs"); do
  start=$(date +%s%N)
  HOME=$home XDG_CONFIG_HOME=$home/.config "$bin" --db "$db" >/dev/null 2>&1 &
  pid=$!
  if ! timeout 60 xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1; then
    kill -9 "$pid" 2>/dev/null || true
    echo "the window did not appear" >&2; exit 1
  fi
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  sleep 2 # let the list page in before reading memory
  r_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  [ "$r_kb" -gt "$rss" ] && rss=$r_kb
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
n=$(sqlite3 "$db" "select count(*) from citizen where deleted = 0")
echo "| app: cold start to the first window with the citizen list, $n citizens (median of $runs) | ${median} ms | | | list opens < 1 s (1M) |"
echo "| app: memory with the list showing | $(( rss / 1024 )) MiB | | | < 300 MiB (2,000 citizens) |"

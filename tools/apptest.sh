#!/usr/bin/env bash
# tools/apptest.sh BIN — runs the real desktop app (BIN, e.g. bin/khuyenhoc)
# on a virtual screen (Xvfb) and checks it as a person would see it:
#   a) a fresh, empty database in an empty HOME opens the set-up wizard;
#   b) a database set up and filled by khuyenhoc-cli (testdata/records)
#      opens the main window; a Vietnamese name typed with xdotool, with a
#      Unikey-style burst of backspaces, is saved exactly (read back with
#      khuyenhoc-cli records list --json).
# Each run: wait for the window, screenshot the screen, check it is not
# blank (colour count) and shows the expected words (tesseract, Vietnamese),
# close it with Ctrl+Q and check the process exits with status 0.
# Prints what it checked and its measurements; exits non-zero on failure.
set -uo pipefail
# The keys' passphrase of the databases made here, for the CLI and the app
# (docs/privacy.md: the non-interactive form, for scripts and tests).
export KHUYENHOC_PASSPHRASE="mật khẩu apptest 2026"

BIN=${1:?usage: tools/apptest.sh BIN}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
CLI=$ROOT/bin/khuyenhoc-cli
WORK=$(mktemp -d /tmp/khuyenhoc-apptest.XXXXXX)
FAILED=0
XPID=""
APID=""

say() { printf '%s\n' "$*"; }
ok() { say "  ok    $*"; }
fail() { say "  FAIL  $*"; FAILED=1; }

cleanup() {
	[ -n "$APID" ] && kill "$APID" 2>/dev/null
	[ -n "$XPID" ] && kill "$XPID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

for tool in Xvfb xdotool import identify tesseract; do
	command -v "$tool" >/dev/null || { say "apptest: $tool is missing (make deps-test installs it)"; exit 2; }
done
[ -x "$BIN" ] || { say "apptest: no binary at $BIN (make app)"; exit 2; }
(cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -o "$CLI" ./cmd/khuyenhoc-cli) || { say "apptest: cannot build the CLI"; exit 2; }

# A free display number, then the virtual screen.
for n in $(seq 91 140); do
	if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then DISP=":$n"; break; fi
done
Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XPID=$!
export DISPLAY=$DISP
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
xdotool getdisplaygeometry >/dev/null 2>&1 || { say "apptest: Xvfb did not start"; exit 2; }
say "Xvfb on $DISPLAY"

now_ms() { date +%s%3N; }

# start_app NAME DB: starts the app with its own HOME; sets APID, T0.
start_app() {
	local home=$WORK/$1-home
	mkdir -p "$home"
	T0=$(now_ms)
	HOME=$home XDG_CONFIG_HOME=$home/.config LANG=C.UTF-8 "$BIN" --db "$2" >"$WORK/$1.log" 2>&1 &
	APID=$!
}

# wait_window: the app's visible window id within 30 s; sets WID.
wait_window() {
	WID=$(timeout 30 xdotool search --sync --onlyvisible --name 'Khuy' 2>/dev/null | head -n1)
	[ -n "$WID" ]
}

# check_screen NAME WORDS...: screenshot, colour count, OCR.
check_screen() {
	local name=$1 png=$WORK/$1.png
	shift
	sleep 1.5 # let the first frames draw
	import -window root "$png" 2>/dev/null
	local colours
	colours=$(identify -format %k "$png" 2>/dev/null || echo 0)
	if [ "${colours:-0}" -gt 200 ]; then ok "$name: screenshot has $colours colours"; else fail "$name: screenshot looks blank ($colours colours)"; fi
	tesseract "$png" "$WORK/$name" -l vie >/dev/null 2>&1
	for w in "$@"; do
		if grep -qiF "$w" "$WORK/$name.txt"; then ok "$name: OCR reads \"$w\""; else fail "$name: OCR does not read \"$w\""; fi
	done
	[ -n "${SHOTS:-}" ] && cp "$png" "$SHOTS/$name.png"
}

# close_app NAME: Ctrl+Q, then the process must exit 0 within 10 s.
close_app() {
	xdotool mousemove --window "$WID" 640 300 2>/dev/null
	xdotool key --window "$WID" ctrl+q
	local waited=0
	while kill -0 "$APID" 2>/dev/null && [ $waited -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
	if kill -0 "$APID" 2>/dev/null; then
		fail "$1: still running 10 s after Ctrl+Q"
		kill "$APID"
	else
		wait "$APID"
		local code=$?
		if [ $code -eq 0 ]; then ok "$1: closed with Ctrl+Q, exit status 0"; else fail "$1: exit status $code"; fi
	fi
	APID=""
}

say "a) first run, empty database"
start_app wizard "$WORK/empty/khuyenhoc.db"
if wait_window; then
	ok "wizard: window up in $(($(now_ms) - T0)) ms: $(xdotool getwindowname "$WID")"
	case "$(xdotool getwindowname "$WID")" in *"Thiết lập"*) ok "wizard: title names the set-up" ;; *) fail "wizard: title" ;; esac
	check_screen wizard "Thiết lập" "Cấp của đơn vị" "Danh mục đơn vị"
	close_app wizard
else
	fail "wizard: no window within 30 s"; cat "$WORK/wizard.log"
fi

say "b) database set up and filled with testdata/records"
DB=$WORK/filled/khuyenhoc.db
cli() { "$CLI" --db "$DB" "$@"; }
cli init --level commune --list 2024 --unit 12457 --operator "Nguyễn Văn An" >/dev/null 2>&1 || fail "cli init"
for f in citizens:citizen centres:centre awards:award funds:fund; do
	cli records import --kind "${f#*:}" "$ROOT/testdata/records/${f%:*}-good.csv" >/dev/null 2>&1 || fail "cli import ${f%:*}"
done
cli profile set --year 2026 --adults 3200 >/dev/null 2>&1 || fail "cli profile"
start_app main "$DB"
if wait_window; then
	ok "main: window up in $(($(now_ms) - T0)) ms: $(xdotool getwindowname "$WID")"
	check_screen main "Công dân học tập" "Quỹ khuyến học" "Nguyễn Thị Hòa"
	say "  info  main: memory (RSS) $(ps -o rss= -p "$APID" | tr -d ' ') KiB with the test data"
	# Type a new citizen: Ctrl+N puts the cursor in the name. The last word
	# is typed without marks, then rewritten with a burst of backspaces and
	# new letters, the way Unikey and EVKey send a corrected word.
	xdotool mousemove --window "$WID" 640 300
	xdotool windowfocus --sync "$WID" 2>/dev/null
	xdotool key --window "$WID" ctrl+n
	sleep 0.5
	xdotool type --window "$WID" --delay 150 "Hoàng Thị Thanh Huong"
	xdotool key --window "$WID" --delay 80 BackSpace BackSpace BackSpace BackSpace
	xdotool type --window "$WID" --delay 150 "ương"
	xdotool key --window "$WID" ctrl+s
	sleep 1
	want="Hoàng Thị Thanh Hương"
	got=$(cli records list --kind citizen --search "huong" --json 2>/dev/null |
		python3 -c 'import json,sys; print("\n".join(r["full_name"] for r in json.load(sys.stdin)))' 2>/dev/null)
	if [ "$got" = "$want" ]; then ok "main: typed name saved exactly: $got"; else fail "main: typed name saved as \"$got\", want \"$want\""; fi
	check_screen typed "$want"
	close_app main
else
	fail "main: no window within 30 s"; cat "$WORK/main.log"
fi

if [ $FAILED -ne 0 ]; then say "apptest: FAILED"; exit 1; fi
say "apptest: all checks passed"

#!/usr/bin/env bash
# tools/apptest.sh BIN — runs the real desktop app (BIN, e.g. bin/khuyenhoc)
# on a virtual screen (Xvfb) and checks it as a person would see it:
#   a) a fresh, empty database in an empty HOME opens the set-up wizard;
#   b) a database set up and filled by khuyenhoc-cli (testdata/records)
#      opens the main window; a Vietnamese name typed with xdotool, with a
#      Unikey-style burst of backspaces, is saved exactly (read back with
#      khuyenhoc-cli records list --json);
#   c) with a window manager (openbox) on a 1024×768 screen, the window
#      fits, and a whole citizen with a ten-score assessment is typed by
#      keyboard only (Enter and Tab from field to field, Vietnamese as
#      Unikey sends it, lists by Down and Enter), then a second one that
#      keeps the village, group and year; both are checked field by field
#      (records list --json, the scores through records export). The keys
#      the first one took are printed (docs/benchmarks.md).
# Each run: wait for the window, screenshot the screen, check it is not
# blank (colour count) and shows the expected words (tesseract, Vietnamese),
# close it with Ctrl+Q and check the process exits with status 0.
#
# Nothing here sleeps for a fixed time to let something happen: every wait
# polls its condition (the window is mapped, the screen reads the words,
# the row is in the database, the process has exited) until a generous
# deadline, so a loaded machine is only slower, never failing.
# SHOTS=DIR keeps the screenshots. Prints what it checked and its
# measurements; exits non-zero on failure.
set -uo pipefail
# The keys' passphrase of the databases made here, for the CLI and the app
# (docs/privacy.md: the non-interactive form, for scripts and tests).
export KHUYENHOC_PASSPHRASE="mật khẩu apptest 2026"

BIN=${1:?usage: tools/apptest.sh BIN}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tools/ocr.sh"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
CLI=$ROOT/bin/khuyenhoc-cli
WORK=$(mktemp -d /tmp/khuyenhoc-apptest.XXXXXX)
FAILED=0
XPIDS=()
APID=""

# Deadlines in seconds: long, since they only matter when something is wrong.
WINDOW_WAIT=${APPTEST_WINDOW_WAIT:-120}
SCREEN_WAIT=${APPTEST_SCREEN_WAIT:-90}
ROW_WAIT=${APPTEST_ROW_WAIT:-60}
EXIT_WAIT=${APPTEST_EXIT_WAIT:-60}

say() { printf '%s\n' "$*"; }
ok() { say "  ok    $*"; }
fail() { say "  FAIL  $*"; FAILED=1; }

cleanup() {
	[ -n "$APID" ] && kill "$APID" 2>/dev/null
	for p in "${XPIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	[ -n "${APPTEST_KEEP:-}" ] && say "apptest: kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

for tool in Xvfb xdotool import identify convert tesseract python3 xmodmap xprop openbox; do
	command -v "$tool" >/dev/null || { say "apptest: $tool is missing (make deps-test installs it)"; exit 2; }
done
[ -x "$BIN" ] || { say "apptest: no binary at $BIN (make app)"; exit 2; }
(cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -o "$CLI" ./cmd/khuyenhoc-cli) || { say "apptest: cannot build the CLI"; exit 2; }

now_ms() { date +%s%3N; }

# poll SECONDS CMD...: runs CMD every 0.2 s until it succeeds (status 0),
# or fails once SECONDS have passed. The pause is the polling interval, not
# a guess at how long something takes.
poll() {
	local deadline=$(($(date +%s) + $1))
	shift
	until "$@"; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.2
	done
}

# start_screen WxH: a virtual screen on a free display; exports DISPLAY.
# -noreset: the server keeps its keymap (bind_letters) when the last client
# disconnects.
start_screen() {
	local n
	for n in $(seq 91 160); do
		if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then break; fi
	done
	Xvfb ":$n" -screen 0 "$1x24" -nolisten tcp -noreset >"$WORK/xvfb$n.log" 2>&1 &
	XPIDS+=($!)
	export DISPLAY=":$n"
	poll 30 xdotool getdisplaygeometry >/dev/null 2>&1 || { say "apptest: Xvfb did not start on $DISPLAY"; exit 2; }
	say "Xvfb on $DISPLAY, $(xdotool getdisplaygeometry | tr ' ' x)"
}

# bind_keys TEXT: gives every letter of TEXT outside ASCII (and the letter
# without its tone, which Unikey sends on the way) a key of its own
# in the X keymap (xmodmap), and BackSpace, Tab and Return eight more keys
# each, before the app starts. xdotool would otherwise remap a spare key
# for each such letter and map it back at once, and on a loaded machine the
# app reads the keymap after it was restored: the letter is lost (a test
# artefact: a real keyboard and Unikey do not do that). The extra keys
# serve send_keys (below). The keys used are unused or multimedia ones
# (codes 208-255, which GLFW knows by no name of its own).
bind_keys() {
	local free
	free=$(xmodmap -pke | awk '$1 == "keycode" && $2 >= 208 && (NF == 3 || $4 ~ /^XF86/) {print $2}' | sort -rn | tr '\n' ' ')
	python3 - "$1" "$free" <<-'EOF' | xmodmap - || { say "apptest: xmodmap failed"; exit 2; }
		import sys, unicodedata
		def untoned(c):  # the letter before its tone (ễ → ê): Unikey sends it on the way
		    d = "".join(x for x in unicodedata.normalize("NFD", c) if x not in "\u0300\u0301\u0303\u0309\u0323")
		    return unicodedata.normalize("NFC", d)
		letters = {c for c in sys.argv[1]} | {untoned(c) for c in sys.argv[1]}
		syms = ["U%04X" % ord(c) for c in sorted(c for c in letters if ord(c) > 127)]
		syms += ["BackSpace", "Tab", "Return"] * 8
		free = sys.argv[2].split()
		if len(syms) > len(free):
		    sys.exit("apptest: not enough free key codes")
		for s, k in zip(syms, free):
		    print("keycode %s = %s %s" % (k, s, s))
	EOF
}

# send_keys [--delay MS] KEY...: presses keys through XTEST, the way a
# keyboard or Unikey does, and prints how many keys a person pressed, how
# many characters that typed, and how many other keys (Tab, Enter…). A KEY
# is an X keysym name (Tab, Return, BackSpace, Down), a chord (ctrl+s),
# "text:WORDS" (one key per character) or "unikey:WORDS": Vietnamese typed
# in Telex through Unikey, which sends the letters without marks, then for
# each mark key (w, f, j, s…) a burst of backspaces and the letters
# rewritten (Hương: H u o n g, then w → 4 backspaces and "ương" at once).
# GLFW (Fyne's window library) ignores on X11 a key press stamped with the
# same millisecond as the last press of the same key code (its guard
# against input-method duplicates): a burst of backspaces, as Unikey sends
# them, would lose presses in this harness though no Windows PC loses
# them. So a key pressed again goes out on another key code bound to the
# same keysym (bind_keys adds them).
send_keys() {
	python3 "$WORK/send_keys.py" "$@"
}

write_send_keys() {
	cat >"$WORK/send_keys.py" <<-'EOF'
		import ctypes, sys, time, unicodedata
		x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
		xtst = ctypes.cdll.LoadLibrary("libXtst.so.6")
		x11.XOpenDisplay.restype = ctypes.c_void_p
		x11.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
		x11.XStringToKeysym.restype = ctypes.c_ulong
		dpy = ctypes.c_void_p(x11.XOpenDisplay(None))
		lo, hi = ctypes.c_int(), ctypes.c_int()
		x11.XDisplayKeycodes(dpy, ctypes.byref(lo), ctypes.byref(hi))
		width = ctypes.c_int()
		n = hi.value - lo.value + 1
		m = x11.XGetKeyboardMapping(dpy, lo.value, n, ctypes.byref(width))
		codes = {}  # keysym -> [(code, shifted)]
		for i in range(n):
		    for col in (0, 1):
		        sym = m[i * width.value + col]
		        if sym and (col == 0 or sym != m[i * width.value]):
		            codes.setdefault(sym, []).append((lo.value + i, col == 1))
		state = sys.argv[0] + ".turn"  # which key code each keysym used last, across runs
		try:
		    turn = {int(k): int(v) for k, v in (l.split() for l in open(state))}
		except OSError:
		    turn = {}
		def keysym(name):
		    if len(name) == 1:
		        return ord(name) if ord(name) < 0x100 else 0x1000000 + ord(name)
		    sym = x11.XStringToKeysym(name.encode())
		    if not sym:
		        sys.exit("send_keys: no keysym %r" % name)
		    return sym
		def code(sym):
		    cs = codes.get(sym)
		    if not cs:
		        sys.exit("send_keys: keysym %#x is on no key" % sym)
		    k = turn.get(sym, 0)
		    turn[sym] = k + 1
		    return cs[k % len(cs)]
		def tap(c, down):
		    xtst.XTestFakeKeyEvent(dpy, c, down, 0)
		shift = code(keysym("Shift_L"))[0]
		mods = {"ctrl": code(keysym("Control_L"))[0], "shift": shift, "alt": code(keysym("Alt_L"))[0]}
		def press(name):
		    *held, key = name.split("+") if len(name) > 1 else [name]
		    c, shifted = code(keysym(key))
		    chord = bool(held)
		    held = [mods[h] for h in held] + ([shift] if shifted else [])
		    for h in held:
		        tap(h, True)
		    if chord:
		        # A person holds Ctrl a moment before the letter. Pressed in the
		        # same instant, GLFW on X11 at times misses the chord (a lost
		        # Ctrl+Q, 3 times in 10 after typing): a harness artefact.
		        x11.XSync(dpy, 0)
		        time.sleep(0.08)
		    tap(c, True)
		    tap(c, False)
		    for h in reversed(held):
		        tap(h, False)
		    x11.XFlush(dpy)
		TONES = "\u0300\u0301\u0303\u0309\u0323"
		def strip(w, keep):
		    d = unicodedata.normalize("NFD", w)
		    d = "".join(c for c in d if not unicodedata.combining(c) or c in keep)
		    if not keep:
		        d = d.replace("đ", "d").replace("Đ", "D")
		    return unicodedata.normalize("NFC", d)
		def telex_keys(word):
		    """Keys a person presses to type word in Telex: each letter, one
		    more for each letter with a hat, breve or horn and for đ (ươ
		    takes one w), one more for the tone."""
		    plain = strip(word, "\u0302\u0306\u031b").lower()
		    marked = sum(1 for c in plain if c in "âăêôơưđ") - plain.count("ươ")
		    tone = 1 if strip(word, "\u0302\u0306\u031b") != word else 0
		    return len(word) + marked + tone
		def unikey(word):
		    """The key bursts Unikey sends for a word typed in Telex: the
		    letters without marks, then the word rewritten from the first
		    letter that changes, once with the vowel marks and once with the
		    tone."""
		    steps = [strip(word, ""), strip(word, "\u0302\u0306\u031b"), word]
		    bursts, prev = [], steps[0]
		    for s in steps[1:]:
		        if s == prev:
		            continue
		        same = 0
		        while same < min(len(s), len(prev)) and s[same] == prev[same]:
		            same += 1
		        bursts.append(["BackSpace"] * (len(prev) - same) + list(s[same:]))
		        prev = s
		    return list(steps[0]), bursts, telex_keys(word)
		args, delay, count, chars, nav = sys.argv[1:], 0.0, 0, 0, 0
		if args[:1] == ["--delay"]:
		    delay, args = int(args[1]) / 1000, args[2:]
		for a in args:
		    if a.startswith("unikey:"):
		        chars += len(a[7:])
		        for i, word in enumerate(a[7:].split(" ")):
		            if i:
		                press(" ")
		                count += 1
		            letters, bursts, keys = unikey(word)
		            count += keys
		            for k in letters:
		                press(k)
		                if delay:
		                    time.sleep(delay)
		            for b in bursts:
		                for k in b:
		                    press(k)  # a burst goes out at once, as Unikey sends it
		                if delay:
		                    time.sleep(delay)
		        continue
		    keys = list(a[5:]) if a.startswith("text:") else [a]
		    if a.startswith("text:"):
		        chars += len(keys)
		    else:
		        nav += 1
		    for k in keys:
		        press(k)
		        count += 1
		        if delay:
		            time.sleep(delay)
		x11.XSync(dpy, 0)
		with open(state, "w") as f:
		    f.writelines("%d %d\n" % kv for kv in turn.items())
		print(count, chars, nav)  # keys pressed, characters typed, other keys
	EOF
}

# start_app NAME DB: starts the app with its own HOME; sets APID, T0.
start_app() {
	local home=$WORK/$1-home
	mkdir -p "$home"
	T0=$(now_ms)
	HOME=$home XDG_CONFIG_HOME=$home/.config LANG=C.UTF-8 "$BIN" --db "$2" >"$WORK/$1.log" 2>&1 &
	APID=$!
}

# wait_window: the app's visible window id; sets WID.
wait_window() {
	WID=$(timeout "$WINDOW_WAIT" xdotool search --sync --all --onlyvisible --pid "$APID" --name 'Khuy' 2>/dev/null | head -n1)
	[ -n "$WID" ]
}

# reads NAME WORDS...: one screenshot of the screen; true when it is not
# blank and OCR reads every word. Leaves the colour count in COLOURS and
# the words not read in MISSING.
reads() {
	local name=$1 png=$WORK/$1.png w
	shift
	import -window root "$png" 2>/dev/null || return 1
	COLOURS=$(identify -format %k "$png" 2>/dev/null || echo 0)
	[ "${COLOURS:-0}" -gt 200 ] || { MISSING="(blank)"; return 1; }
	read_png "$png" "$WORK/$name" "$@"
	MISSING=""
	for w in "$@"; do grep -qiF "$w" "$WORK/$name.txt" || MISSING="$MISSING \"$w\""; done
	[ -z "$MISSING" ]
}

# check_screen NAME WORDS...: waits until the screen is drawn and reads the
# words, then reports each check.
check_screen() {
	local name=$1 w
	shift
	poll "$SCREEN_WAIT" reads "$name" "$@"
	if [ "${COLOURS:-0}" -gt 200 ]; then ok "$name: screenshot has $COLOURS colours"; else fail "$name: screenshot looks blank ($COLOURS colours)"; fi
	for w in "$@"; do
		case "$MISSING" in "(blank)" | *"\"$w\""*) fail "$name: OCR does not read \"$w\" within ${SCREEN_WAIT} s" ;; *) ok "$name: OCR reads \"$w\"" ;; esac
	done
	[ -n "${SHOTS:-}" ] && cp "$WORK/$name.png" "$SHOTS/$name.png"
}

exited() { ! kill -0 "$APID" 2>/dev/null; }

# close_app NAME: Ctrl+Q, then the process must exit with status 0.
close_app() {
	xdotool mousemove --window "$WID" 300 300 2>/dev/null
	send_keys ctrl+q >/dev/null
	if ! poll "$EXIT_WAIT" exited; then
		fail "$1: still running ${EXIT_WAIT} s after Ctrl+Q"
		import -window root "$WORK/$1-stuck.png" 2>/dev/null
		[ -n "${SHOTS:-}" ] && cp "$WORK/$1-stuck.png" "$SHOTS/"
		kill "$APID"
	else
		wait "$APID"
		local code=$?
		if [ $code -eq 0 ]; then ok "$1: closed with Ctrl+Q, exit status 0"; else fail "$1: exit status $code"; fi
	fi
	APID=""
}

write_send_keys
start_screen 1280x800
bind_keys "Hoàng Thị Thanh Hương"

say "a) first run, empty database"
start_app wizard "$WORK/empty/khuyenhoc.db"
if wait_window; then
	ok "wizard: window up in $(($(now_ms) - T0)) ms: $(xdotool getwindowname "$WID")"
	case "$(xdotool getwindowname "$WID")" in *"Thiết lập"*) ok "wizard: title names the set-up" ;; *) fail "wizard: title" ;; esac
	check_screen wizard "Thiết lập" "Cấp của đơn vị" "Danh mục đơn vị"
	close_app wizard
else
	fail "wizard: no window within ${WINDOW_WAIT} s"; cat "$WORK/wizard.log"
fi

say "b) database set up and filled with testdata/records"
DB=$WORK/filled/khuyenhoc.db
cli() { "$CLI" --db "$DB" "$@"; }
cli init --level commune --list 2024 --unit 12457 --operator "Nguyễn Văn An" >/dev/null 2>&1 || fail "cli init"
for f in citizens:citizen centres:centre awards:award funds:fund; do
	cli records import --kind "${f#*:}" "$ROOT/testdata/records/${f%:*}-good.csv" >/dev/null 2>&1 || fail "cli import ${f%:*}"
done
cli profile set --year 2026 --adults 3200 >/dev/null 2>&1 || fail "cli profile"

# names_like SEARCH: the full names of the citizens the CLI finds.
names_like() {
	cli records list --kind citizen --search "$1" --json 2>/dev/null |
		python3 -c 'import json,sys; print("\n".join(r["full_name"] for r in json.load(sys.stdin)))' 2>/dev/null
}
# saved_as SEARCH WANT: the CLI finds exactly WANT; leaves it in GOT.
saved_as() { GOT=$(names_like "$1"); [ "$GOT" = "$2" ]; }

start_app main "$DB"
if wait_window; then
	ok "main: window up in $(($(now_ms) - T0)) ms: $(xdotool getwindowname "$WID")"
	check_screen main "Công dân học tập" "Quỹ khuyến học" "Nguyễn Thị Hòa"
	say "  info  main: memory (RSS) $(ps -o rss= -p "$APID" | tr -d ' ') KiB with the test data"
	# Type a new citizen: Ctrl+N puts the cursor in the name. The last word
	# is typed without marks, then rewritten with a burst of backspaces and
	# new letters sent at once (no delay), the way Unikey and EVKey send a
	# corrected word. The keys
	# queue in order in the X server, so none is sent before the window is
	# drawn (checked above) and none needs a pause after the one before.
	xdotool mousemove --window "$WID" 640 300
	xdotool windowfocus --sync "$WID" 2>/dev/null
	send_keys ctrl+n >/dev/null
	xdotool type --window "$WID" --delay 40 "Hoàng Thị Thanh Huong"
	send_keys BackSpace BackSpace BackSpace BackSpace text:ương >/dev/null
	send_keys ctrl+s >/dev/null
	want="Hoàng Thị Thanh Hương"
	if poll "$ROW_WAIT" saved_as huong "$want"; then ok "main: typed name saved exactly: $GOT"; else fail "main: typed name saved as \"$GOT\" after ${ROW_WAIT} s, want \"$want\""; fi
	check_screen typed "$want"
	close_app main
else
	fail "main: no window within ${WINDOW_WAIT} s"; cat "$WORK/main.log"
fi

say "c) a window manager at 1024×768: a whole citizen and assessment typed by keyboard only"
for x in "${XPIDS[@]}"; do kill "$x" 2>/dev/null; done
XPIDS=()
start_screen 1024x768
HOME=$WORK/wm-home openbox >"$WORK/openbox.log" 2>&1 &
XPIDS+=($!)
wm_ready() { xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id'; }
poll 30 wm_ready && ok "kb: openbox manages the screen" || fail "kb: openbox did not start"
NAME1="Hoàng Thị Thanh Hương" NAME2="Lò Văn Páo"
bind_keys "$NAME1 $NAME2 Tày đông nông"
DB=$WORK/kb/khuyenhoc.db
cli init --level commune --list 2024 --unit 12457 --operator "Nguyễn Văn An" >/dev/null 2>&1 || fail "cli init"
cli records import --kind citizen "$ROOT/testdata/records/citizens-good.csv" >/dev/null 2>&1 || fail "cli import" # villages to choose from

# fits: the window, frame included, lies on the screen.
fits() {
	local frame=$1 X Y WIDTH HEIGHT
	eval "$(xdotool getwindowgeometry --shell "$frame" 2>/dev/null)"
	GEOM="${WIDTH}x${HEIGHT}+$X+$Y"
	[ "$X" -ge 0 ] && [ "$Y" -ge 0 ] && [ $((X + WIDTH)) -le 1024 ] && [ $((Y + HEIGHT)) -le 768 ]
}
# keys KEY...: sends keys (see send_keys) and adds up what was pressed.
KEYS=0 CHARS=0 NAV=0
keys() {
	local out k c n
	out=$(send_keys --delay 30 "$@") || { fail "kb: send_keys $*"; return; }
	read -r k c n <<<"$out"
	KEYS=$((KEYS + k)) CHARS=$((CHARS + c)) NAV=$((NAV + n))
}
active() { [ "$(xdotool getactivewindow 2>/dev/null)" = "$WID" ]; }
# stored NAME: the CLI's JSON record of NAME (empty until it is saved).
stored() { GOT=$(cli records list --kind citizen --search "$1" --json 2>/dev/null); [ "${GOT:-[]}" != "[]" ]; }
# check_record JSON CSV NAME FIELD=VALUE...: the record, field by field
# (the ten scores from the CLI's export, as typed).
check_record() {
	local json=$1 csv=$2 name=$3
	shift 3
	python3 - "$json" "$csv" "$name" "$@" <<-'EOF'
		import csv, json, sys
		recs, name = json.loads(sys.argv[1]), sys.argv[3]
		rows = [r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")) if r.get("full_name") == name]
		rec = recs[0] if len(recs) == 1 else {}
		row = rows[0] if len(rows) == 1 else {}
		for want in sys.argv[4:]:
		    k, v = want.split("=", 1)
		    got = rec.get(k, row.get(k))
		    same = str(got) == v or k.startswith("i") and str(got).replace(".", ",") == v  # the export writes 8.5
		    mark = "ok   " if same else "FAIL "
		    print("  %s kb: %s %s = %r%s" % (mark, name, k, got, "" if mark == "ok   " else ", want %r" % v))
	EOF
}

start_app kb "$DB"
if wait_window; then
	ok "kb: window up in $(($(now_ms) - T0)) ms"
	if poll 10 fits "$WID"; then ok "kb: the window lies on the 1024×768 screen: $GEOM"; else fail "kb: the window $GEOM does not fit 1024×768"; fi
	check_screen kb-main "Công dân học tập" "Họ và tên" "Thêm mới"
	xdotool windowactivate --sync "$WID" 2>/dev/null
	poll 30 active || fail "kb: the window never got the keyboard"
	# Heads-down entry: Ctrl+N, then one field after another with Enter or
	# Tab; Vietnamese as Unikey sends it; lists by Down and Enter; Enter on
	# the last field moves to Lưu, and Enter there saves.
	keys ctrl+n
	keys "unikey:$NAME1" Return # Họ và tên
	keys text:nu Return          # Giới tính: first letters, Nữ
	keys text:1987 Tab           # Năm sinh
	keys Return                  # Ngày sinh (not known)
	keys unikey:Tày Return       # Dân tộc
	keys unikey:đông Down Return # Thôn: the list's Thôn Đông (Enter takes it and moves on)
	keys text:034187001234 Tab   # Số CCCD
	keys text:0912345678 Return  # Số điện thoại
	keys text:nông Down Return # Nhóm đối tượng: Nông dân, lao động nông thôn
	keys Return                  # Ghi chú
	keys text:2026 Return        # Năm đánh giá
	for sc in 9 8 8 9 8 8,5 9 8 8 9; do keys "text:$sc" Return; done # Chỉ số 1–10
	keys Return Return Return    # Giai đoạn, số and ngày quyết định: to Lưu
	keys Return                  # Lưu
	say "  info  kb: one citizen with a ten-score assessment: $KEYS keys pressed = $CHARS characters + $((KEYS - CHARS - NAV)) Telex keys for their marks + $NAV keys to move on (Enter, Tab, Down, Ctrl+N)"
	echo "$KEYS $CHARS $NAV" >"$WORK/keystrokes"
	if poll "$ROW_WAIT" stored "Hoang Thi Thanh Huong"; then
		cli records export --kind citizen --out "$WORK/kb.csv" >/dev/null 2>&1 || fail "kb: cli export"
		out=$(check_record "$GOT" "$WORK/kb.csv" "$NAME1" full_name="$NAME1" gender=nu birth_year=1987 birth_date= \
			ethnicity=Tày village="Thôn Đông" id_number=034187001234 phone=0912345678 group=nong_dan year=2026 result=dat \
			i1=9 i2=8 i3=8 i4=9 i5=8 i6=8,5 i7=9 i8=8 i9=8 i10=9)
		say "$out"
		case "$out" in *FAIL*) FAILED=1 ;; esac
	else
		fail "kb: $NAME1 not saved within ${ROW_WAIT} s"
	fi
	# The form is ready for the next one: the cursor in the name, village,
	# group and year kept. Ctrl+S saves from the last score.
	KEYS=0 CHARS=0 NAV=0
	keys "unikey:$NAME2" Return text:n Return text:1990 Return
	keys Return Return Return Return Return Return Return Return # Ngày sinh … Năm đánh giá, kept: on to Chỉ số 1
	for sc in 8 8 8 8 8 8 8 8 8; do keys "text:$sc" Return; done
	keys text:8 ctrl+s # the tenth score, saved from where it stands
	say "  info  kb: the next citizen of the village: $KEYS keys pressed = $CHARS characters + $((KEYS - CHARS - NAV)) Telex keys for their marks + $NAV keys to move on"
	if poll "$ROW_WAIT" stored "Lo Van Pao"; then
		cli records export --kind citizen --out "$WORK/kb.csv" >/dev/null 2>&1 || fail "kb: cli export"
		out=$(check_record "$GOT" "$WORK/kb.csv" "$NAME2" full_name="$NAME2" gender=nam birth_year=1990 village="Thôn Đông" \
			group=nong_dan year=2026 result=dat i1=8 i10=8)
		say "$out"
		case "$out" in *FAIL*) FAILED=1 ;; esac
	else
		fail "kb: $NAME2 not saved within ${ROW_WAIT} s"
	fi
	check_screen kb-typed "Đã lưu: $NAME2"
	close_app kb
else
	fail "kb: no window within ${WINDOW_WAIT} s"; cat "$WORK/kb.log"
fi

if [ $FAILED -ne 0 ]; then say "apptest: FAILED"; exit 1; fi
say "apptest: all checks passed"

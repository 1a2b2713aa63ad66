#!/usr/bin/env bash
# tools/winetest.sh [DIST] — runs the Windows build of make dist (in DIST,
# default dist/) under Wine on this Linux machine, as an officer would use it,
# and checks what a person would see. Run by make dist after the build.
#
#  1. A fresh 64-bit Wine prefix in a private HOME (nothing touches the user's
#     files or menus). Wine 8 (Debian 12) lacks ProcessPrng, which every Go
#     >= 1.21 program needs at start: the harness shows the .exe dying without
#     it, then builds tools/wine/bcryptprimitives.c with mingw-w64 and puts the
#     stand-in DLL in the prefix's system32. FOR THIS TEST ONLY: the DLL is
#     never shipped.
#  2. The installer script (tools/installer/khuyenhoc.nsi), built for amd64 from
#     the same files as the shipped 32-bit installer (Debian's Wine is 64-bit
#     only and cannot start a 32-bit program): Wine as Windows 7 refuses with
#     exit code 3 and installs nothing; as Windows 10 a silent per-user install
#     puts the programs, the Vietnamese shortcuts, the .khb/.khkey
#     associations and the uninstall entry in place.
#  3. The installed khuyenhoc-cli.exe on its default database
#     (%APPDATA%\khuyenhoc): init, the four registers of testdata/records,
#     report into "C:\Báo cáo\", bundle export onto "C:\USB\", backup and
#     restore; the Linux build, as the district, imports that bundle and
#     reports the same totals. The Windows log holds no name, CCCD or phone.
#  4. The installed khuyenhoc.exe under Xvfb at 1024x768: a new database opens
#     the set-up wizard; the CLI's database opens the main window, and closing
#     it makes the day's backup; the district's key file, given as Explorer
#     gives it (the command registered for .khkey), asks to take it as the key
#     of the level above. Each screen is captured (import -window root),
#     checked for colours and read with tesseract.
#  5. The uninstaller (silent) removes the programs, shortcuts, associations
#     and its entry, and keeps the data folder. Then an install for all users
#     (Program Files, HKLM), a double-click on the key file through Wine's
#     ShellExecute (start), and its uninstall with /REMOVEDATA, which removes
#     the data folder too.
# Prints each check and its time; SHOTS=DIR keeps the screenshots, KEEP=1 the
# prefix and the work folder. Exits 1 on
# a failed check, 2 when a tool is missing.
set -uo pipefail
# The keys' passphrase of the databases made here, for both CLIs and the
# app (docs/privacy.md: the non-interactive form, for scripts and tests).
# ASCII: Wine hands the environment over through the Unix locale's code
# page, which a CI machine may not have as UTF-8; a person types theirs.
export KHUYENHOC_PASSPHRASE="winetest passphrase 2026"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tools/ocr.sh"
DIST=$(cd "${1:-$ROOT/dist}" && pwd)
VERSION=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' "$ROOT/FyneApp.toml")
GUI=$DIST/khuyenhoc-$VERSION-windows-amd64.exe
WCLI=$DIST/khuyenhoc-cli-$VERSION-windows-amd64.exe
LCLI=$DIST/khuyenhoc-cli-$VERSION-linux-amd64
WORK=$(mktemp -d /tmp/khuyenhoc-winetest.XXXXXX)
FAILED=0
XPID=""

say() { printf '%s\n' "$*"; }
ok() { say "  ok    $*"; }
fail() { say "  FAIL  $*"; FAILED=1; }
now_ms() { date +%s%3N; }
T0=$(now_ms)
lap() { say "  time  $1: $(($(now_ms) - LAP)) ms"; LAP=$(now_ms); }

WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
[ -x "$WINE" ] || WINE=$(command -v wine || true)
for tool in "$WINE" x86_64-w64-mingw32-gcc makensis Xvfb xdotool import identify tesseract convert; do
	command -v "$tool" >/dev/null || { say "winetest: $tool is missing (make deps-dist installs it)"; exit 2; }
done
for f in "$GUI" "$WCLI" "$LCLI"; do [ -f "$f" ] || { say "winetest: $f missing (make dist builds it)"; exit 2; }; done

# Everything Wine writes goes under WORK: its prefix, and a HOME of its own
# (Wine links the prefix's Desktop and Documents to HOME). winemenubuilder
# would write menus and associations into the real desktop: it is off.
export HOME=$WORK/home WINEPREFIX=$WORK/prefix WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=;mshtml="
export LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME"
cleanup() {
	wineserver -k 2>/dev/null
	[ -n "$XPID" ] && kill "$XPID" 2>/dev/null
	wait 2>/dev/null
	if [ -n "${KEEP:-}" ]; then say "winetest: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
wine() { "$WINE" "$@"; }
# wait_gone PATH: waits up to 120 s for PATH to disappear (an NSIS
# uninstaller re-runs itself from a copy in %TEMP% and returns at once).
wait_gone() {
	for _ in $(seq 600); do [ -e "$1" ] || return 0; sleep 0.2; done
	return 1
}

LAP=$(now_ms)
say "1. Wine prefix and the stand-in for Windows 10's bcryptprimitives.dll"
# One server for the whole run: a wineserver exiting between two commands
# races the next one ("wine client error: recvmsg: Connection reset").
mkdir -p "$WINEPREFIX"
wineserver -p || { say "winetest: wineserver did not start"; exit 2; }
wine wineboot -i >"$WORK/wineboot.log" 2>&1 || { say "winetest: wineboot failed"; cat "$WORK/wineboot.log"; exit 2; }
C=$WINEPREFIX/drive_c
SYS32=$C/windows/system32
ok "prefix made by $("$WINE" --version)"
out=$(wine "$WCLI" 2>&1 | head -n 2)
if grep -q "bcryptprimitives.dll not found" <<<"$out"; then
	ok "without the stand-in the exe dies at start: $(head -n1 <<<"$out")"
else
	fail "the CLI started without a ProcessPrng (this Wine may have it now: $out)"
fi
x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Wextra -nostdlib -Wl,--entry,DllMain \
	-o "$SYS32/bcryptprimitives.dll" "$ROOT/tools/wine/bcryptprimitives.c" "$ROOT/tools/wine/bcryptprimitives.def" \
	-lkernel32 -ladvapi32 || { say "winetest: cannot build the stand-in DLL"; exit 2; }
ok "stand-in bcryptprimitives.dll built and put in the test prefix's system32 (test only)"
lap "prefix"

say "2. Installer (tools/installer/khuyenhoc.nsi)"
NSI=$ROOT/tools/installer/khuyenhoc.nsi
for must in '${IfNot} ${AtLeastWin10}' '${IfNot} ${RunningX64}' 'SetErrorLevel 3' 'cần Windows 10 trở lên' \
	'MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER' 'MULTIUSER_EXECUTIONLEVEL Highest' '.khb' '.khkey' 'Section /o "un.Xóa cả dữ liệu'; do
	if grep -qF -- "$must" "$NSI"; then ok "the script has: $must"; else fail "the script lacks: $must"; fi
done
SHIPPED=$DIST/khuyenhoc-$VERSION-windows-amd64-setup.exe
if [ -f "$SHIPPED" ] && grep -q "PE32 executable (GUI) Intel 80386.*Nullsoft" <<<"$(file "$SHIPPED")"; then
	ok "the shipped installer is a 32-bit NSIS program ($(du -h "$SHIPPED" | cut -f1)): it can say why it stops on 32-bit Windows"
else
	fail "no 32-bit NSIS installer at $SHIPPED: $(file "$SHIPPED" 2>&1)"
fi
STAGE=$WORK/stage
bash "$ROOT/tools/installer/stage.sh" "$STAGE" "$GUI" "$WCLI" || { say "winetest: staging failed"; exit 2; }
SETUP=$WORK/khuyenhoc-$VERSION-amd64-test-installer.exe
if makensis -V2 -DVERSION="$VERSION" -DSTAGE="$STAGE" -DTARGET=amd64-unicode -DCOMPRESSOR=zlib \
	-DOUTFILE="$SETUP" "$NSI" >"$WORK/makensis.log" 2>&1; then
	ok "makensis built the same script for amd64 (exit 0)"
else
	fail "makensis (amd64): $(cat "$WORK/makensis.log")"
fi
lap "installer build"
wine winecfg /v win7 >/dev/null 2>&1
wine "$SETUP" /S /CurrentUser
code=$?
UDIR=$(find "$C/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -n1) # C:\users\<user>
INST=$UDIR/AppData/Local/Programs/SoKhuyenHoc
if [ $code -eq 3 ] && [ ! -e "$INST" ]; then
	ok "as Windows 7 the installer refuses (exit 3) and installs nothing"
else
	fail "as Windows 7: exit $code, installed: $(ls "$INST" 2>&1)"
fi
wine winecfg /v win10 >/dev/null 2>&1
wine "$SETUP" /S /CurrentUser
code=$?
if [ $code -eq 0 ] && [ -f "$INST/khuyenhoc.exe" ] && [ -f "$INST/khuyenhoc-cli.exe" ] && [ -f "$INST/uninstall.exe" ]; then
	ok "as Windows 10 a silent per-user install puts the programs in %LOCALAPPDATA%\\Programs\\SoKhuyenHoc"
else
	fail "install as Windows 10: exit $code, $(ls "$INST" 2>&1)"
fi
APPDATA_U=$UDIR/AppData/Roaming
MENU="$APPDATA_U/Microsoft/Windows/Start Menu/Programs/Sổ Khuyến Học"
for lnk in "$MENU/Sổ Khuyến Học.lnk" "$MENU/Gỡ cài đặt Sổ Khuyến Học.lnk" "$HOME/Sổ Khuyến Học.lnk"; do
	if [ -f "$lnk" ]; then ok "shortcut: ${lnk#"$WORK"/}"; else fail "no shortcut ${lnk#"$WORK"/}"; fi
done
for ext in khb:Bundle khkey:Key; do
	cmd=$(wine reg query "HKCU\\Software\\Classes\\SoKhuyenHoc.${ext#*:}\\shell\\open\\command" /ve 2>/dev/null | tr -d '\r' | grep REG_SZ)
	prog=$(wine reg query "HKCU\\Software\\Classes\\.${ext%:*}" /ve 2>/dev/null | tr -d '\r' | grep REG_SZ)
	if [[ $prog == *"SoKhuyenHoc.${ext#*:}"* && $cmd == *'khuyenhoc.exe" "%1"'* ]]; then
		ok ".${ext%:*} opens with: ${cmd##*REG_SZ    }"
	else
		fail ".${ext%:*} association: $prog / $cmd"
	fi
done
if wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SoKhuyenHoc' /v UninstallString >/dev/null 2>&1; then
	ok "listed in Apps & features (HKCU Uninstall key)"
else
	fail "no uninstall entry"
fi
lap "install"

say "3. khuyenhoc-cli.exe on its default database, and the Linux build as the district"
WDATA=$APPDATA_U/khuyenhoc
mkdir -p "$C/Báo cáo" "$C/USB" "$C/Dữ liệu" "$WORK/district"
cp "$ROOT"/testdata/records/*-good.csv "$C/Dữ liệu/"
dcli() { "$LCLI" --db "$WORK/district/kh.db" "$@"; }
dcli init --level district --unit 336 --list 2024 --operator "Cán bộ huyện" >/dev/null 2>&1 || fail "Linux CLI: init the district"
dcli keys export --out "$C/USB/huyen.khkey" >/dev/null 2>&1 || fail "Linux CLI: district key"
wcli() { wine "$INST/khuyenhoc-cli.exe" "$@" 2>>"$WORK/wcli.err"; }
step() { # step NAME ARGS...: one Windows CLI command, which must exit 0
	local name=$1
	shift
	if wcli "$@" >"$WORK/out.txt"; then ok "Windows CLI: $name"; else fail "Windows CLI: $name (exit $?): $(tail -n 3 "$WORK/wcli.err")"; fi
}
step "init (commune 12457, the district's key)" init --level commune --unit 12457 --list 2024 --operator "Nguyễn Văn An" --upstream 'C:\USB\huyen.khkey'
for f in citizens:citizen centres:centre awards:award funds:fund; do
	step "records import ${f%:*}" records import --kind "${f#*:}" "C:\\Dữ liệu\\${f%:*}-good.csv"
done
step "profile set" profile set --year 2026 --adults 3200
step "report into C:\\Báo cáo\\" report --year 2026 --out 'C:\Báo cáo\bao-cao-2026.json'
step "bundle export onto C:\\USB\\" bundle export --out 'C:\USB'
step "keys export" keys export --out 'C:\USB\xa.khkey'
wcli keys show --json >"$WORK/wkeys.json" || fail "Windows CLI: keys show"
step "backup onto the stick" backup --out 'C:\USB\sao-luu.db'
step "restore from the stick" restore 'C:\USB\sao-luu.db'
if [ -f "$WDATA/khuyenhoc.db" ] && ls "$WDATA/backups/"before-restore-*.db >/dev/null 2>&1; then
	ok "the database is in %APPDATA%\\khuyenhoc, the one replaced by the restore in backups\\"
else
	fail "data folder: $(ls -R "$WDATA" 2>&1 | head)"
fi
KHB=$(ls "$C/USB/"*.khb 2>/dev/null | head -n1)
fp=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fingerprint"])' "$WORK/wkeys.json" 2>/dev/null)
dcli keys trust "$C/USB/xa.khkey" --fingerprint "$fp" >/dev/null 2>&1 || fail "Linux CLI: enrol the commune"
if [ -n "$KHB" ] && dcli bundle import "$KHB" >/dev/null 2>&1; then ok "Linux CLI imports the Windows bundle $(basename "$KHB")"; else fail "Linux CLI: import of the Windows bundle"; fi
dcli report --year 2026 --unit 12457 --out "$WORK/district/bao-cao.json" >/dev/null 2>&1 || fail "Linux CLI: report"
totals() { python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(json.dumps({k: r[k] for k in ("citizens", "centres", "awards", "funds")}, sort_keys=True))' "$1" 2>/dev/null; }
wt=$(totals "$C/Báo cáo/bao-cao-2026.json")
lt=$(totals "$WORK/district/bao-cao.json")
if [ -n "$wt" ] && [ "$wt" = "$lt" ]; then
	ok "same totals on both sides: $wt"
else
	fail "totals differ: Windows $wt, Linux $lt"
fi
LOGS=$(cat "$WDATA/logs/"khuyenhoc-cli.log* 2>/dev/null)
if grep -q 'msg=restore file=sao-luu.db' <<<"$LOGS" && grep -q 'msg="records import" kind=citizen' <<<"$LOGS"; then
	ok "the Windows log in %APPDATA%\\khuyenhoc\\logs records the imports and the restore"
else
	fail "Windows log: $(head -c 400 <<<"$LOGS")"
fi
leaks=$(python3 - "$ROOT/testdata/records" "$WDATA/logs" <<'EOF'
import csv, glob, re, sys
vals = {"Nguyễn Văn An"}
for f in glob.glob(sys.argv[1] + "/*-good.csv"):
    for row in csv.DictReader(open(f, encoding="utf-8")):
        for col in ("full_name", "guardian", "director", "id_number", "phone"):
            v = (row.get(col) or "").strip()
            if v:
                vals.add(v)
                if col in ("id_number", "phone"):
                    vals.add(re.sub(r"\D", "", v))
text = "".join(open(p, encoding="utf-8").read() for p in glob.glob(sys.argv[2] + "/*.log*"))
print("\n".join(v for v in sorted(vals) if len(v) >= 4 and v in text))
EOF
)
if [ -z "$leaks" ]; then ok "the Windows log holds no name, CCCD or phone of the test data"; else fail "the Windows log holds: $leaks"; fi
lap "CLI"

say "4. khuyenhoc.exe under Xvfb at 1024x768"
for n in $(seq 141 190); do
	if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then DISP=":$n"; break; fi
done
Xvfb "$DISP" -screen 0 1024x768x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XPID=$!
export DISPLAY=$DISP
# Up to 120 s: on a loaded 2-core machine the server can take a while.
for _ in $(seq 600); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; kill -0 "$XPID" 2>/dev/null || break; sleep 0.2; done
xdotool getdisplaygeometry >/dev/null 2>&1 || { say "winetest: Xvfb did not start on $DISP: $(tail -n 3 "$WORK/xvfb.log")"; exit 2; }

# wait_window TITLE: the app's visible window within 120 s, whose name must
# hold TITLE; sets WID.
wait_window() {
	WID=$(timeout 120 xdotool search --sync --onlyvisible --name 'Khuy' 2>/dev/null | head -n1)
	[ -n "$WID" ] || return 1
	for _ in $(seq 50); do
		[[ $(xdotool getwindowname "$WID" 2>/dev/null) == *"$1"* ]] && return 0
		sleep 0.2
	done
	say "  info  window named \"$(xdotool getwindowname "$WID" 2>/dev/null)\", not \"$1\""
	return 1
}
# check_screen NAME WORDS...: a screenshot whose OCR reads every word; the
# first frames may take a while under Wine, so it tries for up to a minute.
check_screen() {
	local name=$1 png=$WORK/$1.png colours missing
	shift
	for _ in $(seq 20); do
		sleep 3
		import -window root "$png" 2>/dev/null || continue
		colours=$(identify -format %k "$png" 2>/dev/null || echo 0)
		read_png "$png" "$WORK/$name" "$@"
		missing=""
		for w in "$@"; do grep -qiF "$w" "$WORK/$name.txt" || missing="$missing \"$w\""; done
		[ "${colours:-0}" -gt 200 ] && [ -z "$missing" ] && break
	done
	if [ "${colours:-0}" -gt 200 ]; then ok "$name: screenshot has $colours colours"; else fail "$name: screenshot looks blank ($colours colours)"; fi
	for w in "$@"; do
		if grep -qiF "$w" "$WORK/$name.txt"; then ok "$name: OCR reads \"$w\""; else fail "$name: OCR does not read \"$w\""; fi
	done
	[ -n "${SHOTS:-}" ] && mkdir -p "$SHOTS" && cp "$png" "$SHOTS/wine-$name.png"
}
# start_app NAME PROGRAM ARGS...: starts a Windows program in the
# background; sets APID.
start_app() {
	local name=$1
	shift
	T_START=$(now_ms)
	wine "$@" >"$WORK/gui-$name.log" 2>&1 &
	APID=$!
}
# ocr NAME [WORD...]: the screen's text now, in $WORK/NAME.txt (empty
# when no shot); read again larger when a WORD is missing (read_png).
ocr() {
	local name=$1
	shift
	: >"$WORK/$name.txt"
	import -window root "$WORK/$name.png" 2>/dev/null && read_png "$WORK/$name.png" "$WORK/$name" "$@"
}
# close_app NAME: Ctrl+Q, then the program must end within 60 s. With
# ANSWER_FIRST=WORD a question in front takes every key but its own: Esc
# answers it (Quay lại), as a person would, and Ctrl+Q waits until WORD,
# read on the question, has gone from the screen (up to 60 s). When the
# window stays, what the screen reads and the app's log say why.
close_app() {
	local name=$1
	xdotool mousemove --window "$WID" 300 300 2>/dev/null
	xdotool windowfocus --sync "$WID" 2>/dev/null
	if [ -n "${ANSWER_FIRST:-}" ]; then
		xdotool key Escape
		for _ in $(seq 20); do
			ocr "$name-answered" "$ANSWER_FIRST"
			grep -qiF "$ANSWER_FIRST" "$WORK/$name-answered.txt" || break
			sleep 3
		done
		if grep -qiF "$ANSWER_FIRST" "$WORK/$name-answered.txt"; then
			fail "$name: \"$ANSWER_FIRST\" still on the screen 60 s after Esc"
		fi
	fi
	xdotool key ctrl+q
	for _ in $(seq 300); do kill -0 "$APID" 2>/dev/null || break; sleep 0.2; done
	if kill -0 "$APID" 2>/dev/null; then
		ocr "$name-stays"
		fail "$name: still running 60 s after Ctrl+Q; the screen reads: $(tr -s '\n ' ' ' <"$WORK/$name-stays.txt" | cut -c1-400)"
		say "  info  the app's log: $(grep -v 'level=DEBUG' "$WDATA/logs/khuyenhoc.log" 2>/dev/null | tail -n 6 | tr '\n' ' ')"
		[ -n "${SHOTS:-}" ] && mkdir -p "$SHOTS" && cp "$WORK/$name-stays.png" "$SHOTS/wine-$name-stays.png"
		kill "$APID"
		for _ in $(seq 150); do kill -0 "$APID" 2>/dev/null || break; sleep 0.2; done
	else
		wait "$APID"
		local code=$?
		if [ $code -eq 0 ]; then ok "$name: closed with Ctrl+Q, exit status 0"; else fail "$name: exit status $code"; fi
	fi
}
# gui NAME TITLE WORDS... -- PROGRAM ARGS...: starts it, waits for its
# window, checks the screen, closes it.
gui() {
	local name=$1 title=$2 words=()
	shift 2
	while [ "$1" != "--" ]; do words+=("$1"); shift; done
	shift
	start_app "$name" "$@"
	if wait_window "$title"; then
		ok "$name: window up in $(($(now_ms) - T_START)) ms: $(xdotool getwindowname "$WID")"
		check_screen "$name" "${words[@]}"
		close_app "$name"
	else
		fail "$name: no window named \"$title\" within 120 s"
		cat "$WORK/gui-$name.log"
		kill "$APID" 2>/dev/null
	fi
}

gui wizard "Thiết lập" "Thiết lập" "Cấp của đơn vị" "Danh mục đơn vị" -- "$INST/khuyenhoc.exe" --db 'C:\Mới\khuyenhoc.db'
lap "GUI wizard"
gui main "Xã Đông Hòa" "Công dân học tập" "Quỹ khuyến học" "Nguyễn Thị Hòa" -- "$INST/khuyenhoc.exe"
if ls "$WDATA/backups/khuyenhoc-"*.db >/dev/null 2>&1; then
	ok "closing the window made the day's copy: $(basename "$(ls "$WDATA/backups/khuyenhoc-"*.db | head -n1)")"
else
	fail "no daily copy in backups\\ after closing: $(ls "$WDATA/backups" 2>&1)"
fi
lap "GUI main window"
# Wine's ShellExecute reads only HKLM's classes, not the user's own (Windows
# merges HKCU\Software\Classes into them): for the per-user install the
# command registered for .khkey is run as Explorer runs it. The all-users
# install below goes through ShellExecute itself (start).
cmd=$(wine reg query 'HKCU\Software\Classes\SoKhuyenHoc.Key\shell\open\command' /ve 2>/dev/null | tr -d '\r' | sed -n 's/.*REG_SZ *//p')
exe=$(sed -n 's/^"\([^"]*\)".*/\1/p' <<<"$cmd")
if [[ $cmd == *'"%1"' ]] && [ -n "$exe" ]; then
	ANSWER_FIRST="Quay lại" gui open-key "Xã Đông Hòa" "khóa cấp trên" "Quay lại" -- "$exe" 'C:\USB\huyen.khkey'
else
	fail "the .khkey command is not \"…khuyenhoc.exe\" \"%1\": $cmd"
fi
if grep -q 'msg="open file" file=huyen.khkey kind=.khkey' "$WDATA/logs/khuyenhoc.log" 2>/dev/null; then
	ok "the desktop app's log records the file it was given"
else
	fail "the desktop app's log: $(tail -n 5 "$WDATA/logs/khuyenhoc.log" 2>&1)"
fi
lap "GUI key file"

say "5. Uninstaller, then an install for all users"
wine "$INST/uninstall.exe" /S /CurrentUser
# NSIS runs its uninstaller from a copy in %TEMP%: the command returns at
# once, and the files, links and keys go one after the other. Wait for all.
uninstalled_user() {
	[ ! -e "$INST/khuyenhoc.exe" ] && [ ! -e "$INST/uninstall.exe" ] && [ ! -e "$MENU" ] && [ ! -e "$HOME/Sổ Khuyến Học.lnk" ] &&
		! wine reg query 'HKCU\Software\Classes\.khb' >/dev/null 2>&1 &&
		! wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SoKhuyenHoc' >/dev/null 2>&1
}
for _ in $(seq 300); do uninstalled_user && break; sleep 0.2; done
if uninstalled_user; then
	ok "the uninstaller removed the programs, the shortcuts, the associations and its entry"
else
	fail "after uninstall: $(ls "$INST" "$MENU" "$HOME/Sổ Khuyến Học.lnk" 2>&1 | head -n 5);" \
		"$(wine reg query 'HKCU\Software\Classes\.khb' 2>&1 | head -n 2)" \
		"$(wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SoKhuyenHoc' 2>&1 | head -n 2)"
fi
if [ -f "$WDATA/khuyenhoc.db" ] && [ -d "$WDATA/backups" ]; then ok "the data folder is kept"; else fail "the uninstaller removed the data"; fi
wine "$SETUP" /S /AllUsers
code=$?
ALL="$C/Program Files/SoKhuyenHoc"
PMENU="$C/ProgramData/Microsoft/Windows/Start Menu/Programs/Sổ Khuyến Học"
if [ $code -eq 0 ] && [ -f "$ALL/khuyenhoc.exe" ] && [ -f "$PMENU/Sổ Khuyến Học.lnk" ] && [ -f "$C/users/Public/Desktop/Sổ Khuyến Học.lnk" ] &&
	[[ $(wine cmd /c assoc .khb 2>/dev/null) == *SoKhuyenHoc.Bundle* ]]; then
	ok "a silent install for all users: Program Files, the common Start menu and desktop, HKLM associations"
else
	fail "all-users install: exit $code, $(ls "$ALL" 2>&1 | head -n 3)"
fi
ANSWER_FIRST="Quay lại" gui start-key "Xã Đông Hòa" "khóa cấp trên" "Quay lại" -- start /wait /unix "$C/USB/huyen.khkey"
lap "all-users install and a double-click"
wine "$ALL/uninstall.exe" /S /AllUsers /REMOVEDATA
wait_gone "$ALL/uninstall.exe"
wait_gone "$WDATA"
if [ ! -e "$ALL" ] && [ ! -e "$PMENU" ] && [ ! -e "$WDATA" ]; then
	ok "uninstalled for all users; with /REMOVEDATA the data folder went too"
else
	fail "after uninstall /REMOVEDATA: $(ls "$ALL" "$PMENU" "$WDATA" 2>&1 | head -n 5)"
fi
lap "uninstall"

say "winetest: $(($(now_ms) - T0)) ms in all"
if [ $FAILED -ne 0 ]; then say "winetest: FAILED"; exit 1; fi
say "winetest: all checks passed"

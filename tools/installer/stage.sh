#!/usr/bin/env bash
# tools/installer/stage.sh STAGE GUI.exe CLI.exe — gathers in STAGE what the
# Windows installer and the portable zip hold, under their installed names:
#   khuyenhoc.exe, khuyenhoc-cli.exe, icon.ico, units-LICENSE.txt,
#   DOC-TOI.txt (in Vietnamese: how to start, the requirements, where the data is).
# Used by tools/dist.sh and tools/winetest.sh.
set -euo pipefail
STAGE=${1:?STAGE}
GUI=${2:?GUI.exe}
CLI=${3:?CLI.exe}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$STAGE"
cp "$GUI" "$STAGE/khuyenhoc.exe"
cp "$CLI" "$STAGE/khuyenhoc-cli.exe"
convert "$ROOT/assets/icon.png" -define icon:auto-resize=256,64,48,32,16 "$STAGE/icon.ico"
cp "$ROOT/assets/units/LICENSE" "$STAGE/units-LICENSE.txt"
# UTF-8 with a byte-order mark (Notepad before Windows 10 1903 needs it to
# show Vietnamese) and CRLF line ends.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$ROOT/tools/installer/readme-vi.txt"; } >"$STAGE/DOC-TOI.txt"

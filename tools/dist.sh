#!/usr/bin/env bash
# tools/dist.sh — the release build (make dist), outputs in dist/:
#   khuyenhoc-VERSION-linux-amd64.tar.xz   the Linux package (fyne package:
#                                          binary, .desktop entry, icon, Makefile)
#   khuyenhoc-VERSION-windows-amd64.exe    the Windows app, cross-compiled with mingw-w64
#   khuyenhoc-cli-VERSION-linux-amd64      the command line (no cgo)
#   khuyenhoc-cli-VERSION-windows-amd64.exe
#   khuyenhoc-VERSION-windows-amd64-setup.exe     the Windows installer (NSIS,
#                                          tools/installer/khuyenhoc.nsi)
#   khuyenhoc-VERSION-windows-amd64-portable.zip  both Windows programs, no install
#   SHA256SUMS
# make dist then runs tools/winetest.sh on the Windows files.
# fyne package rewrites FyneApp.toml (it bumps Build): it runs in a staging
# folder on a copy, the tree's FyneApp.toml is kept aside and restored, and
# the script fails if it leaves the tree changed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
FYNE="go run fyne.io/tools/cmd/fyne@v1.7.4"
VERSION=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
[ -n "$VERSION" ] || { echo "dist: no Version in FyneApp.toml"; exit 2; }
OUT=$ROOT/dist
STAGE=$(mktemp -d /tmp/khuyenhoc-dist.XXXXXX)
cp FyneApp.toml "$STAGE/FyneApp.toml.orig"
before=$(git status --porcelain -- FyneApp.toml assets 2>/dev/null || true)

# The Windows exe's icon is a resource object that Go links in from the
# package folder; it exists only while the exe is built.
SYSO=$ROOT/cmd/khuyenhoc/zz_icon_windows_amd64.syso

restore() {
	cp "$STAGE/FyneApp.toml.orig" "$ROOT/FyneApp.toml"
	rm -rf "$STAGE" "$SYSO"
}
trap restore EXIT

mkdir -p "$OUT"
LDFLAGS="-s -w -X main.version=$VERSION"

echo "dist: Linux app $VERSION"
go build -trimpath -ldflags "$LDFLAGS" -o "$STAGE/pkg/khuyenhoc" ./cmd/khuyenhoc
# fyne package needs a folder with Go code and FyneApp.toml; with --exe it
# packages the binary built above instead of building one.
mkdir -p "$STAGE/pkg/assets"
cp FyneApp.toml "$STAGE/pkg/"
cp assets/icon.png "$STAGE/pkg/assets/"
printf 'package main\n' >"$STAGE/pkg/stage.go"
(cd "$STAGE/pkg" && $FYNE package -os linux --exe khuyenhoc --release)
mv "$STAGE/pkg/"*.tar.xz "$OUT/khuyenhoc-$VERSION-linux-amd64.tar.xz"

echo "dist: Windows app $VERSION"
command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "dist: x86_64-w64-mingw32-gcc missing (apt-get install gcc-mingw-w64-x86-64)"; exit 2; }
convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 "$STAGE/icon.ico"
printf '1 ICON "%s"\n' "$STAGE/icon.ico" >"$STAGE/icon.rc"
x86_64-w64-mingw32-windres -O coff -i "$STAGE/icon.rc" -o "$SYSO"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	go build -trimpath -ldflags "-H windowsgui $LDFLAGS" -o "$OUT/khuyenhoc-$VERSION-windows-amd64.exe" ./cmd/khuyenhoc
rm -f "$SYSO"
# (grep -q on a pipe would end the writer early, and pipefail fail the test)
grep -q '\.rsrc' <<<"$(x86_64-w64-mingw32-objdump -h "$OUT/khuyenhoc-$VERSION-windows-amd64.exe")" ||
	{ echo "dist: the Windows exe has no resources (icon)"; exit 1; }

echo "dist: command line $VERSION"
CGO_ENABLED=0 go build -trimpath -ldflags "$LDFLAGS" -o "$OUT/khuyenhoc-cli-$VERSION-linux-amd64" ./cmd/khuyenhoc-cli
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -trimpath -ldflags "$LDFLAGS" \
	-o "$OUT/khuyenhoc-cli-$VERSION-windows-amd64.exe" ./cmd/khuyenhoc-cli

echo "dist: Windows installer and portable zip $VERSION"
command -v makensis >/dev/null || { echo "dist: makensis missing (apt-get install nsis)"; exit 2; }
WSTAGE=$STAGE/windows
bash tools/installer/stage.sh "$WSTAGE" "$OUT/khuyenhoc-$VERSION-windows-amd64.exe" "$OUT/khuyenhoc-cli-$VERSION-windows-amd64.exe"
SETUP=$OUT/khuyenhoc-$VERSION-windows-amd64-setup.exe
makensis -V2 -DVERSION="$VERSION" -DSTAGE="$WSTAGE" -DOUTFILE="$SETUP" tools/installer/khuyenhoc.nsi
ZIP=$OUT/khuyenhoc-$VERSION-windows-amd64-portable.zip
rm -f "$ZIP"
mkdir -p "$STAGE/zip/SoKhuyenHoc"
cp "$WSTAGE/khuyenhoc.exe" "$WSTAGE/khuyenhoc-cli.exe" "$WSTAGE/DOC-TOI.txt" "$WSTAGE/units-LICENSE.txt" "$STAGE/zip/SoKhuyenHoc/"
(cd "$STAGE/zip" && zip -q -9 -X -r "$ZIP" SoKhuyenHoc)
listing=$(unzip -Z1 "$ZIP")
for f in khuyenhoc.exe khuyenhoc-cli.exe DOC-TOI.txt units-LICENSE.txt; do
	grep -qx "SoKhuyenHoc/$f" <<<"$listing" || { echo "dist: the zip lacks $f"; exit 1; }
done

(cd "$OUT" && sha256sum khuyenhoc-*"$VERSION"* >SHA256SUMS)

restore
trap - EXIT
after=$(git status --porcelain -- FyneApp.toml assets 2>/dev/null || true)
if [ "$before" != "$after" ]; then
	echo "dist: the tree changed: $after"
	exit 1
fi
ls -l "$OUT"

# Sourced by tools/apptest.sh and tools/winetest.sh.
# read_png PNG OUT WORD...: what tesseract reads on the screenshot PNG
# (Vietnamese) into OUT.txt. When a word is not read at the shot's own
# size, the shot is read again at twice its size and that is added:
# tesseract reads text best at 20 pixels or more, and misread a 15-point
# label on a tinted row (the navigation's selected item: "Công dân học
# tậi"). The first read stays quick for what is on the screen briefly
# (the status bar's "Đã lưu: …").
read_png() {
	local png=$1 out=$2 w
	shift 2
	tesseract "$png" "$out" -l vie >/dev/null 2>&1
	for w in "$@"; do
		grep -qiF "$w" "$out.txt" 2>/dev/null && continue
		convert "$png" -resize 200% "$png.x2.png" 2>/dev/null &&
			tesseract "$png.x2.png" "$out.x2" -l vie >/dev/null 2>&1 && cat "$out.x2.txt" >>"$out.txt"
		return
	done
}

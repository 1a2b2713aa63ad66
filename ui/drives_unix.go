//go:build !windows

package ui

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"syscall"
)

// removableDrives lists the folders where a USB stick is mounted: on Linux
// /media/$USER/* and /run/media/$USER/* (udisks), and the mount points
// directly in /media (usbmount).
func removableDrives() []string {
	var out []string
	if user := os.Getenv("USER"); user != "" {
		out = mountedIn(filepath.Join("/media", user), filepath.Join("/run/media", user))
	}
	for _, p := range mountedIn("/media") {
		if isMount(p) && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// mountedIn lists the folders directly inside roots, skipping the roots
// themselves and repeats.
func mountedIn(roots ...string) []string {
	seen := map[string]bool{}
	for _, r := range roots {
		seen[filepath.Clean(r)] = true
	}
	var out []string
	for _, r := range roots {
		es, err := os.ReadDir(r)
		if err != nil {
			continue
		}
		for _, e := range es {
			p := filepath.Join(r, e.Name())
			if st, err := os.Stat(p); err == nil && st.IsDir() && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// isMount reports a folder on another device than its parent: something
// is mounted there (an empty /media/cdrom is not).
func isMount(p string) bool {
	a, err1 := os.Stat(p)
	b, err2 := os.Stat(filepath.Dir(p))
	if err1 != nil || err2 != nil {
		return false
	}
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && sa.Dev != sb.Dev
}

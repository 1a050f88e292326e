package export

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/guard"
)

// Marker is the file every export leaves in its folder: a first line that
// says what the folder is, then the path of every file the export wrote,
// one a line, each followed by a tab and the SHA-256 of its bytes (which
// tells the next build what it need not write again: spare.go). Only a folder with this file, holding only those files, is
// ever replaced by -clean.
const Marker = ".relief-export"

const markerHeader = "This folder was written by relief build. relief build -clean replaces it, but only while it holds nothing but these files:\n"

// target is the export folder, checked and ready to be replaced.
type target struct {
	dir    string // absolute, with the links in its parents resolved
	exists bool
	seen   seenTree // what check saw of its folders, for swap to look again (scan.go)
}

// check refuses an export folder that is not safe to write into or to
// replace (see Options), and says why and what to do.
func check(dir string, opts Options) (*target, error) {
	abs, err := realPath(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot use %s as the export folder: %w", dir, err)
	}
	t := &target{dir: abs}
	st, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return t, checkPlace(dir, abs, opts)
	case err != nil:
		return nil, err
	case st.Mode()&fs.ModeSymlink != 0:
		return nil, fmt.Errorf("%s is a symbolic link: relief will not write through a link (it could point anywhere); give -out the real folder, or a new folder name", dir)
	case !st.IsDir():
		return nil, fmt.Errorf("%s is a file, not a folder: give -out a folder name", dir)
	}
	t.exists = true
	if err := checkPlace(dir, abs, opts); err != nil {
		return nil, err
	}
	return t, checkContents(dir, abs, opts.Clean, &t.seen)
}

// checkPlace refuses folders that must never be an export: /, a home
// folder (any folder directly in homes), and any folder that holds, is or
// is inside the folders the site is read from.
func checkPlace(dir, abs string, opts Options) error {
	if abs == filepath.Dir(abs) {
		return fmt.Errorf("%s is the top of the disk: give -out a folder of its own, like ./public", dir)
	}
	home, _ := realPath(opts.Home)
	if (opts.Home != "" && abs == home) || abs == "/root" || homes(filepath.Dir(abs)) {
		return fmt.Errorf("%s is a home folder: give -out a folder of its own, like ./public", dir)
	}
	for _, keep := range opts.Keep {
		k, err := filepath.EvalSymlinks(keep)
		if err == nil {
			k, err = filepath.Abs(k)
		}
		if err != nil {
			continue
		}
		switch {
		case k == abs:
			return fmt.Errorf("%s is the folder the site is read from: give -out a folder of its own, like ./public", dir)
		case inside(k, abs):
			return fmt.Errorf("%s holds %s, which the site is read from: give -out a folder of its own, like ./public", dir, keep)
		case inside(abs, k):
			return fmt.Errorf("%s is inside %s, which the site is read from: give -out a folder outside it, like ./public", dir, keep)
		}
	}
	return nil
}

// checkContents refuses a folder that is neither empty nor a previous
// export holding only what it wrote. It records the state of its folders
// in seen, when seen is empty; else it looks again only where they
// changed (scanSeen).
func checkContents(dir, abs string, clean bool, seen *seenTree) error {
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	for _, name := range []string{".git", "content", "templates"} {
		if slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == name }) {
			return fmt.Errorf("%s holds %s, so it looks like a site's or a project's folder, not an export: give -out a folder of its own, like ./public", dir, name)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	wrote, err := readMarker(abs)
	if errors.Is(err, errNotMarker) {
		return fmt.Errorf("%s is not a file relief wrote: remove it, or choose another folder", filepath.Join(dir, Marker))
	} else if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is not empty and was not written by relief build (it has no %s file): choose an empty or new folder; relief never deletes files it did not write", dir, Marker)
	} else if err != nil {
		return err
	}
	if !clean {
		return fmt.Errorf("%s holds a previous export: add -clean to replace it, or choose an empty folder", dir)
	}
	if seen.wrote != nil && !maps.Equal(wrote, seen.wrote) {
		*seen = seenTree{} // another marker: look through every folder again
	}
	if seen.wrote == nil {
		seen.wrote = wrote
	}
	if extra := foreign(abs, wrote, seen); len(extra) > 0 {
		return fmt.Errorf("%s holds files the last export did not write (%s): move them out of the folder, then run relief build -clean again; relief never deletes files it did not write", dir, strings.Join(extra, ", "))
	}
	return nil
}

var errNotMarker = errors.New("not a marker relief wrote")

// readMarker returns the files the export in abs wrote, each with the
// SHA-256 of its bytes as the marker records it ("" for a marker of an
// older relief, which recorded none).
func readMarker(abs string) (map[string]string, error) {
	folder, err := guard.Open(abs)
	if err != nil {
		return nil, err
	}
	defer folder.Close()
	data, err := guard.NewReader(guard.Limits{File: 64 << 20}).ReadFile(folder, Marker)
	var pe *fs.PathError
	if errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) && pe.Op == "read" {
		return nil, errNotMarker // a link, a pipe, a huge file: not ours
	}
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(markerHeader)) {
		return nil, errNotMarker
	}
	wrote := map[string]string{Marker: ""}
	sc := bufio.NewScanner(bytes.NewReader(data[len(markerHeader):]))
	for sc.Scan() {
		name, sum := markerLine(sc.Text())
		wrote[name] = sum
	}
	return wrote, sc.Err()
}

// markerLine splits a line of the marker into the file's name and the
// hex SHA-256 after its last tab, when there is one.
func markerLine(line string) (name, sum string) {
	i := strings.LastIndexByte(line, '\t')
	if i < 0 || len(line)-i-1 != 2*sha256.Size {
		return line, ""
	}
	if _, err := hex.DecodeString(line[i+1:]); err != nil {
		return line, ""
	}
	return line[:i], line[i+1:]
}

// foreign lists (at most five of) the files and links under abs that are
// not in wrote. Folders are fine: the export made them, or they are empty.
// seen is as for checkContents (nil: look through every folder).
func foreign(abs string, wrote map[string]string, seen *seenTree) []string {
	var extra []string
	if seen == nil {
		seen = &seenTree{}
	}
	scanSeen(abs, seen, func(rel string, f scanned) bool {
		if !f.regular || !listed(wrote, rel) {
			extra = append(extra, filepath.FromSlash(rel))
		}
		return len(extra) < 5
	})
	return extra
}

func listed(wrote map[string]string, name string) bool {
	_, ok := wrote[name]
	return ok
}

// writeMarker writes the marker into dir: each file of sums, one a line,
// with the SHA-256 of its bytes after a tab.
func writeMarker(dir string, sums map[string]string) error {
	lines := make([]string, 0, len(sums))
	for name, sum := range sums {
		lines = append(lines, name+"\t"+sum+"\n")
	}
	slices.Sort(lines)
	return os.WriteFile(filepath.Join(dir, Marker), []byte(markerHeader+strings.Join(lines, "")), 0o644)
}

// swap puts the new export, built in tmp beside t.dir, in place of the
// old one, which check found held only what an export wrote, and keeps
// the old one as the spare (keepSpare). Where the system can, both
// folders trade places in one step (exchange: Linux, and macOS on APFS),
// so a web server reading the folder never finds it missing. Elsewhere
// (Windows, the BSDs, file systems that cannot) it takes two renames: the
// old export is moved aside, then the new one into its place, and the old
// one moved back if that fails. A reader may then find no folder for the
// moment between the two renames, but never a half-written one, and the
// old export is whole until the new one is in place.
func swap(tmp string, t *target, clean bool) error {
	if !t.exists {
		return os.Rename(tmp, t.dir)
	}
	if err := checkContents(t.dir, t.dir, clean, &t.seen); err != nil {
		return err // changed while we built
	}
	if err := exchange(tmp, t.dir); err == nil {
		return keepSpare(tmp, t.dir) // tmp now holds the old export
	}
	old := tmp + ".old"
	// A build stopped between the two renames (the power cut, the
	// process killed) left this folder behind, and the export folder
	// missing until the next build: that build put a whole new export in
	// place, so what is left here is only an old copy, ours to remove.
	os.RemoveAll(old)
	if err := os.Rename(t.dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, t.dir); err != nil {
		os.Rename(old, t.dir)
		return err
	}
	return keepSpare(old, t.dir)
}

// homes reports whether dir is the folder that holds the users' home
// folders: /home (Linux, the BSDs), /Users (macOS), or \Users on a drive
// (Windows: C:\Users).
func homes(dir string) bool {
	if vol := filepath.VolumeName(dir); vol != "" {
		return strings.EqualFold(dir[len(vol):], `\Users`)
	}
	return dir == "/home" || dir == "/Users"
}

// inside reports whether path is inside the folder dir.
func inside(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// realPath returns dir as an absolute path with the links in its parents
// resolved (not a link at dir itself, which check refuses).
func realPath(dir string) (string, error) {
	if dir == "" {
		return "", errors.New("no folder given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	parent, base := filepath.Split(abs)
	if base == "" {
		return abs, nil
	}
	for p := filepath.Clean(parent); ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			rest, _ := filepath.Rel(p, filepath.Clean(parent))
			return filepath.Join(real, rest, base), nil
		}
		if p == filepath.Dir(p) {
			return abs, nil
		}
	}
}

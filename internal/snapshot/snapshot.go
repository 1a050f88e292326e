package snapshot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"github.com/relief-massage/relief/internal/guard"
)

// MaxSize is the most bytes Read copies into memory from one folder. A
// practice's content, templates and images are a few megabytes; a folder
// larger than this is almost certainly not the site.
const MaxSize = 512 << 20

// Read copies every regular file of fsys into memory. Dot-files and
// dot-folders (an editor's swap files, .git), links, pipes and devices are
// left out, as the site never serves them. Sizes are checked before any
// file is read, so a folder over MaxSize fails without being read.
func Read(fsys fs.FS) (fs.FS, error) {
	m := fstest.MapFS{}
	total := 0
	err := guard.Files(fsys, func(name string, info fs.FileInfo) error {
		if !info.Mode().IsRegular() {
			return nil // links, pipes and devices: never part of a site
		}
		if total += int(info.Size()); total > MaxSize { // checked before reading: a file may be huge
			return fmt.Errorf("the folder holds more than %d MB: move what the site does not need out of it", MaxSize>>20)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

const (
	current = "last-good"
	old     = "last-good.old"
	stamp   = "saved"
)

// Save writes folders (keyed by name: "content", "templates", "static")
// as the snapshot in the state folder dir, replacing the one there. It
// creates dir when missing.
func Save(dir string, folders map[string]fs.FS, now time.Time) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, current+".tmp-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone after the rename; left over only on failure
	for name, fsys := range folders {
		if err := os.CopyFS(filepath.Join(tmp, name), fsys); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, stamp), []byte(now.UTC().Format(time.RFC3339)+"\n"), 0o644); err != nil {
		return err
	}
	cur, prev := filepath.Join(dir, current), filepath.Join(dir, old)
	if err := os.RemoveAll(prev); err != nil {
		return err
	}
	if err := os.Rename(cur, prev); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, cur); err != nil {
		return err
	}
	return os.RemoveAll(prev)
}

// Open returns the snapshot in the state folder dir: its folders by name
// and when it was saved. It returns an error wrapping fs.ErrNotExist when
// there is none.
func Open(dir string) (map[string]fs.FS, time.Time, error) {
	for _, name := range []string{current, old} {
		root := filepath.Join(dir, name)
		data, err := os.ReadFile(filepath.Join(root, stamp))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, time.Time{}, err
		}
		saved, err := time.Parse(time.RFC3339, strings.TrimSpace(string(data)))
		if err != nil {
			return nil, time.Time{}, fmt.Errorf("%s: %w", filepath.Join(root, stamp), err)
		}
		entries, err := os.ReadDir(root)
		if err != nil {
			return nil, time.Time{}, err
		}
		folders := map[string]fs.FS{}
		for _, e := range entries {
			if e.IsDir() {
				folders[e.Name()] = os.DirFS(filepath.Join(root, e.Name()))
			}
		}
		return folders, saved, nil
	}
	return nil, time.Time{}, fmt.Errorf("no last good version in %s yet: %w", dir, fs.ErrNotExist)
}

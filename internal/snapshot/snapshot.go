package snapshot

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/guard"
)

// MaxSize is the most bytes Save copies from one folder. A practice's
// content, templates and images are a few megabytes; a folder larger than
// this is almost certainly not the site.
const MaxSize = 512 << 20

const (
	current = "last-good"
	old     = "last-good.old"
	stamp   = "saved"
)

// Save copies folders (keyed by name: "content", "templates", "static")
// as the snapshot in the state folder dir, replacing the one there. It
// creates dir when missing. Every regular file is copied, one at a time,
// so that a large site never sits in memory; dot-files and dot-folders
// (an editor's swap files, .git), links, pipes and devices are left out,
// as the site never serves them. A folder over MaxSize fails, without
// reading any file past the limit, and the snapshot there stays as it was.
func Save(dir string, folders map[string]fs.FS, now time.Time) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, current+".tmp-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone after the rename; left over only on failure
	buf := make([]byte, 32<<10)
	for name, fsys := range folders {
		if err := copyFolder(filepath.Join(tmp, name), fsys, buf); err != nil {
			return fmt.Errorf("the %s folder: %w", name, err)
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

// copyFolder copies every regular file of fsys that is not hidden into
// the folder dst, file by file through buf.
func copyFolder(dst string, fsys fs.FS, buf []byte) error {
	var used int64
	tooBig := fmt.Errorf("the folder holds more than %d MB: move what the site does not need out of it", MaxSize>>20)
	return guard.Files(fsys, func(name string, info fs.FileInfo) error {
		if !info.Mode().IsRegular() {
			return nil // links, pipes and devices: never part of a site
		}
		if used+info.Size() > MaxSize { // checked before reading: a file may be huge
			return tooBig
		}
		to := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		n, err := copyFile(to, fsys, name, MaxSize-used, buf)
		if used += n; err == nil && used > MaxSize {
			return tooBig // the file grew while it was copied
		}
		return err
	})
}

// copyFile copies the file name of fsys to the new file to, reading at
// most max+1 bytes, and returns how many it copied.
func copyFile(to string, fsys fs.FS, name string, max int64, buf []byte) (int64, error) {
	in, err := fsys.Open(name)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := io.CopyBuffer(out, io.LimitReader(in, max+1), buf)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}

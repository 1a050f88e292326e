package guard

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
)

// WriteFile writes data to name, a slash-separated path inside dir, so
// that a reader (the server, the watcher, a backup) sees the old bytes or
// the new ones, never an empty or half-written file, and the new bytes
// survive a power cut once it returns: it writes a temp file in the same
// folder (a dot-file, which every walk skips: Hidden), syncs it, renames it
// over name, and syncs the folder. The file keeps the permissions of the
// one it replaces (0644 for a new file); missing folders are made.
// Everything goes through os.Root,
// so name cannot leave dir. On any error the old file is untouched and the
// temp file is removed.
func WriteFile(dir, name string, data []byte) (err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("cannot open the folder %s to save %s: %w", dir, name, err)
	}
	defer root.Close()
	perm := fs.FileMode(0o644)
	if st, err := root.Lstat(name); err == nil {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s is not an ordinary file, so it was not replaced: move it away first", name)
		}
		perm = st.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return fmt.Errorf("cannot make the folder for %s: %w", name, err)
	}
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+"."+randomSuffix()+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return fmt.Errorf("cannot save %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			root.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("cannot save %s (is the disk full?): %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot save %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot save %s: %w", name, err)
	}
	if err = root.Rename(tmp, name); err != nil {
		return fmt.Errorf("cannot save %s: %w", name, err)
	}
	return syncDir(root, path.Dir(name))
}

// syncDir makes a rename in folder dir durable.
func syncDir(root *os.Root, dir string) error {
	d, err := root.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("saved, but the folder %s could not be flushed to disk: %w", dir, err)
	}
	return nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

//go:build !linux || portable

package cache

import (
	"io"
	"os"
	"time"
)

// readHead returns at most the first n bytes of the regular file name
// and when it was last modified.
func readHead(name string, n int) ([]byte, time.Time, bool) {
	f, err := os.Open(name)
	if err != nil {
		return nil, time.Time{}, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, time.Time{}, false
	}
	data := make([]byte, min(st.Size(), int64(n)))
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, time.Time{}, false
	}
	return data, st.ModTime(), true
}

// identity is unknown here (the change time is not in os.FileInfo): the
// version is the program's SHA-256.
func identity(*os.File) (string, bool) { return "", false }

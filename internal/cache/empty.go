package cache

import (
	"errors"
	"io"
	"os"
)

// Empty reports whether the store's folder holds nothing at all, no entry
// and no export's file (a new cache folder: the first run on this computer, or after the folder was
// deleted), so that every result is about to be made now. A nil Store
// (the cache switched off) is not empty: it remembers nothing, so every
// run is alike and there is nothing to tell apart. Entries of another
// version of relief count as entries: Empty says nothing of how many
// lookups will hit.
func (s *Store) Empty() bool {
	if s == nil {
		return false
	}
	d, err := os.Open(s.dir)
	if err != nil {
		return false
	}
	defer d.Close()
	_, err = d.Readdirnames(1)
	return errors.Is(err, io.EOF)
}

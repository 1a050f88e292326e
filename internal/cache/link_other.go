//go:build !unix

package cache

import (
	"crypto/sha256"
	"time"
)

// Link always returns an error here: the caller writes dst itself.
func (s *Store) Link(dst string, sum [sha256.Size]byte, size int64, body func() []byte, now time.Time) error {
	return ErrNotLinked
}

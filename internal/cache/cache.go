// Package cache keeps the results of slow work that depends only on its
// inputs — a page's Markdown rendered to HTML, a body compressed with
// gzip or brotli — in a folder on disk, so that the next start of the
// server or the next `relief build` redoes only what changed.
//
// The cache is content-addressed: an entry's name is the SHA-256 of
// everything the result depends on (the kind of work, the input bytes, and
// the version of the program that did it), so an entry is never stale, it
// is only unused. Nothing is ever looked up by file name or date, and any
// entry, or the whole folder, may be deleted at any time: a miss just
// means the work is done again. Every check of the content still runs on
// every load; the cache only remembers results, never verdicts.
//
// Entries are files under DIR/v1/<first two hex digits>/<key>, written to
// a temporary file and renamed into place, so a reader sees a whole entry
// or none, even with two relief processes sharing the folder.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
)

// Store is a cache folder. A nil *Store is a cache that is switched off:
// Get always misses and Put does nothing. A Store is safe for concurrent
// use.
type Store struct {
	dir     string // DIR/v1
	version string
}

// Open returns the cache in dir, creating the folder if needed. version
// names the program that computes the results (see Version): entries made
// by another version are never read.
func Open(dir, version string) (*Store, error) {
	d := filepath.Join(dir, "v1")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, err
	}
	return &Store{dir: d, version: version}, nil
}

// Key names a result: the SHA-256 of the store's version, the kind of
// work and every input, each length-prefixed so that no two different
// lists of inputs give the same key.
type Key [sha256.Size]byte

// Key returns the key of the result of kind ("markdown", "gzip") over the
// given inputs.
func (s *Store) Key(kind string, inputs ...[]byte) Key {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	part := func(b []byte) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))])
		h.Write(b)
	}
	if s != nil {
		part([]byte(s.version))
	}
	part([]byte(kind))
	for _, in := range inputs {
		part(in)
	}
	var k Key
	h.Sum(k[:0])
	return k
}

func (s *Store) path(k Key) string {
	name := hex.EncodeToString(k[:])
	return filepath.Join(s.dir, name[:2], name)
}

// Get returns the entry for k, or false when there is none.
func (s *Store) Get(k Key) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	data, err := os.ReadFile(s.path(k))
	return data, err == nil
}

// Put stores data as the entry for k. A cache is an optimisation, so a
// failure (a full disk, a read-only folder) is ignored: the work is simply
// done again next time.
func (s *Store) Put(k Key, data []byte) {
	if s == nil {
		return
	}
	p := s.path(k)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr != nil || cerr != nil {
		os.Remove(f.Name())
		return
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
	}
}

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
	"sync"
)

// Store is a cache folder. A nil *Store is a cache that is switched off:
// Get always misses and Put does nothing. A Store is safe for concurrent
// use.
type Store struct {
	dir     string // DIR/v1
	version string
	writes  chan entry // Put's queue, written by one goroutine
	pending sync.WaitGroup
}

type entry struct {
	key  Key
	data []byte
}

// Open returns the cache in dir, creating the folder if needed. version
// names the program that computes the results (see ExecutableVersion):
// entries made by another version are never read.
func Open(dir, version string) (*Store, error) {
	d := filepath.Join(dir, "v1")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, err
	}
	s := &Store{dir: d, version: version, writes: make(chan entry, 256)}
	go func() {
		for e := range s.writes {
			s.write(e.key, e.data)
			s.pending.Done()
		}
	}()
	return s, nil
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

// Put stores data as the entry for k, in the background: the work that
// made data goes on at once. data must not change afterwards. A cache is
// an optimisation, so a failure (a full disk, a read-only folder) is
// ignored: the work is simply done again next time. Wait waits until
// every entry put is written.
func (s *Store) Put(k Key, data []byte) {
	if s == nil {
		return
	}
	s.pending.Add(1)
	s.writes <- entry{k, data}
}

// Wait returns once every entry put so far is on disk (or failed). A
// program that is about to exit calls it, so that the next run finds
// what this one made.
func (s *Store) Wait() {
	if s != nil {
		s.pending.Wait()
	}
}

func (s *Store) write(k Key, data []byte) {
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

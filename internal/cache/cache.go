// Package cache keeps the results of slow work that depends only on its
// inputs — a page's Markdown rendered to HTML, a body compressed with
// gzip or brotli — in a folder on disk, so that the next start of the
// server or the next `relief build` redoes only what changed.
//
// The same holds for a whole page (package site, pagecache.go): its bytes
// with their ETag and compressed forms, in one entry, keyed by everything
// the page is made from.
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
// or none, even with two relief processes sharing the folder. Each ends
// with a checksum (CRC-32C) of its key and bytes, which Get checks: an
// entry cut short or damaged on the disk (a crash before the system wrote
// it out, a bad sector) or copied under another name is a miss, never
// another page's bytes.
//
// A run that uses few of the bytes it reads, like `relief build` (which
// needs a page's sums, not its forms, unless the page changed), maps the
// entries into memory instead of reading them (Store.MapEntries): the
// system copies nothing, and what the run keeps of an entry (a parse's
// strings) is a view of the mapping, not a copy. An entry whose bytes are
// mostly not needed is split (split.go: a page's), in a head and a tail
// each with its own checksum: such a run reads the head alone, and the
// tail only when it needs it, checking it then (ErrDamaged).
//
// Beside the entries, the folder keeps the files of `relief build`'s
// exports by the SHA-256 of their bytes, which the exports are hard links
// to (files.go): one copy of each file, however many exports hold it.
//
// The folder does not grow without bound (prune.go): an entry's
// modification time says when it was last used (to the day), and at most
// once a day a run deletes the entries no run has used for MaxAge (30
// days), then the least recently used ones until the folder holds at most
// MaxBytes (2 GiB, or $RELIEF_CACHE_MAX_MB); stored files go by the same
// rules, by the date of their last link. Entries made by older
// versions of relief are never used again, so they go too.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// Store is a cache folder. A nil *Store is a cache that is switched off:
// Get always misses and Put does nothing. A Store is safe for concurrent
// use.
//
// Writing entries costs file-system work that would slow down the very
// start it is meant to speed up, so Put only queues an entry; one
// goroutine writes the queue once Flush or Wait is called (a server calls
// Flush when it is ready to serve, a build calls Wait before it exits).
type Store struct {
	dir     string // DIR/v1
	version string
	mapped  atomic.Bool  // Get maps entries instead of reading them (MapEntries)
	maps    atomic.Int64 // entries mapped so far (see mapEntry)
	// none is set while the folder is known to hold no entry: it held
	// nothing when the Store was opened, and this Store has written no
	// entry since. Get, GetSplit and Has then miss without asking the
	// system (the first start looks up thousands of entries that are not
	// there). An entry another program writes meanwhile is missed: that
	// only costs doing its work again.
	none atomic.Bool

	mu      sync.Mutex
	queue   []entry
	writing bool // the writer goroutine runs
	flushed bool // Flush was called: write as entries come
	idle    sync.Cond
}

type entry struct {
	key  Key
	data func() []byte
	raw  bool // data carries its own checksums (a split entry): write adds none
}

// Open returns the cache in dir, creating the folder if needed. version
// names the program that computes the results (see ExecutableVersion):
// entries made by another version are never read.
func Open(dir, version string) (*Store, error) {
	d := filepath.Join(dir, "v1")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, err
	}
	s := &Store{dir: d, version: version}
	s.idle.L = &s.mu
	s.none.Store(s.Empty())
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

// Get returns the entry for k, or false when there is none. An entry last
// marked used more than a day ago is marked used now (its modification
// time), which is what Prune goes by.
func (s *Store) Get(k Key) ([]byte, bool) {
	if s == nil || s.none.Load() {
		return nil, false
	}
	name := s.path(k)
	var data []byte
	var mtime time.Time
	var ok bool
	if s.mapped.Load() {
		data, mtime, ok = mapEntry(name, &s.maps)
	} else {
		data, mtime, ok = readEntry(name)
	}
	if !ok {
		return nil, false
	}
	data, ok = checked(k, data)
	if !ok {
		return nil, false
	}
	if now := time.Now(); now.Sub(mtime) > touchAfter {
		os.Chtimes(name, now, now) // best effort: a miss later only costs the work again
	}
	return data, true
}

// MapEntries makes Get return each entry mapped into memory, read-only,
// instead of read into a new slice: the system then copies no bytes, and
// what the program keeps of an entry can be a view of the mapping, not a
// copy (Mapped). It is for a program that runs once and uses a small part
// of most entries, like `relief build`, which looks at the sums of a
// page's forms and uses its bytes only to write a file that changed. The mapped bytes
// stay until the program exits, so a server, which keeps a page's bytes
// for hours and drops the rest, reads them instead.
//
// The returned bytes must never be written (the program would crash).
// An entry is only ever replaced by a rename or deleted, which leaves a
// mapping whole; cutting an entry short in place (by hand, while a build
// runs) would stop that build.
func (s *Store) MapEntries() {
	if s != nil {
		s.mapped.Store(true)
	}
}

// ReadEntries undoes MapEntries: Get reads each entry whole from now on,
// and GetSplit checks both parts at once. A build that met a damaged
// entry (ErrDamaged) builds again so.
func (s *Store) ReadEntries() {
	if s != nil {
		s.mapped.Store(false)
	}
}

// Mapped reports whether Get maps entries (MapEntries): the bytes it
// returns are then shared with every other use of the entry and last as
// long as the program, so there is no point copying what is kept of them.
func (s *Store) Mapped() bool {
	return s != nil && s.mapped.Load()
}

// Has reports whether an entry for k is on disk, without reading it.
func (s *Store) Has(k Key) bool {
	if s == nil || s.none.Load() {
		return false
	}
	_, err := os.Stat(s.path(k))
	return err == nil
}

// Put queues data as the entry for k (see Store). data must not change
// afterwards. A cache is an optimisation, so a failure to write (a full
// disk, a read-only folder) is ignored: the work is simply done again next
// time.
func (s *Store) Put(k Key, data []byte) {
	s.PutFunc(k, func() []byte { return data })
}

// PutFunc is Put for data that is only computed (encoded) when the entry
// is written, so that a queued entry takes no more memory than what it is
// made from.
func (s *Store) PutFunc(k Key, data func() []byte) {
	s.put(entry{k, data, false})
}

func (s *Store) put(e entry) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, e)
	s.startLocked()
}

// Flush starts writing the queued entries, and every entry put from now
// on, in the background.
func (s *Store) Flush() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushed = true
	s.startLocked()
}

// Wait writes every entry put so far and returns when they are on disk
// (or failed). A program that is about to exit calls it, so that the next
// run finds what this one made.
func (s *Store) Wait() {
	if s == nil {
		return
	}
	s.Flush()
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.writing {
		s.idle.Wait()
	}
}

func (s *Store) startLocked() {
	if s.flushed && !s.writing && len(s.queue) > 0 {
		s.writing = true
		go s.writeQueue()
	}
}

// writeQueue writes queued entries until there are none left.
func (s *Store) writeQueue() {
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.writing = false
			s.queue = nil // let the backing array go
			s.idle.Broadcast()
			s.mu.Unlock()
			return
		}
		e := s.queue[0]
		s.queue[0] = entry{}
		s.queue = s.queue[1:]
		s.mu.Unlock()
		s.write(e.key, e.data(), !e.raw)
	}
}

// write writes data as the entry for k, ending with its checksum when sum
// is set.
func (s *Store) write(k Key, data []byte, sum bool) {
	s.none.Store(false) // before the entry can be there
	p := s.path(k)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	if werr == nil && sum {
		_, werr = f.Write(binary.BigEndian.AppendUint32(nil, checksum(k, data)))
	}
	if cerr := f.Close(); werr != nil || cerr != nil {
		os.Remove(f.Name())
		return
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
	}
}

// castagnoli is the CRC-32C table: the processor computes it (SSE 4.2,
// ARMv8), about as fast as the bytes can be read.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum is the CRC-32C of an entry's key and bytes, which ends the
// entry on disk.
func checksum(k Key, data []byte) uint32 {
	return crc32.Update(crc32.Checksum(k[:], castagnoli), castagnoli, data)
}

// checked returns the bytes of the entry raw read under k without its
// checksum, and false when the checksum does not match (see the package
// comment).
func checked(k Key, raw []byte) ([]byte, bool) {
	n := len(raw) - 4
	if n < 0 || binary.BigEndian.Uint32(raw[n:]) != checksum(k, raw[:n]) {
		return nil, false
	}
	return raw[:n:n], true
}

// readEntry returns the bytes of the regular file name and when it was
// last modified (readHead of all of it).
func readEntry(name string) ([]byte, time.Time, bool) { return readHead(name, math.MaxInt) }

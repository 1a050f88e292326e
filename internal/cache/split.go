package cache

import (
	"encoding/binary"
	"errors"
	"os"
	"sync"
	"time"
)

// A split entry is an entry in two parts, each with its own checksum: a
// small head, which is all most runs need, and a tail, read and checked
// only when asked for. A page's entry is one (package site): its head
// holds its ETag and the sums of its forms, which is all a build needs
// of a page that did not change, and its tail the compressed forms, which
// are nine tenths of its bytes. On disk it is
//
//	uvarint(len(head)) head CRC-32C(key, head) tail CRC-32C(key, tail)
//
// A store that reads its entries (a server) reads and checks both parts
// at once, as Get does. A store that maps them (MapEntries: a build)
// reads only the first bytes of the file, as many as the head takes, and
// the tail when Tail.Bytes is called, checking it then: an entry cut
// short, changed or under another key's name is never used, but a build
// learns that its tail is damaged only when it needs those bytes, and
// then starts again with every entry checked as it is read (see
// ErrDamaged).

// ErrDamaged says that the tail of a split entry the run took the head
// of turned out damaged when its bytes were needed: what was made from
// the entry must be made again, without it.
var ErrDamaged = errors.New("cache: an entry turned out damaged (the disk changed it): build again")

// headRead is how many bytes of a split entry a mapping store reads at
// first: room for any page's head, so one read is enough.
const headRead = 1024

// maxHead bounds the head of a split entry: a length past it is damage.
const maxHead = 1 << 20

// Tail is the tail of a split entry.
type Tail struct {
	store *Store
	key   Key
	name  string // the entry's file
	off   int    // where the tail starts in the file

	once sync.Once
	data []byte // checked; nil until read (and when damaged)
	ok   bool
}

// Bytes returns the tail, read and checked now if it was not yet, or
// false when it is damaged (or gone: a prune deleted the entry).
func (t *Tail) Bytes() ([]byte, bool) {
	if t == nil {
		return nil, false
	}
	t.once.Do(func() {
		raw, _, ok := mapEntry(t.name, &t.store.maps)
		if !ok || len(raw) < t.off {
			return
		}
		t.data, t.ok = checked(t.key, raw[t.off:])
	})
	return t.data, t.ok
}

// PutSplit queues head and tail as the split entry for k (see Put).
// data is called when the entry is written.
func (s *Store) PutSplit(k Key, data func() (head, tail []byte)) {
	s.put(entry{k, func() []byte {
		head, tail := data()
		b := make([]byte, 0, binary.MaxVarintLen64+len(head)+len(tail)+8)
		b = binary.AppendUvarint(b, uint64(len(head)))
		b = append(b, head...)
		b = binary.BigEndian.AppendUint32(b, checksum(k, head))
		b = append(b, tail...)
		return binary.BigEndian.AppendUint32(b, checksum(k, tail))
	}, true})
}

// GetSplit returns the head and tail of the split entry for k, or false
// when there is none or its head is damaged. A store that reads its
// entries checks the tail too, and misses when it is damaged; one that
// maps them reads the tail only when asked (see the split entries).
func (s *Store) GetSplit(k Key) ([]byte, *Tail, bool) {
	if s == nil || s.none.Load() {
		return nil, nil, false
	}
	name := s.path(k)
	var raw []byte
	var mtime time.Time
	var ok bool
	whole := !s.mapped.Load()
	if whole {
		raw, mtime, ok = readEntry(name)
	} else {
		raw, mtime, ok = readHead(name, headRead)
	}
	if !ok {
		return nil, nil, false
	}
	head, off, ok := splitHead(k, raw, name, headRead)
	if !ok {
		return nil, nil, false
	}
	t := &Tail{store: s, key: k, name: name, off: off}
	if whole {
		t.once.Do(func() { t.data, t.ok = checked(k, raw[off:]) })
		if !t.ok {
			return nil, nil, false
		}
	}
	if now := time.Now(); now.Sub(mtime) > touchAfter {
		os.Chtimes(name, now, now) // best effort, as in Get
	}
	return head, t, true
}

// splitHead returns the checked head of the split entry that starts with
// raw (the whole file, or its first bytes: then a head longer than raw is
// read from the file name), and where its tail starts.
func splitHead(k Key, raw []byte, name string, read int) ([]byte, int, bool) {
	n, w := binary.Uvarint(raw)
	if w <= 0 || n > maxHead {
		return nil, 0, false
	}
	end := w + int(n) + 4
	if end > len(raw) && len(raw) == read { // a head longer than the first read: read as far as it goes
		more, _, ok := readHead(name, end)
		if !ok {
			return nil, 0, false
		}
		raw = more
	}
	if end > len(raw) {
		return nil, 0, false
	}
	head, ok := checked(k, raw[w:end])
	return head, end, ok
}

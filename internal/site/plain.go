package site

import (
	"bytes"
	"encoding/binary"
	"io"
	"sync"

	"github.com/klauspost/compress/gzip"
)

// A served site keeps each page compressed only: its gzip and brotli
// forms, which browsers ask for, are a third of the page's size together,
// while the page as it is would be the largest of the three. The plain
// body, for the few clients that accept no compression (scripts, some
// crawlers), is inflated from the gzip form when asked for, and the last
// ones inflated are kept (hotBodies) so that a page asked for plain again
// and again is inflated once. Every form a client can get is byte for byte
// what it was when rendered: gzip is lossless, and the ETag and length
// were taken from the rendered bytes.

// Plain returns the body as it is (the identity encoding): the rendered
// bytes when they are kept, else the gzip form inflated. The caller must
// not change it. It is nil for a page a build took from the page cache
// whose forms turned out damaged (Form says so).
func (e *Encodings) Plain() []byte {
	if e.load(); e.stored != nil && !e.stored.ok {
		return nil // a page whose stored forms are damaged: see Form
	}
	if p := e.plain.Load(); p != nil {
		return *p
	}
	if b := e.inflated.Load(); b != nil {
		return *b
	}
	gz, _ := e.Gzip() // made: the body is dropped only once it is
	b := inflate(gz, nil)
	e.hot.keep(e, b)
	return b
}

// dropPlain forgets the rendered bytes of a body that has a gzip form,
// which Plain inflates instead, keeping the last ones in hot.
func (e *Encodings) dropPlain(hot *hotBodies) {
	if e.stored != nil {
		return // its forms are read when asked for, the body never kept
	}
	if gz, _ := e.Gzip(); gz != nil && hot != nil {
		e.hot = hot // before the body is dropped: Plain reads it after
		e.plain.Store(nil)
	}
}

// gzipSize is the length of what a gzip stream holds, from its trailer
// (RFC 1952: ISIZE, the length modulo 2^32; a page is far smaller).
func gzipSize(gz []byte) int {
	return int(binary.LittleEndian.Uint32(gz[len(gz)-4:]))
}

var gzipReaders sync.Pool // *gzip.Reader

// inflate returns the bytes the gzip stream gz holds, in buf when it is
// large enough. gz is a form this program made (or read back from its
// cache and checked, see plausible), so an error here is a bug: it
// panics, and the server's recovery answers 500 with the details logged.
func inflate(gz, buf []byte) []byte {
	n := gzipSize(gz)
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	zr, _ := gzipReaders.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(gz))
	} else {
		err = zr.Reset(bytes.NewReader(gz))
	}
	if err == nil {
		_, err = io.ReadFull(zr, buf)
	}
	if err != nil {
		panic("site: inflating a page's own gzip form: " + err.Error())
	}
	gzipReaders.Put(zr)
	return buf
}

// hotPlainBytes is how many bytes of inflated bodies a site keeps: about
// 160 pages of 25 kB, a small fraction of a site of a thousand.
const hotPlainBytes = 4 << 20

// hotBodies keeps the plain bodies inflated last, up to a number of bytes;
// a new one pushes out the oldest. A body is looked up without a lock
// (Encodings.inflated); only keeping one takes the lock.
type hotBodies struct {
	mu    sync.Mutex
	max   int
	bytes int
	kept  []hotBody // oldest first
}

type hotBody struct {
	e    *Encodings
	body *[]byte
}

func newHotBodies(max int) *hotBodies { return &hotBodies{max: max} }

// keep makes body e's inflated form, pushing out the oldest bodies to stay
// within the limit. A body larger than a quarter of the limit is not kept.
func (h *hotBodies) keep(e *Encodings, body []byte) {
	if h == nil || len(body) > h.max/4 {
		return
	}
	p := &body
	h.mu.Lock()
	defer h.mu.Unlock()
	if !e.inflated.CompareAndSwap(nil, p) {
		return // another request inflated it meanwhile
	}
	h.kept = append(h.kept, hotBody{e, p})
	h.bytes += len(body)
	for h.bytes > h.max {
		old := h.kept[0]
		h.kept[0] = hotBody{}
		h.kept = h.kept[1:]
		h.bytes -= len(*old.body)
		old.e.inflated.CompareAndSwap(old.body, nil)
	}
}

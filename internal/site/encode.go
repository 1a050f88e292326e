package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"golang.org/x/sync/errgroup"

	"github.com/relief-massage/relief/internal/cache"
)

// Encodings are a response body in each encoding, with strong ETags, one
// per encoding, so that a cache never mixes them up. The identity ETag
// and the gzip form are made while the site is built; the brotli form,
// which costs twice as much again, is made once per build in the
// background (see Site.Compressed), so a site starts serving sooner. Until
// a body's brotli form is ready, clients that accept br get gzip. A served
// site's pages keep only their compressed forms, and Plain inflates the
// body as it is when a client wants it (see plain.go).
type Encodings struct {
	ETag     string // of the identity body: `"5d41402abc4b2a76"`
	Gzip     []byte // nil when gzip would not make the body smaller
	GzipETag string // `"5d41402abc4b2a76-gz"`, or "" without Gzip
	brotli   atomic.Pointer[form]

	plain    []byte                 // the body as it is; nil when only Gzip is kept (see Plain)
	hot      *hotBodies             // where Plain keeps what it inflates, when plain is nil
	inflated atomic.Pointer[[]byte] // the body inflated from Gzip, while hot keeps it
	sums     *[3][sha256.Size]byte  // of the body, Gzip and brotli, when the page cache kept them (Sums)
}

// form is one compressed form with its ETag.
type form struct {
	body []byte
	etag string
}

// Brotli returns the brotli form and its ETag (`"5d41402abc4b2a76-br"`),
// or nil and "" while it is still being made, or when brotli would not
// make the body smaller.
func (e *Encodings) Brotli() ([]byte, string) {
	if f := e.brotli.Load(); f != nil {
		return f.body, f.etag
	}
	return nil, ""
}

// Compression settings, measured on a generated 1,000-condition site
// (14.8 MB of HTML): brotli's top levels are very slow in pure Go, and
// level 5 comes within 0.5% of level 6's size at a third of its time
// (0.7 s against 2 s of CPU). klauspost/compress's gzip at level 6 takes
// half the time of compress/gzip for output 2% larger. A 256 KiB window
// covers any page, and is cheaper to set up than the default.
const (
	gzipLevel   = gzip.DefaultCompression
	brotliLevel = 5
	brotliLGWin = 18
)

// Encode returns the encodings of body, all made now, the body itself
// kept. Only text is compressed (see Compressible); other bodies get just
// an ETag.
func Encode(body []byte, contentType string) *Encodings {
	return EncodeCached(body, contentType, nil)
}

// EncodeCached is Encode, taking the compressed forms an earlier run made
// of the same bytes from disk (and keeping what it makes there), when
// disk is not nil: the export's search index and pages outside the site's
// page cache.
func EncodeCached(body []byte, contentType string, disk *cache.Store) *Encodings {
	e := &Encodings{}
	c := newCompressor(disk)
	c.gzip(e, body, contentType)
	c.brotli(e, body, contentType)
	return e
}

// compressor keeps its writers between bodies: setting a writer up costs
// more than compressing a small page.
type compressor struct {
	buf   bytes.Buffer
	plain []byte // a body inflated to make its brotli form (see brotliOf)
	gz    *gzip.Writer
	br    *brotli.Writer
	disk  *cache.Store // compressed forms made by earlier runs, or nil
}

func newCompressor(disk *cache.Store) *compressor {
	c := &compressor{disk: disk}
	c.gz, _ = gzip.NewWriterLevel(&c.buf, gzipLevel) // the level is valid
	c.br = brotli.NewWriterOptions(&c.buf, brotli.WriterOptions{Quality: brotliLevel, LGWin: brotliLGWin})
	return c
}

// gzip sets e's body, its identity ETag and, for compressible types, its
// gzip form.
func (c *compressor) gzip(e *Encodings, body []byte, contentType string) {
	e.plain = body
	sum := sha256.Sum256(body)
	e.ETag = `"` + hex.EncodeToString(sum[:8]) + `"`
	if !Compressible(contentType) {
		return
	}
	if gz := c.shrink("gzip", c.gz, body); gz != nil {
		e.Gzip, e.GzipETag = gz, e.ETag[:len(e.ETag)-1]+`-gz"`
	}
}

// brotliOf publishes the brotli form of a body whose ETag and gzip form
// are made: the body kept, or else the gzip form inflated.
func (c *compressor) brotliOf(e *Encodings, contentType string) {
	body := e.plain
	if body == nil && e.Gzip != nil {
		c.plain = inflate(e.Gzip, c.plain)
		body = c.plain
	}
	c.brotli(e, body, contentType)
}

// brotli publishes e's brotli form, for compressible types. e.ETag must be
// set already.
func (c *compressor) brotli(e *Encodings, body []byte, contentType string) {
	if !Compressible(contentType) {
		return
	}
	if br := c.shrink("brotli", c.br, body); br != nil {
		e.brotli.Store(&form{br, e.ETag[:len(e.ETag)-1] + `-br"`})
	}
}

// encoder is what gzip and brotli writers have in common.
type encoder interface {
	io.WriteCloser
	Reset(io.Writer)
}

// shrink compresses body with w and returns a copy of the result, or nil
// when it is not smaller than body. With a disk cache, it first looks for
// the form an earlier run made of the same bytes (kind names the
// encoding), and stores what it makes.
func (c *compressor) shrink(kind string, w encoder, body []byte) []byte {
	var key cache.Key
	if c.disk != nil {
		key = c.disk.Key(kind, body)
		if out, ok := c.disk.Get(key); ok && plausible(kind, out, body) {
			return smaller(out, body)
		}
	}
	c.buf.Reset()
	w.Reset(&c.buf)
	w.Write(body)
	w.Close()
	out := bytes.Clone(c.buf.Bytes())
	c.disk.Put(key, out)
	return smaller(out, body)
}

func smaller(out, body []byte) []byte {
	if len(out) >= len(body) {
		return nil
	}
	return out
}

// plausible is a cheap check of a cached form: a gzip stream ends with the
// length of what it holds. Entries are written whole (see package cache),
// so this only catches a damaged disk.
func plausible(kind string, out, body []byte) bool {
	if kind != "gzip" {
		return len(out) > 0
	}
	return len(out) >= 18 && binary.LittleEndian.Uint32(out[len(out)-4:]) == uint32(len(body))
}

// Compressible reports whether a content type is text worth compressing:
// HTML, CSS, JavaScript, SVG, plain text, XML and JSON.
func Compressible(contentType string) bool {
	t, _, _ := strings.Cut(contentType, ";")
	t = strings.TrimSpace(t)
	switch {
	case strings.HasPrefix(t, "text/"):
		return true
	case t == "image/svg+xml", t == "application/xml", t == "application/json",
		t == "application/javascript", t == "application/manifest+json", t == "application/ld+json":
		return true
	}
	return false
}

// pool computes ETags and gzip forms on every CPU while the build goes
// on: the builder renders pages one after another, and hands each to the
// pool as soon as it has its bytes (encode waits while every CPU is busy).
// Without compress (the dev server, which only talks to localhost) only
// the ETags are computed.
type pool struct {
	g           errgroup.Group
	compressors *reuse[*compressor]
	compress    bool
}

type poolJob struct {
	e           *Encodings
	contentType string
}

func newPool(compress bool, disk *cache.Store) *pool {
	n := runtime.GOMAXPROCS(0)
	p := &pool{compress: compress, compressors: newReuse(n, func() *compressor { return newCompressor(disk) })}
	p.g.SetLimit(n)
	return p
}

// encode fills in e's body, ETag and gzip form, in the background. Call
// wait before reading them. With hot, a body that has a gzip form is
// then kept only compressed (see Plain); without, it is kept as it is.
func (p *pool) encode(e *Encodings, body []byte, contentType string, hot *hotBodies) {
	p.g.Go(func() error {
		p.encodeHere(e, body, contentType, hot)
		return nil
	})
}

// encodeHere is encode, done now on the calling goroutine.
func (p *pool) encodeHere(e *Encodings, body []byte, contentType string, hot *hotBodies) {
	if !p.compress {
		contentType = ""
	}
	c := p.compressors.get()
	c.gzip(e, body, contentType)
	p.compressors.put(c)
	e.dropPlain(hot)
}

func (p *pool) wait() { _ = p.g.Wait() } // the jobs return no errors

// reuse keeps up to one state per CPU (a compressor holds megabytes of
// brotli window) for the jobs that run one after another on it; unlike
// sync.Pool it never drops them at a garbage collection.
type reuse[T any] struct {
	free  chan T
	fresh func() T
}

func newReuse[T any](n int, fresh func() T) *reuse[T] {
	return &reuse[T]{free: make(chan T, n), fresh: fresh}
}

func (r *reuse[T]) get() T {
	select {
	case v := <-r.free:
		return v
	default:
		return r.fresh()
	}
}

func (r *reuse[T]) put(v T) {
	select {
	case r.free <- v:
	default:
	}
}

// encodeAll fills in the ETag and gzip form of every page and asset that
// has no ETag yet (the builder's pool did the pages it rendered), then
// starts making the brotli forms in the background; Compressed is closed
// when they are all made. Pages are then kept compressed only; assets,
// a few small files, as they are too.
func (s *Site) encodeAll(compress bool) {
	p := newPool(compress, s.opts.Disk)
	var all []poolJob
	for _, path := range s.paths {
		pg := s.pages[path]
		if pg.ETag == "" {
			p.encode(&pg.Encodings, pg.plain, pg.ContentType, s.hot)
		}
		all = append(all, poolJob{&pg.Encodings, pg.ContentType})
	}
	for _, as := range s.Assets.byName {
		if as.ETag == "" {
			p.encode(&as.Encodings, as.Body, as.ContentType, nil)
		}
		all = append(all, poolJob{&as.Encodings, as.ContentType})
	}
	p.wait()
	s.compressed = make(chan struct{})
	if !compress {
		close(s.compressed)
		return
	}
	fresh := s.fresh
	s.fresh = nil // the pages keep no list of themselves once built
	go s.brotliAll(all, fresh)
}

// brotliAll makes the brotli form of every body, on every CPU, puts the
// fresh pages in the page cache (pagecache.go), then closes s.compressed.
// Pages reused from an earlier build keep the form they have.
func (s *Site) brotliAll(all []poolJob, fresh []*Page) {
	parallel(len(all), func() func(int) {
		c := newCompressor(s.opts.Disk)
		return func(i int) {
			if j := all[i]; j.e.brotli.Load() == nil {
				c.brotliOf(j.e, j.contentType)
			}
		}
	})
	for _, pg := range fresh {
		s.opts.Disk.PutFunc(*pg.key, func() []byte { return encodePage(pg) })
	}
	close(s.compressed)
}

// parallel does the work for every i in [0, n) on every CPU and returns
// when all is done. worker makes a function that does one i with whatever
// state it keeps (a compressor, say); such a function is reused for other
// i's, never by two goroutines at once.
func parallel(n int, worker func() func(i int)) {
	k := runtime.GOMAXPROCS(0)
	workers := newReuse(k, worker)
	var g errgroup.Group
	g.SetLimit(k)
	for i := range n {
		g.Go(func() error {
			do := workers.get()
			do(i)
			workers.put(do)
			return nil
		})
	}
	_ = g.Wait() // the work returns no errors
}

// Compressed returns a channel that is closed once every page and asset
// has its brotli form (or brotli would not make it smaller). Serving does
// not need to wait for it; exporting files does.
func (s *Site) Compressed() <-chan struct{} { return s.compressed }

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
// per encoding, so that a cache never mixes them up. The identity ETag is
// made while the site is built; the gzip and then the brotli forms are
// made once per build in the background (see Site.Compressed), so a site
// starts serving as soon as its pages are rendered. Until a body's gzip
// form is ready, clients get it as it is; until its brotli form is ready,
// clients that accept br get gzip. A served site's pages keep only their
// compressed forms once both are made, and Plain inflates the body as it
// is when a client wants it (see plain.go).
type Encodings struct {
	ETag  string                // of the identity body: `"5d41402abc4b2a76"`
	etags string                // ETag, then the gzip form's, then the brotli form's, in one string (setETag)
	forms atomic.Pointer[forms] // nil while the gzip form is being made

	plain    atomic.Pointer[[]byte] // the body as it is; nil once only the compressed forms are kept (see Plain)
	hot      *hotBodies             // where Plain keeps what it inflates, once plain is nil
	inflated atomic.Pointer[[]byte] // the body inflated from gzip, while hot keeps it
	sums     *[3][sha256.Size]byte  // of the body, gzip and brotli, when the page cache kept them (Sums)
	stored   *storedForms           // a page a build took from the page cache, its forms read when asked for; else nil
	both     forms                  // what forms points to once setBoth publishes both forms, unless set again
}

// load reads the forms of a page a build took from the page cache, the
// first time they are asked for (see storedForms).
func (e *Encodings) load() {
	if e.stored != nil {
		e.stored.load(e)
	}
}

// forms are a body's compressed forms (their ETags are in
// Encodings.etags). A nil form is one that would not make the body
// smaller (or is never made: the preview's, a picture's), and is not
// offered. The gzip form is published first (setGzip), then both
// (setBoth): until then brotliMade is false. Both are kept in the
// Encodings themselves (Encodings.both), not in an object of their own: a
// page of a build's slab (slab.go) holds them with no allocation at all.
type forms struct {
	gzip, brotli []byte
	brotliMade   bool
}

// setGzip publishes the gzip form, the brotli form still being made.
func (e *Encodings) setGzip(gz []byte) { e.forms.Store(&forms{gzip: gz}) }

// setBoth publishes both forms, in e.both the first time: forms once
// published may be held by a reader and are never written again, so a
// second call (none is made today) publishes a new object.
func (e *Encodings) setBoth(gz, br []byte) {
	if gz == nil && br == nil {
		e.forms.Store(noForms)
		return
	}
	f := &e.both
	if f.brotliMade { // published before
		f = new(forms)
	}
	*f = forms{gzip: gz, brotli: br, brotliMade: true}
	e.forms.Store(f)
}

// noForms are the forms of a body compressed in neither encoding, which
// every such body shares (never changed).
var noForms = &forms{brotliMade: true}

// made reports whether the gzip form, and the brotli form, are made.
func (e *Encodings) made() (gzip, brotli bool) {
	f := e.forms.Load()
	return f != nil, f != nil && f.brotliMade
}

// setBody keeps body as it is and makes its identity ETag.
func (e *Encodings) setBody(body []byte) {
	e.plain.Store(&body)
	sum := sha256.Sum256(body)
	e.setETag(`"` + hex.EncodeToString(sum[:8]) + `"`)
}

// setETag sets the identity ETag and, in the same string (one allocation
// a page rather than three), the ETags of the compressed forms
// (formETag), which formETagOf slices out of it.
func (e *Encodings) setETag(etag string) {
	var b strings.Builder
	b.Grow(3*len(etag) + 6)
	b.WriteString(etag)
	b.WriteString(formETag(etag, "gz"))
	b.WriteString(formETag(etag, "br"))
	e.etags = b.String()
	e.ETag = e.etags[:len(etag)]
}

// formETagOf returns the ETag of the gzip form (0) or the brotli form
// (1), which setETag keeps after the identity ETag, each 3 bytes longer.
func (e *Encodings) formETagOf(i int) string {
	n := len(e.ETag)
	start := n + i*(n+3)
	return e.etags[start : start+n+3]
}

// uncompressed says that the body gets no compressed form at all (the
// preview, which only talks to this computer).
func (e *Encodings) uncompressed() {
	e.setBoth(nil, nil)
}

// Gzip returns the gzip form and its ETag (`"5d41402abc4b2a76-gz"`), or
// nil and "" while it is still being made, or when gzip would not make the
// body smaller.
func (e *Encodings) Gzip() ([]byte, string) {
	e.load()
	if f := e.forms.Load(); f != nil && f.gzip != nil {
		return f.gzip, e.formETagOf(0)
	}
	return nil, ""
}

// Brotli returns the brotli form and its ETag (`"5d41402abc4b2a76-br"`),
// or nil and "" while it is still being made, or when brotli would not
// make the body smaller.
func (e *Encodings) Brotli() ([]byte, string) {
	e.load()
	if f := e.forms.Load(); f != nil && f.brotliMade && f.brotli != nil {
		return f.brotli, e.formETagOf(1)
	}
	return nil, ""
}

// Varies reports whether the response depends on the client's
// Accept-Encoding (so it must say Vary: Accept-Encoding): the body has a
// compressed form, or its forms are still being made.
func (e *Encodings) Varies() bool {
	e.load()
	f := e.forms.Load()
	return f == nil || !f.brotliMade || f.gzip != nil || f.brotli != nil
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
	e.setBody(body)
	c := newCompressor(disk)
	c.gzip(e, contentType)
	c.brotli(e, contentType)
	return e
}

// compressor keeps its writers between bodies: setting a writer up costs
// more than compressing a small page.
type compressor struct {
	buf   bytes.Buffer
	plain []byte // a body inflated to make its brotli form (see brotli)
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

// gzip publishes e's gzip form (none for types that are not
// compressible). e's body and ETag must be set already.
func (c *compressor) gzip(e *Encodings, contentType string) {
	var gz []byte
	if Compressible(contentType) {
		gz = c.shrink("gzip", c.gz, *e.plain.Load())
	}
	e.setGzip(gz)
}

// brotli publishes e's brotli form (none for types that are not
// compressible), made from the body kept, or else from the gzip form
// inflated. e's ETag and gzip form must be set already.
func (c *compressor) brotli(e *Encodings, contentType string) {
	gz, _ := e.Gzip()
	var br []byte
	if Compressible(contentType) {
		var body []byte
		if p := e.plain.Load(); p != nil {
			body = *p
		} else if gz != nil {
			c.plain = inflate(gz, c.plain)
			body = c.plain
		}
		br = c.shrink("brotli", c.br, body)
	}
	e.setBoth(gz, br)
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

// encodeAll gives every asset that has no ETag yet its ETag (every page
// has its own from newPage or the page cache), then makes the gzip
// forms of every body in the background, then the brotli forms; Gzipped
// and Compressed are closed when each is done. Without compress (the
// preview, which only talks to this computer) nothing is compressed and
// both are closed at once.
func (s *Site) encodeAll(compress bool) {
	var all []compressJob
	for _, path := range s.paths {
		pg := s.pages[path]
		all = append(all, compressJob{&pg.Encodings, pg.ContentType, s.hot})
	}
	for _, as := range s.Assets.byName {
		if as.ETag == "" {
			as.setBody(as.Body)
		}
		all = append(all, compressJob{&as.Encodings, as.ContentType, nil})
	}
	s.gzipped, s.compressed = make(chan struct{}), make(chan struct{})
	if !compress {
		for _, j := range all {
			if gz, _ := j.e.made(); !gz {
				j.e.uncompressed()
			}
		}
		close(s.gzipped)
		close(s.compressed)
		return
	}
	fresh := s.fresh
	s.fresh = nil // the pages keep no list of themselves once built
	go s.compressAll(all, fresh)
}

// compressJob is one body to compress: a page's (kept compressed only
// then, in hot) or an asset's (hot is nil: kept as it is too).
type compressJob struct {
	e           *Encodings
	contentType string
	hot         *hotBodies
}

// compressAll waits for opts.CompressAfter, then makes the gzip form of
// every body that has none, on every CPU, and closes s.gzipped; then the brotli forms, after which a page
// keeps only its compressed forms (see Plain); then puts the fresh pages
// in the page cache (pagecache.go) and closes s.compressed. Pages reused
// from an earlier build keep the forms they have.
func (s *Site) compressAll(all []compressJob, fresh []*Page) {
	if s.opts.CompressAfter != nil {
		<-s.opts.CompressAfter
	}
	parallel(len(all), func() func(int) {
		c := newCompressor(s.opts.Disk)
		return func(i int) {
			if j := all[i]; j.e.forms.Load() == nil {
				c.gzip(j.e, j.contentType)
			}
		}
	})
	close(s.gzipped)
	parallel(len(all), func() func(int) {
		c := newCompressor(s.opts.Disk)
		return func(i int) {
			j := all[i]
			if _, br := j.e.made(); !br {
				c.brotli(j.e, j.contentType)
			}
			j.e.dropPlain(j.hot)
		}
	})
	for _, pg := range fresh {
		s.opts.Disk.PutSplit(*pg.key, func() ([]byte, []byte) { return encodePage(pg) })
	}
	close(s.compressed)
}

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

// Gzipped returns a channel that is closed once every page and asset has
// its gzip form (or gzip would not make it smaller): the export writes
// the pages and their .gz files then, while the brotli forms are made.
func (s *Site) Gzipped() <-chan struct{} { return s.gzipped }

// Compressed returns a channel that is closed once every page and asset
// has its gzip and brotli forms (or they would not make it smaller).
// Serving does not need to wait for it; exporting files does.
func (s *Site) Compressed() <-chan struct{} { return s.compressed }

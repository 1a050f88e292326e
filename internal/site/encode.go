package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// Encodings are a response body's compressed forms and strong ETags,
// computed once when the site is built. A form is nil when it would not be
// smaller than the body itself. Each form has its own ETag (the identity
// one with "-gz" or "-br" inside the quotes), so that no cache mixes them
// up.
type Encodings struct {
	ETag       string // of the identity body: `"5d41402abc4b2a76"`
	Gzip       []byte
	GzipETag   string // `"5d41402abc4b2a76-gz"`, or "" without Gzip
	Brotli     []byte
	BrotliETag string // `"5d41402abc4b2a76-br"`, or "" without Brotli
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

// Encode returns the encodings of body. Only text is compressed (see
// Compressible); other bodies get just an ETag.
func Encode(body []byte, contentType string) Encodings {
	return newCompressor().encode(body, contentType)
}

// Compress returns the gzip and brotli forms of body, each nil when it is
// not smaller than body.
func Compress(body []byte) (gz, br []byte) { return newCompressor().compress(body) }

// compressor keeps its writers between bodies: setting a writer up costs
// more than compressing a small page.
type compressor struct {
	buf bytes.Buffer
	gz  *gzip.Writer
	br  *brotli.Writer
}

func newCompressor() *compressor {
	c := &compressor{}
	c.gz, _ = gzip.NewWriterLevel(&c.buf, gzipLevel) // the level is valid
	c.br = brotli.NewWriterOptions(&c.buf, brotli.WriterOptions{Quality: brotliLevel, LGWin: brotliLGWin})
	return c
}

func (c *compressor) encode(body []byte, contentType string) Encodings {
	sum := sha256.Sum256(body)
	e := Encodings{ETag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	if Compressible(contentType) {
		e.Gzip, e.Brotli = c.compress(body)
	}
	if e.Gzip != nil {
		e.GzipETag = e.ETag[:len(e.ETag)-1] + `-gz"`
	}
	if e.Brotli != nil {
		e.BrotliETag = e.ETag[:len(e.ETag)-1] + `-br"`
	}
	return e
}

func (c *compressor) compress(body []byte) (gz, br []byte) {
	c.buf.Reset()
	c.gz.Reset(&c.buf)
	c.gz.Write(body)
	c.gz.Close()
	if c.buf.Len() < len(body) {
		gz = bytes.Clone(c.buf.Bytes())
	}
	c.buf.Reset()
	c.br.Reset(&c.buf)
	c.br.Write(body)
	c.br.Close()
	if c.buf.Len() < len(body) {
		br = bytes.Clone(c.buf.Bytes())
	}
	return gz, br
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

// pool compresses bodies on every CPU while the build goes on: the
// builder renders pages one after another, and hands each to the pool as
// soon as it has its bytes. Compression is most of the work of a build.
// Without compress (the dev server, which only talks to localhost) only
// the ETags are computed.
type pool struct {
	jobs chan poolJob
	wg   sync.WaitGroup
	once sync.Once
}

type poolJob struct {
	e           *Encodings
	body        []byte
	contentType string
}

func newPool(compress bool) *pool {
	p := &pool{jobs: make(chan poolJob, 64)}
	for range runtime.GOMAXPROCS(0) {
		p.wg.Go(func() {
			c := newCompressor()
			for j := range p.jobs {
				if !compress {
					j.contentType = ""
				}
				*j.e = c.encode(j.body, j.contentType)
			}
		})
	}
	return p
}

// encode fills in p's Encodings, in the background. Call wait before
// reading them.
func (p *pool) encode(e *Encodings, body []byte, contentType string) {
	p.jobs <- poolJob{e, body, contentType}
}

// wait waits for every body handed over so far, and stops the pool.
func (p *pool) wait() {
	p.once.Do(func() { close(p.jobs) })
	p.wg.Wait()
}

// encodeAll fills in the Encodings of every page and asset that has none
// yet.
func (s *Site) encodeAll(compress bool) {
	p := newPool(compress)
	for _, path := range s.paths {
		if pg := s.pages[path]; pg.ETag == "" {
			p.encode(&pg.Encodings, pg.Body, pg.ContentType)
		}
	}
	for _, as := range s.Assets.byName {
		if as.ETag == "" {
			p.encode(&as.Encodings, as.Body, as.ContentType)
		}
	}
	p.wait()
}

package site

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io/fs"
	"slices"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// The page cache keeps every rendered page, with its ETag and its gzip
// and brotli forms, on disk (Options.Disk), so that the next start or
// build takes a page as it is when nothing it shows has changed, instead
// of executing its template and compressing it again. The content is
// still read and checked in full before that (content.Load): the cache
// remembers results, never verdicts.
//
// A page's entry is keyed by everything its bytes can depend on:
//   - the program (package cache adds its version to every key), the
//     page's kind and path, and whether the site is a preview;
//   - every template file and every static file, byte for byte, and the
//     pictures (content.Site.Images.Digest);
//   - every content file (content.Sources.Digest): site.yaml, the home
//     page, the plain pages, the strings and synonyms files whole, and
//     each condition by its frontmatter, which holds all that another
//     page shows of it (its card, its place in the lists and areas, the
//     related conditions);
//   - for a condition's or plain page's own page, its whole file.
//
// So editing the text of one condition makes one page new, editing its
// title every page (lists and cards show titles), and editing site.yaml,
// a word, a template, a static file or a picture every page. Only the
// templates built into relief are known to show conditions other than a
// page's own by their frontmatter alone (Options.BuiltinTemplates); with
// the therapist's own templates every condition's whole file counts for
// every page, so any edit makes every page new.
//
// An entry is written (in the background, see package cache) once the
// page's brotli form is made; a page whose entry is missing or damaged
// (every entry ends with a checksum: see package cache) is rendered as if
// there were no cache.

// pageKeys computes the part of every page's key that the whole site
// shares.
type pageKeys struct {
	disk    *cache.Store
	shared  [sha256.Size]byte
	sources *content.Sources
	forms   arena // the compressed forms of the pages taken from the cache
}

// newPageKeys returns the keys of the pages of cs rendered with the
// templates in tfs and the static files in assets, or nil when there is
// no disk cache (or this is a preview, which keeps its pages in memory).
func newPageKeys(cs *content.Site, tfs fs.FS, assets *Assets, opts Options) (*pageKeys, error) {
	if opts.Disk == nil || opts.Dev || cs.Sources == nil {
		return nil, nil
	}
	h := sha256.New()
	part := func(b []byte) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))])
		h.Write(b)
	}
	err := fs.WalkDir(tfs, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(tfs, name)
		part([]byte(name))
		part(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(assets.byName))
	for n := range assets.byName {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		part([]byte(n))
		part(assets.byName[n].Body)
	}
	part([]byte(cs.Images.Digest()))
	d := cs.Sources.Digest(!opts.BuiltinTemplates)
	part(d[:])
	return &pageKeys{disk: opts.Disk, shared: [sha256.Size]byte(h.Sum(nil)), sources: cs.Sources}, nil
}

// key returns the key of the page at v.Path, of kind, made from the file
// source (a Page's Path; "" for the pages that have none of their own).
func (k *pageKeys) key(kind route.Kind, v *view, source string) cache.Key {
	own := k.sources.File(source)
	return k.disk.Key("page", k.shared[:], []byte(route.Of(kind).Template), []byte(v.Path), []byte(source), own[:])
}

// sourceOf returns the file a view's page is made from, or "".
func sourceOf(v *view) string {
	switch {
	case v.Condition != nil:
		return v.Condition.Path
	case v.Page != nil:
		return v.Page.Path
	}
	return ""
}

// cachedPage returns the page kept under key, or nil.
func (k *pageKeys) cachedPage(key cache.Key, path string) *Page {
	data, ok := k.disk.Get(key)
	if !ok {
		return nil
	}
	forms := &k.forms
	if k.disk.Mapped() {
		forms = nil // the forms stay where they are mapped: a build reads few of them
	}
	p, err := decodePage(data, path, forms)
	if err != nil {
		return nil
	}
	return p
}

var errDamaged = errors.New("page cache entry is damaged")

// encodePage writes a page's bytes, ETag and compressed forms as
// length-prefixed fields, and last the SHA-256 of the body and of each
// form (Encodings.Sums). The body is left out (an empty field) when it has
// a gzip form: a page taken from the cache keeps only its compressed
// forms (see Encodings.Plain), and reading the body only to drop it was a
// third of what a warm start read.
func encodePage(p *Page) []byte {
	br, _ := p.Brotli()
	gz, _ := p.Gzip()
	body := p.Plain()
	sums := make([]byte, 0, 3*sha256.Size)
	for _, f := range [][]byte{body, gz, br} {
		sum := sha256.Sum256(f)
		sums = append(sums, sum[:]...)
	}
	if gz != nil {
		body = nil
	}
	b := make([]byte, 0, len(p.ETag)+len(p.ContentType)+len(body)+len(gz)+len(br)+len(sums)+32)
	for _, f := range [][]byte{[]byte(p.ContentType), []byte(p.ETag), body, gz, br, sums} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

// decodePage reads what encodePage wrote. A plain body is a slice of
// data; the compressed forms are copies in forms, so that data is freed
// when a served site drops the plain body (see Encodings.Plain), or, with
// no forms (a store that maps its entries, cache.Store.MapEntries),
// slices of data too. A page
// with a gzip form comes without its body, which Plain inflates when
// asked.
func decodePage(data []byte, path string, forms *arena) (*Page, error) {
	var f [6][]byte
	for i := range f {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)-k) {
			return nil, errDamaged
		}
		f[i] = data[k : k+int(n) : k+int(n)]
		data = data[k+int(n):]
	}
	if len(data) != 0 || len(f[1]) < 3 || len(f[5]) != 3*sha256.Size || !plainOrGzip(f[2], f[3]) {
		return nil, errDamaged
	}
	p := &Page{Path: path, ContentType: string(f[0])}
	if len(f[3]) == 0 {
		p.plain.Store(&f[2]) // no gzip form: the body is kept as it is
	}
	p.ETag = string(f[1])
	p.gzip.Store(cachedForm(forms, f[3], p.ETag, "gz"))
	p.brotli.Store(cachedForm(forms, f[4], p.ETag, "br"))
	p.sums = new([3][sha256.Size]byte)
	for i := range p.sums {
		p.sums[i] = [sha256.Size]byte(f[5][i*sha256.Size:])
	}
	return p, nil
}

// cachedForm is a compressed form read from the page cache: a copy of b
// in forms (b itself when forms is nil), or none when it is empty (the
// encoding does not make the body smaller).
func cachedForm(forms *arena, b []byte, etag, suffix string) *form {
	if len(b) == 0 {
		return none
	}
	if forms != nil {
		b = forms.clone(b)
	}
	return &form{b, formETag(etag, suffix)}
}

// formETag is the ETag of a compressed form of the body whose ETag is
// etag: the same quoted value with "-" and the encoding's suffix inside
// the closing quote.
func formETag(etag, suffix string) string {
	return etag[:len(etag)-1] + "-" + suffix + `"`
}

// plainOrGzip reports whether an entry holds the body, or else a gzip
// stream to inflate it from (its header, and room for its trailer).
func plainOrGzip(body, gz []byte) bool {
	if len(gz) == 0 {
		return len(body) > 0
	}
	return len(body) == 0 && len(gz) >= 18 && gz[0] == 0x1f && gz[1] == 0x8b
}

// Sums returns the SHA-256 of the body as it is, of its gzip form and of
// its brotli form, for a page taken from the page cache, which keeps them
// with the bytes; nil for bytes made by this run (hash them). The export
// uses them to name its files (see package export) without inflating the
// body only to hash it.
func (e *Encodings) Sums() *[3][sha256.Size]byte {
	return e.sums
}

// Size returns the length of the body as it is, without inflating it.
func (e *Encodings) Size() int {
	if p := e.plain.Load(); p != nil {
		return len(*p)
	}
	gz, _ := e.Gzip()
	if gz == nil {
		return 0
	}
	return gzipSize(gz)
}

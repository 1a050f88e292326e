package site

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io/fs"
	"slices"
	"sync"

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
// there were no cache. A build, which maps the cache (cache.Store.
// MapEntries), checks an entry's head alone and its forms when it reads
// them (storedForms): a damaged form is then refused (Encodings.Form), and
// `relief build` starts again reading every entry whole.

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

// cachedPage returns the page kept under key, made in at, or nil (at
// left as it was). A store that maps
// its entries (a build) reads the head of the entry alone (see
// cache.Store.GetSplit): the page's forms are read when first asked for
// (storedForms), which for a page that did not change is never.
func (k *pageKeys) cachedPage(key cache.Key, path string, at pageSlot) *Page {
	head, tail, ok := k.disk.GetSplit(key)
	if !ok {
		return nil
	}
	p, err := decodePage(head, tail, path, &k.forms, k.disk.Mapped(), at)
	if err != nil {
		return nil
	}
	return p
}

var errDamaged = errors.New("page cache entry is damaged")

// A page's entry is a split entry (cache.Store.PutSplit). Its head holds
// the content type, the ETag, the SHA-256 of the body, of its gzip form
// and of its brotli form (Encodings.Sums), then four lengths: the
// body's, how many bytes of the body the tail holds (all or none), the
// gzip form's and the brotli form's. Its tail holds those bytes of the
// body, then the gzip form, then the brotli form. The body is left
// out (none of it in the tail) when it has a gzip form: a page taken from
// the cache keeps only its compressed forms (see Encodings.Plain), and
// reading the body only to drop it was a third of what a warm start read.

// encodePage returns the head and tail of a page's entry.
func encodePage(p *Page) (head, tail []byte) {
	br, _ := p.Brotli()
	gz, _ := p.Gzip()
	body := p.Plain()
	sums := make([]byte, 0, 3*sha256.Size)
	for _, f := range [][]byte{body, gz, br} {
		sum := sha256.Sum256(f)
		sums = append(sums, sum[:]...)
	}
	size := len(body)
	if gz != nil {
		body = nil
	}
	for _, f := range [][]byte{[]byte(p.ContentType), []byte(p.ETag), sums} {
		head = binary.AppendUvarint(head, uint64(len(f)))
		head = append(head, f...)
	}
	for _, n := range []int{size, len(body), len(gz), len(br)} {
		head = binary.AppendUvarint(head, uint64(n))
	}
	tail = make([]byte, 0, len(body)+len(gz)+len(br))
	return head, append(append(append(tail, body...), gz...), br...)
}

// decodePage reads what encodePage wrote. With lazy (a store that maps
// its entries), the tail is read when a form is first asked for
// (storedForms); else now, and its forms are copied into forms, so that
// the entry is freed when a served site drops the plain body (see
// Encodings.Plain). A page with a gzip form comes without its body, which
// Plain inflates when asked. The page is made in at; when the entry is
// damaged, at's page is left zero, to be rendered in.
func decodePage(head []byte, tail *cache.Tail, path string, forms *arena, lazy bool, at pageSlot) (*Page, error) {
	var f [3][]byte
	for i := range f {
		n, k := binary.Uvarint(head)
		if k <= 0 || n > uint64(len(head)-k) {
			return nil, errDamaged
		}
		f[i] = head[k : k+int(n) : k+int(n)]
		head = head[k+int(n):]
	}
	var size int
	var n3 [3]int
	for _, n := range []*int{&size, &n3[0], &n3[1], &n3[2]} {
		v, k := binary.Uvarint(head)
		if k <= 0 || v > 1<<30 {
			return nil, errDamaged
		}
		*n, head = int(v), head[k:]
	}
	if len(head) != 0 || len(f[1]) < 3 || len(f[2]) != 3*sha256.Size || size == 0 ||
		(n3[0] != 0) == (n3[1] != 0) || (n3[0] != 0 && n3[0] != size) {
		return nil, errDamaged
	}
	p := at.page()
	p.Path, p.ContentType = path, sharedType(f[0])
	p.setETag(string(f[1]))
	p.sums = at.sums()
	for i := range p.sums {
		p.sums[i] = [sha256.Size]byte(f[2][i*sha256.Size:])
	}
	if lazy {
		st := at.stored()
		st.tail, st.size, st.n = tail, size, n3
		p.stored = st
		p.uncompressed() // not offered until read: see storedForms
		return p, nil
	}
	st := storedForms{tail: tail, size: size, n: n3}
	if !st.read(&p.Encodings, forms) {
		*p = Page{} // read publishes nothing from a damaged tail
		return nil, errDamaged
	}
	return p, nil
}

// storedForms are the forms of a page taken from the page cache by a
// build, which reads them from the entry's tail only when they are first
// asked for: a page that did not change is exported by the sums of its
// forms alone (see package export). Until then its Encodings offer no
// compressed form; Gzip, Brotli, Plain and Varies read them first. When
// the tail turns out damaged, the page has no forms and Form says so
// (cache.ErrDamaged): the build starts again.
type storedForms struct {
	tail *cache.Tail
	size int    // of the body as it is
	n    [3]int // the bytes of the body (0 when it has a gzip form), gzip and brotli forms in the tail
	once sync.Once
	ok   bool // read and whole
}

// load reads the forms into e once.
func (st *storedForms) load(e *Encodings) {
	st.once.Do(func() { st.ok = st.read(e, nil) })
}

// read publishes the forms the tail holds in e (copies in forms, unless
// it is nil), and reports whether the tail is whole.
func (st *storedForms) read(e *Encodings, forms *arena) bool {
	b, ok := st.tail.Bytes()
	if !ok || len(b) != st.n[0]+st.n[1]+st.n[2] {
		return false
	}
	body, gz, br := b[:st.n[0]:st.n[0]], b[st.n[0]:st.n[0]+st.n[1]:st.n[0]+st.n[1]], b[st.n[0]+st.n[1]:]
	if !plainOrGzip(body, gz) {
		return false
	}
	if len(gz) == 0 {
		e.plain.Store(&body) // no gzip form: the body is kept as it is
	}
	e.setBoth(cachedForm(forms, gz), cachedForm(forms, br))
	return true
}

// Sizes returns the length of the body as it is, of its gzip form and of
// its brotli form (0: no such form), without reading the forms of a page
// a build took from the page cache.
func (e *Encodings) Sizes() [3]int {
	if st := e.stored; st != nil {
		return [3]int{st.size, st.n[1], st.n[2]}
	}
	gz, _ := e.Gzip()
	br, _ := e.Brotli()
	return [3]int{e.Size(), len(gz), len(br)}
}

// Form returns the body as it is (0), its gzip form (1) or its brotli
// form (2); nil for a form the body does not have. For a page a build
// took from the page cache it reads the forms now, if it has not yet, and
// fails with cache.ErrDamaged when the entry turned out damaged: what was
// built from it must be built again without it.
func (e *Encodings) Form(i int) ([]byte, error) {
	if st := e.stored; st != nil {
		if st.load(e); !st.ok {
			return nil, cache.ErrDamaged
		}
	}
	switch i {
	case 0:
		return e.Plain(), nil
	case 1:
		gz, _ := e.Gzip()
		return gz, nil
	}
	br, _ := e.Brotli()
	return br, nil
}

// cachedForm is a compressed form read from the page cache: a copy of b
// in forms (b itself when forms is nil), or none when it is empty (the
// encoding does not make the body smaller).
func cachedForm(forms *arena, b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	if forms != nil {
		b = forms.clone(b)
	}
	return b
}

// sharedType returns a page's content type read from the page cache: the
// one string every HTML page shares rather than a copy a page, else a
// copy.
func sharedType(b []byte) string {
	if string(b) == htmlType {
		return htmlType
	}
	return string(b)
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
	if e.stored != nil {
		return e.stored.size
	}
	if p := e.plain.Load(); p != nil {
		return len(*p)
	}
	gz, _ := e.Gzip()
	if gz == nil {
		return 0
	}
	return gzipSize(gz)
}

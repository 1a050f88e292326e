// Package export writes a built site.Site as static files, for a static
// host or a CDN when one server is not enough.
//
// Every URL becomes a file a plain file server answers the same way relief
// serve does: a page at /conditions/sciatica is written to
// conditions/sciatica/index.html, /conditions/ to conditions/index.html,
// /sitemap.xml as it is. Static files are written under their fingerprinted
// and their plain names. Each text file gets its precompressed .gz and .br
// beside it (when they are smaller), for servers that pick them (nginx
// gzip_static, Caddy precompressed). 404.html is the not-found page
// without a suggestion. Each redirect_from becomes a small page that sends
// the browser on (meta refresh), and a _redirects file lists them all in
// the format of Netlify and Cloudflare Pages, which answer 301 from it
// (a site without redirect_from gets no _redirects file). The preview's
// reload script (site.DevScript) is left out.
//
// Write is safe by construction (folder.go): it writes the new export into
// a new folder beside the old one and swaps it in only when every file is
// written, so a failed build leaves the previous export whole. The export
// it replaces is kept beside it (.relief-previous-<name>) and becomes the
// next build's folder to build in, where only the files whose bytes
// changed are written (spare.go): a second build after an edit writes a
// handful of files, not the whole site. It leaves a
// Marker file listing what it wrote, and replaces a folder (-clean) only
// when the marker is there and the folder holds nothing else. It refuses,
// before writing anything, the top of the disk, a home folder, a link, a
// folder with .git, content or templates in it, and any folder that holds,
// is or is inside the folders the site is read from.
//
// With a cache folder (Options.Files), each file is a hard link to the one
// copy of its bytes the cache keeps under their SHA-256 (link.go), made
// there the first time: a build into an emptied folder makes folders and
// names, not files. Every file of an export is read-only (0444), linked
// or written. When linking fails (the export on another disk, a file
// system without links) the files are written instead, with the same
// bytes and modes. A page taken from the page cache comes with the sums
// of its forms, so a warm build neither inflates nor hashes its bytes.
package export

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/site"
)

// Options control Write.
type Options struct {
	// Clean replaces a previous export in the folder. Without it, Write
	// refuses a folder that is not empty. Even with it, Write refuses a
	// folder that holds any file the previous export did not write.
	Clean bool
	// Keep are the folders the site was read from (content, templates,
	// static): the export folder may not be one of them, hold one, or be
	// inside one.
	Keep []string
	// Home is the user's home folder ($HOME, or %USERPROFILE% on
	// Windows), which is never an export folder; nor is any folder
	// directly in /home, /Users or C:\Users (homes).
	Home string
	// Files keeps one copy of each exported file's bytes (see link.go):
	// the export links its files to those. Nil writes every file.
	Files *cache.Store

	// link stands in for Files.Link in tests (a file system that refuses
	// links).
	link func(dst string, sum [sha256.Size]byte, size int64, body func() []byte, now time.Time) error
}

// Write writes s into the folder dir, creating it if needed, and returns
// the number of files written. It waits until s has made every page's
// brotli form. On any error, and when ctx is done before it finishes (it
// then stops at once), the folder is as it was.
func Write(ctx context.Context, dir string, s *site.Site, opts Options) (int, error) {
	t, err := check(dir, opts)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	parent := filepath.Dir(t.dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	tmp, old, release := openSpare(t) // the previous export but one, to bring up to date: spare.go
	defer release()
	if tmp == "" {
		if tmp, err = os.MkdirTemp(parent, ".relief-build-*"); err != nil {
			return 0, fmt.Errorf("export: cannot make a folder beside %s to build in: %w", dir, err)
		}
	}
	swapped := false
	defer func() {
		if !swapped {
			os.RemoveAll(tmp) // the half-built export
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	n, err := writeSite(ctx, tmp, s, old, opts)
	if err != nil {
		return 0, err
	}
	if err := swap(tmp, t, opts.Clean); err != nil {
		return 0, fmt.Errorf("export: putting the new export in place of %s: %w", dir, err)
	}
	swapped = true
	return n, nil
}

// writeSite writes every file of s into dir, then the Marker, and returns
// the number of files the export holds. It waits until s has made every
// gzip form, writes every page and its gzip form, then waits until s has
// made every brotli form and writes those. old are the files dir holds already (a spare: spare.go): those
// with the same bytes are kept as they are, and those s no longer has are
// deleted.
func writeSite(ctx context.Context, dir string, s *site.Site, old map[string]string, opts Options) (int, error) {
	w := &writer{ctx: ctx, dir: dir, old: old, sums: map[string]string{}, store: opts.Files, link: opts.link, now: time.Now()}
	if w.link == nil && w.store != nil {
		w.link = w.store.Link
	}
	select {
	case <-s.Gzipped(): // every .gz file; the brotli forms are made meanwhile
	case <-ctx.Done():
		return 0, fmt.Errorf("export: stopped: %w", context.Cause(ctx))
	}
	for _, path := range s.Paths() {
		w.page(path, s.Lookup(path))
	}
	for _, as := range s.Assets.All() {
		if as.Name == site.DevScript {
			continue // the preview's reload script: no published page uses it
		}
		w.encoded(strings.TrimPrefix(as.Fingerprint, "/"), as.Body, &as.Encodings)
		w.encoded("static/"+as.Name, as.Body, &as.Encodings)
	}
	if err := s.WaitImages(ctx); err != nil {
		if ctx.Err() != nil {
			return 0, fmt.Errorf("export: stopped: %w", context.Cause(ctx))
		}
		return 0, fmt.Errorf("export: %w", err)
	}
	for _, u := range s.ImageURLs() { // each under its fingerprinted name only
		f, _, err := s.Image(ctx, u)
		if err != nil {
			return 0, fmt.Errorf("export: %w", err)
		}
		w.file(strings.TrimPrefix(u, "/"), f.Data)
	}
	for _, ls := range append([]*site.Site{s}, s.Translations()...) {
		w.staticSearch(ls)
		w.compressed(fileFor(route.In(ls.Prefix(), "/404.html"), "text/html; charset=utf-8"), ls.NotFoundPage(), "text/html; charset=utf-8")
	}
	w.redirects(s)
	if _, err := w.flush(); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	select {
	case <-s.Compressed(): // every .br file, not only those made so far
	case <-ctx.Done():
		return 0, fmt.Errorf("export: stopped: %w", context.Cause(ctx))
	}
	for _, b := range w.brotli {
		if sums := b.enc.Sums(); sums != nil {
			if n := b.enc.Sizes()[2]; n > 0 {
				w.add(b.name+".br", sums[2], n, form(b.enc, 2))
			}
		} else if br, _ := b.enc.Brotli(); br != nil {
			w.file(b.name+".br", br)
		}
	}
	_, err := w.flush()
	if err == nil {
		err = removeGone(dir, old, w.sums)
	}
	if err == nil {
		err = writeMarker(dir, w.sums)
	}
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	return len(w.sums), nil
}

// staticSearch writes the search page of one language that answers in
// the browser, and its index (see site.StaticSearchPage): a static host has no server to
// answer /search.
func (w *writer) staticSearch(s *site.Site) {
	page, err := s.StaticSearchPage()
	if err != nil {
		w.err = cmp.Or(w.err, err)
		return
	}
	w.compressed(fileFor(route.In(s.Prefix(), route.URL(route.Search, "")), "text/html; charset=utf-8"), page, "text/html; charset=utf-8")
	w.compressed(strings.TrimPrefix(route.In(s.Prefix(), site.StaticSearchIndexPath), "/"), s.StaticSearchIndex(), "application/json")
}

// fileFor returns the file, relative to the export folder, that answers a
// URL path, as the site's map says (route.ExportFile).
func fileFor(urlPath, contentType string) string {
	return route.ExportFile(urlPath, strings.HasPrefix(contentType, "text/html"))
}

// writer collects the files to write under dir, keeping the first
// error; flush writes them.
type writer struct {
	ctx    context.Context   // stops the writing when done
	dir    string            // the folder written into
	old    map[string]string // what dir holds already (see writeSite)
	files  []file            // to write at the next flush
	brotli []later           // the .br files to write once the site has made them
	sums   map[string]string // every file of the export and the SHA-256 of its bytes, for the Marker
	err    error

	store   *cache.Store                                                                                 // the files to link to (link.go), or nil
	link    func(dst string, sum [sha256.Size]byte, size int64, body func() []byte, now time.Time) error // store.Link, or nil
	now     time.Time                                                                                    // when the build started: the date of the files it links
	noLinks atomic.Bool                                                                                  // a link failed: write every file from then on
}

type file struct {
	name    string                 // relative to dir, with slashes
	body    func() ([]byte, error) // its bytes, asked for only when they must be written
	size    int                    // len(body())
	sum     [sha256.Size]byte
	replace bool // dir holds an older file of that name
}

type later struct {
	name string // of the file the .br goes beside
	enc  *site.Encodings
}

func (w *writer) file(name string, body []byte) {
	if w.err == nil {
		w.add(name, sha256.Sum256(body), len(body), func() ([]byte, error) { return body, nil })
	}
}

// add collects the file name, whose bytes, of length size and SHA-256
// sum, body returns.
func (w *writer) add(name string, sum [sha256.Size]byte, size int, body func() ([]byte, error)) {
	if w.err != nil {
		return
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		w.err = fmt.Errorf("%q is not a path inside the export folder", name)
		return
	}
	if _, dup := w.sums[name]; dup {
		w.err = fmt.Errorf("two URLs want the file %s", name)
		return
	}
	w.sums[name] = hex.EncodeToString(sum[:])
	was, replace := w.old[name]
	if was == w.sums[name] {
		return // the spare holds these very bytes
	}
	w.files = append(w.files, file{name, body, size, sum, replace})
}

// flush writes the files collected so far, one folder at a time on each
// of several goroutines: a build spends most of its time waiting for the
// file system, which creates files in different folders in parallel. A
// file is never overwritten: two URLs that want the same file (even names
// that differ only in case, on a file system that ignores case) are an
// error. It stops at once when w.ctx is done, and returns the number of
// files written.
func (w *writer) flush() (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	files := w.files
	w.files = nil
	var folders [][]file // the files of each folder, folders in order of first use
	index := map[string]int{}
	for _, f := range files {
		d := path.Dir(f.name)
		i, ok := index[d]
		if !ok {
			i = len(folders)
			index[d] = i
			folders = append(folders, nil)
		}
		folders[i] = append(folders[i], f)
	}
	errs := make([]error, len(folders))
	var n atomic.Int64
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				errs[i] = w.folder(folders[i], &n)
			}
		})
	}
	for i := range folders {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			w.err = err // the first; the others are likely the same (a full disk)
			return int(n.Load()), err
		}
	}
	return int(n.Load()), nil
}

// folder creates the folder of files (all in one) and writes them,
// counting each in n.
func (w *writer) folder(files []file, n *atomic.Int64) error {
	if err := mkdirAll(filepath.Join(w.dir, filepath.FromSlash(path.Dir(files[0].name)))); err != nil {
		return err
	}
	for _, f := range files {
		if w.ctx.Err() != nil {
			return fmt.Errorf("stopped: %w", context.Cause(w.ctx))
		}
		if err := w.write(f); err != nil {
			return err
		}
		n.Add(1)
	}
	return nil
}

// write creates one file, refusing one that exists already (but the older
// file of that name in a spare, which it deletes first): a link to the
// store's copy of its bytes, or, when linking fails, a new file.
func (w *writer) write(f file) error {
	name := filepath.Join(w.dir, filepath.FromSlash(f.name))
	if f.replace {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if w.link != nil && !w.noLinks.Load() {
		var bodyErr error
		body := func() []byte {
			b, err := f.body()
			bodyErr = err
			return b
		}
		err := w.link(name, f.sum, int64(f.size), body, w.now)
		if bodyErr != nil {
			return bodyErr // the bytes could not be had: the store refused the nil it got
		}
		if err == nil {
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("two URLs want the file %s", f.name)
		}
		w.noLinks.Store(true) // another disk, no links, no permission: see link.go
	}
	return create(name, f)
}

// create writes the new file name with the bytes of f, refusing one
// that exists already (createFile: sys_linux.go, sys_portable.go).
func create(name string, f file) error {
	body, err := f.body()
	if err != nil {
		return err
	}
	err = createFile(name, body)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("two URLs want the file %s", f.name)
	}
	return err
}

// encoded writes body and, beside it, the compressed forms it was built
// with.
func (w *writer) encoded(name string, body []byte, enc *site.Encodings) {
	w.file(name, body)
	if gz, _ := enc.Gzip(); gz != nil {
		w.file(name+".gz", gz)
	}
	w.brotli = append(w.brotli, later{name, enc})
}

// page writes the page at the URL path p.Path and its compressed forms.
// A page the page cache kept comes with the SHA-256 and length of each
// form (site.Encodings.Sums, Sizes), so its forms are read from the cache
// (and its body inflated) only if its file must be written, not linked or
// kept: when one turns out damaged then, Write fails with
// cache.ErrDamaged, and the caller builds again.
func (w *writer) page(urlPath string, p *site.Page) {
	name := fileFor(urlPath, p.ContentType)
	sums := p.Sums()
	if sums == nil {
		w.encoded(name, p.Plain(), &p.Encodings)
		return
	}
	sizes := p.Sizes()
	w.add(name, sums[0], sizes[0], form(&p.Encodings, 0))
	if sizes[1] > 0 {
		w.add(name+".gz", sums[1], sizes[1], form(&p.Encodings, 1))
	}
	w.brotli = append(w.brotli, later{name, &p.Encodings})
}

// form returns a function that returns the form i of e (site.Encodings.Form).
func form(e *site.Encodings, i int) func() ([]byte, error) {
	return func() ([]byte, error) { return e.Form(i) }
}

// compressed writes body and its compressed forms, compressing it now
// (or taking them from the cache folder, Options.Files).
func (w *writer) compressed(name string, body []byte, contentType string) {
	w.encoded(name, body, site.EncodeCached(body, contentType, w.store))
}

// redirects writes, for each old path of s, the page that sends the
// browser on (site.MovedPage, in the site's words), and the _redirects
// file; without redirects, no _redirects file.
func (w *writer) redirects(s *site.Site) {
	redirects, baseURL := s.Redirects(), s.Content.Config.BaseURL
	if len(redirects) == 0 {
		return
	}
	var lines []string
	for from, to := range redirects {
		w.compressed(fileFor(from, "text/html"), s.MovedPage(baseURL+to, to), "text/html; charset=utf-8")
		lines = append(lines, from+" "+to+" 301\n")
	}
	slices.Sort(lines)
	w.file("_redirects", []byte(strings.Join(lines, "")))
}

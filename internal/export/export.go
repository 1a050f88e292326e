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
// the format of Netlify and Cloudflare Pages, which answer 301 from it.
//
// Write is safe by construction (folder.go): it writes the new export into
// a new folder beside the old one and swaps it in only when every file is
// written, so a failed build leaves the previous export whole. It leaves a
// Marker file listing what it wrote, and replaces a folder (-clean) only
// when the marker is there and the folder holds nothing else. It refuses,
// before writing anything, the top of the disk, a home folder, a link, a
// folder with .git, content or templates in it, and any folder that holds,
// is or is inside the folders the site is read from.
package export

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	// Home is the user's home folder ($HOME), which is never an export
	// folder; nor is any folder directly in /home or /Users.
	Home string
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
	tmp, err := os.MkdirTemp(parent, ".relief-build-*")
	if err != nil {
		return 0, fmt.Errorf("export: cannot make a folder beside %s to build in: %w", dir, err)
	}
	defer os.RemoveAll(tmp) // gone after a swap; the half-built export otherwise
	if err := os.Chmod(tmp, 0o755); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	n, err := writeSite(ctx, tmp, s)
	if err != nil {
		return 0, err
	}
	if err := swap(tmp, t, opts.Clean); err != nil {
		return 0, fmt.Errorf("export: putting the new export in place of %s: %w", dir, err)
	}
	return n, nil
}

// writeSite writes every file of s into dir, then the Marker.
func writeSite(ctx context.Context, dir string, s *site.Site) (int, error) {
	select {
	case <-s.Compressed(): // every .br file, not only those made so far
	case <-ctx.Done():
		return 0, fmt.Errorf("export: stopped: %w", context.Cause(ctx))
	}
	w := &writer{ctx: ctx, dir: dir}
	for _, path := range s.Paths() {
		p := s.Lookup(path)
		w.encoded(fileFor(path, p.ContentType), p.Body, &p.Encodings)
	}
	for _, as := range s.Assets.All() {
		w.encoded(strings.TrimPrefix(as.Fingerprint, "/"), as.Body, &as.Encodings)
		w.encoded("static/"+as.Name, as.Body, &as.Encodings)
	}
	notFound := s.NotFoundPage()
	w.compressed("404.html", notFound, "text/html; charset=utf-8")
	w.redirects(s.Redirects(), s.Content.Config.BaseURL)
	if w.err == nil {
		w.err = writeMarker(dir, w.names)
	}
	if w.err != nil {
		return w.n, fmt.Errorf("export: %w", w.err)
	}
	return w.n, nil
}

// fileFor returns the file, relative to the export folder, that answers a
// URL path: index.html inside a folder for HTML pages, the path itself
// for anything else (sitemap.xml) or a path that already names a file.
func fileFor(urlPath, contentType string) string {
	name := strings.TrimPrefix(urlPath, "/")
	html := strings.HasPrefix(contentType, "text/html")
	switch {
	case name == "" || strings.HasSuffix(name, "/"):
		return name + "index.html"
	case html && !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".htm"):
		return name + "/index.html"
	}
	return name
}

// writer writes files under dir, keeping the first error.
type writer struct {
	ctx   context.Context // stops the writing when done
	dir   string
	n     int
	names []string // every file written, for the Marker
	err   error
}

func (w *writer) file(name string, body []byte) {
	if w.err == nil && w.ctx.Err() != nil {
		w.err = fmt.Errorf("stopped: %w", context.Cause(w.ctx))
	}
	if w.err != nil {
		return
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		w.err = fmt.Errorf("%q is not a path inside the export folder", name)
		return
	}
	path := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		w.err = err
		return
	}
	if _, err := os.Stat(path); err == nil {
		w.err = fmt.Errorf("two URLs want the file %s", name)
		return
	} else if !errors.Is(err, fs.ErrNotExist) {
		w.err = err
		return
	}
	if err := os.WriteFile(path, body, 0o644); err != nil {
		w.err = err
		return
	}
	w.names = append(w.names, name)
	w.n++
}

// encoded writes body and, beside it, the compressed forms it was built
// with.
func (w *writer) encoded(name string, body []byte, enc *site.Encodings) {
	w.file(name, body)
	if enc.Gzip != nil {
		w.file(name+".gz", enc.Gzip)
	}
	if br, _ := enc.Brotli(); br != nil {
		w.file(name+".br", br)
	}
}

// compressed writes body and its compressed forms, compressing it now.
func (w *writer) compressed(name string, body []byte, contentType string) {
	w.encoded(name, body, site.Encode(body, contentType))
}

// redirects writes a page that sends the browser on for each old path,
// and the _redirects file.
func (w *writer) redirects(redirects map[string]string, baseURL string) {
	var lines []string
	for from, to := range redirects {
		w.compressed(fileFor(from, "text/html"), redirectPage(baseURL+to, to), "text/html; charset=utf-8")
		lines = append(lines, from+" "+to+" 301\n")
	}
	slices.Sort(lines)
	w.file("_redirects", []byte(strings.Join(lines, "")))
}

// redirectPage is the page left at an old path: browsers follow its meta
// refresh at once, search engines its canonical link.
func redirectPage(canonical, to string) []byte {
	esc := strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", `"`, "&quot;").Replace
	return fmt.Appendf(nil, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>This page has moved</title>
<link rel="canonical" href="%s">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=%s">
</head>
<body><p>This page has moved to <a href="%s">%s</a>.</p></body></html>
`, esc(canonical), esc(to), esc(to), esc(to))
}

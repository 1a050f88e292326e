package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"path"
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/guard"
)

// DevScript is the static file only the preview (serve -dev) uses: the
// script that reloads the page on every save. A published site leaves it
// out (see package export).
const DevScript = "js/dev-reload.js"

// Asset is one file of the static folder.
type Asset struct {
	Name        string // path inside the static folder: "css/site.css"
	Fingerprint string // "/static/css/site.3f2a9c1e.css"
	ContentType string
	Body        []byte
	Encodings   // filled in by Build
}

// Assets are the static files, by name and by fingerprinted URL.
type Assets struct {
	byName map[string]*Asset
	byURL  map[string]*Asset // both "/static/css/site.css" and the fingerprinted URL
}

// add fingerprints body and serves it as the static file name.
func (a *Assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	as := &Asset{
		Name:        name,
		Fingerprint: "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext,
		ContentType: contentType(ext),
		Body:        body,
	}
	a.byName[name] = as
	a.byURL["/static/"+name] = as
	a.byURL[as.Fingerprint] = as
}

// withSiteAddress appends to css/site.css a rule that gives the print
// styles the site's address, so links print as full addresses
// ("https://…/conditions/sciatica") rather than paths. The address comes
// from site.yaml, which the static stylesheet cannot know; appending it
// costs no extra request.
func (a *Assets) withSiteAddress(baseURL string) {
	css, ok := a.byName["css/site.css"]
	if !ok {
		return
	}
	delete(a.byURL, css.Fingerprint)
	quoted := strings.NewReplacer(`\\`, `\\\\`, `"`, `\\"`, "\n", "").Replace(baseURL)
	body := append(slices.Clip(css.Body), ":root{--site:\""+quoted+"\"}\n"...)
	a.add(css.Name, body)
}

// MaxStaticFile and MaxStaticTotal bound the static folder. Every static
// file is held in memory so that a request only looks its bytes up, so a
// film or an archive dropped into the folder would cost its whole size in
// memory on every server: such files are refused before they are read,
// with a message saying what to do instead.
const (
	MaxStaticFile  = 16 << 20
	MaxStaticTotal = 128 << 20
)

// loadAssets reads every file of the static folder and fingerprints it with
// the first 8 hex digits of its SHA-256. Dot-files are skipped; a file over
// MaxStaticFile, or past MaxStaticTotal for the folder, is refused before it
// is read.
func loadAssets(static fs.FS) (*Assets, error) {
	a := &Assets{byName: map[string]*Asset{}, byURL: map[string]*Asset{}}
	var total int64
	err := guard.Files(static, func(name string, info fs.FileInfo) error {
		if total += info.Size(); info.Size() > MaxStaticFile || total > MaxStaticTotal {
			return staticTooBig(name, info.Size(), total)
		}
		body, err := readAtMost(static, name, MaxStaticFile)
		if err != nil {
			return err
		}
		a.add(name, body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading static files: %w", err)
	}
	return a, nil
}

// staticTooBig is the refusal of a static file that is too big to keep in
// memory, or that takes the folder past MaxStaticTotal.
func staticTooBig(name string, size, total int64) error {
	if size > MaxStaticFile {
		return fmt.Errorf("static/%s is %d MiB; the static folder takes files up to %d MiB, because relief keeps each one in memory to send it quickly: make it smaller (a photo 2,000 pixels wide is well under 1 MiB), or put a video on a video site and link to it", name, size>>20, MaxStaticFile>>20)
	}
	return fmt.Errorf("static/%s takes the static folder to %d MiB; it may hold up to %d MiB, because relief keeps every file in memory: remove files the pages do not use, or make the large ones smaller", name, total>>20, MaxStaticTotal>>20)
}

// readAtMost reads name, refusing it if it turns out longer than limit
// (it grew after its size was checked).
func readAtMost(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, staticTooBig(name, int64(len(body)), 0)
	}
	return body, nil
}

func contentType(ext string) string {
	switch ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// URL returns the fingerprinted URL of a static file, or an error naming
// the missing file.
func (a *Assets) URL(name string) (string, error) {
	as, ok := a.byName[strings.TrimPrefix(name, "/")]
	if !ok {
		return "", fmt.Errorf("asset %q: there is no such file in the static folder", name)
	}
	return as.Fingerprint, nil
}

// Lookup returns the asset at a URL path (fingerprinted or not), and
// whether the path was the fingerprinted one.
func (a *Assets) Lookup(urlPath string) (as *Asset, fingerprinted bool) {
	as, ok := a.byURL[urlPath]
	if !ok {
		return nil, false
	}
	return as, urlPath == as.Fingerprint
}

// All returns every asset.
func (a *Assets) All() []*Asset {
	out := make([]*Asset, 0, len(a.byName))
	for _, as := range a.byName {
		out = append(out, as)
	}
	return out
}

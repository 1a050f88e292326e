package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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

// loadAssets reads every file of the static folder and fingerprints it with
// the first 8 hex digits of its SHA-256. Dot-files are skipped.
func loadAssets(static fs.FS) (*Assets, error) {
	a := &Assets{byName: map[string]*Asset{}, byURL: map[string]*Asset{}}
	err := fs.WalkDir(static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if guard.Hidden(d.Name()) && name != "." {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		body, err := fs.ReadFile(static, name)
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

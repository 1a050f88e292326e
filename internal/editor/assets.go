package editor

import (
	"embed"
	"mime"
	"net/http"
	"path"
	"strconv"
)

// assetFiles are the editor's script and stylesheet. editor.js is built
// from assets/src by scripts/build-editor.sh (make editor-js) and
// committed, so building relief needs only Go.
//
//go:embed assets/editor.js assets/editor.css
var assetFiles embed.FS

// asset serves one of the editor's own files. They are small and the
// editor's pages are never cached, so they are not either.
func (e *Editor) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	data, err := assetFiles.ReadFile("assets/" + name)
	if err != nil || path.Base(name) != name {
		e.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

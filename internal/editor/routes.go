package editor

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes is every path of the editor. Package auth serves /_relief/login
// and /_relief/logout in front of it; the server keeps /_relief/events
// (the preview's reload stream) for itself.
func (e *Editor) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.GetHead, slowLinks)
	r.Get("/_relief/", redirect("/_relief/edit/"))
	r.Get("/_relief/edit", redirect("/_relief/edit/"))
	r.Get("/_relief/edit/", e.dashboard)
	r.Get("/_relief/edit/{kind}/{file}", e.edit) // conditions/sciatica.md, pages/about.md
	r.Get("/_relief/edit/{file}", e.edit)        // index.md
	r.Get("/_relief/preview", e.preview)         // ?path=: the saved file
	r.Post("/_relief/preview", e.preview)
	r.Post("/_relief/check", e.check)
	r.Post("/_relief/save", e.save)
	r.Get("/_relief/new", e.newForm)
	r.Post("/_relief/new", e.create)
	r.Post("/_relief/translate", e.translate)
	r.Post("/_relief/upload", e.upload)
	r.Get("/_relief/assets/{name}", e.asset)
	r.Get("/_relief/history/*", e.history) // conditions/sciatica.md, site.yaml
	r.Post("/_relief/restore", e.restore)
	r.Get("/_relief/delete/*", e.confirmDelete)
	r.Post("/_relief/delete", e.delete)
	r.Get("/_relief/deleted", e.deleted)
	r.Get("/_relief/rename/*", e.renameForm)
	r.Post("/_relief/rename", e.rename)
	r.Get("/_relief/settings", e.settingsForm)
	r.Post("/_relief/settings", e.saveSettings)
	r.NotFound(e.notFound)
	r.MethodNotAllowed(e.methodNotAllowed)
	return r
}

// redirect sends a browser on to to.
func redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusSeeOther) }
}

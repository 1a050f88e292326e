package editor

import (
	"fmt"
	"io"
	"net/http"
	"path"
	"regexp"
	"strings"
)

// maxImage is the largest image the editor takes: a photo from a phone,
// not a poster.
const maxImage = 8 << 20

// imageTypes are the image types the editor takes, by the type sniffed
// from the bytes, with the extension the file gets.
var imageTypes = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}

var unsafeName = regexp.MustCompile(`[^a-z0-9-]+`)

// upload puts an image into the static folder's images/ and answers the
// Markdown to insert. The alt text is required: a visitor who cannot see
// the picture hears it.
//
// TODO(lead): when package images exports its check, pass the bytes
// through it here instead of the sniff and size limit below.
func (e *Editor) upload(w http.ResponseWriter, r *http.Request) {
	user := e.opts.User(r)
	fail := func(status int, msg string) {
		e.log.Warn("editor: upload refused", "user", user, "reason", msg)
		writeJSON(w, status, map[string]string{"error": msg})
	}
	if e.opts.StaticDir == "" {
		fail(http.StatusForbidden, "Pictures cannot be added here: relief is not using a static folder on disk.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImage+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("The picture could not be read. Pictures may be at most %d MB; make it smaller and try again.", maxImage>>20))
		return
	}
	alt := strings.TrimSpace(r.PostForm.Get("alt"))
	if alt == "" {
		fail(http.StatusUnprocessableEntity, "Describe the picture in a few words (the alt text): visitors who cannot see it will hear this instead.")
		return
	}
	file, hdr, err := r.FormFile("image")
	if err != nil {
		fail(http.StatusBadRequest, "Choose a picture to add.")
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxImage+1))
	if err != nil || len(data) > maxImage {
		fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("The picture is over %d MB; make it smaller and try again.", maxImage>>20))
		return
	}
	ext, ok := imageTypes[http.DetectContentType(data)]
	if !ok {
		fail(http.StatusUnsupportedMediaType, "This file is not a JPEG, PNG, WebP or GIF picture. Save it as a JPEG and try again.")
		return
	}
	base := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(strings.TrimSuffix(hdr.Filename, path.Ext(hdr.Filename))), "-"), "-")
	if base == "" {
		base = "picture"
	}
	name := "images/" + base + "-" + version(data)[:8] + ext
	if err := e.write(e.opts.StaticDir, name, data); err != nil {
		fail(http.StatusInternalServerError, "The picture could not be saved: "+err.Error())
		return
	}
	ctx := r.Context()
	e.opts.Reload(ctx)
	e.log.Info("editor: picture added", "user", user, "path", name, "bytes", len(data))
	md := fmt.Sprintf("![%s](/static/%s)", strings.NewReplacer("[", "", "]", "").Replace(alt), name)
	writeJSON(w, http.StatusOK, map[string]string{"markdown": md, "path": "/static/" + name})
}

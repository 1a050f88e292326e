package editor

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"regexp"
	"strings"

	"github.com/relief-massage/relief/internal/images"
)

var unsafeName = regexp.MustCompile(`[^a-z0-9-]+`)

// upload puts an image into the content folder's images/, where every
// picture lives (package images), and answers the Markdown to insert. The
// bytes pass the image pipeline's own check (images.Check: the type
// sniffed from the bytes, size and pixel limits, SVG without scripts); the
// alt text is required: a visitor who cannot see the picture hears it.
// The picture is kept in the history like every page.
func (e *Editor) upload(w http.ResponseWriter, r *http.Request) {
	user := e.opts.User(r)
	fail := func(status int, msg string) {
		e.log.Warn("editor: upload refused", "user", user, "reason", msg)
		writeJSON(w, status, map[string]string{"error": msg})
	}
	if e.readOnly() {
		fail(http.StatusForbidden, "Pictures cannot be added here: relief is showing its built-in pages, which cannot be changed.")
		return
	}
	const maxImage = images.MaxFileSize
	r.Body = http.MaxBytesReader(w, r.Body, maxImage+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
			fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("The picture is over %d MB; make it smaller and try again.", maxImage>>20))
		} else {
			fail(http.StatusBadRequest, "The picture did not arrive whole: the connection may have dropped. Try again.")
		}
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
	base := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(strings.TrimSuffix(hdr.Filename, path.Ext(hdr.Filename))), "-"), "-")
	if base == "" {
		base = "picture"
	}
	file1, err := images.UploadName(base+"-"+version(data)[:8], data)
	if err == nil {
		err = images.Check(file1, data)
	}
	if err != nil {
		fail(http.StatusUnsupportedMediaType, "This picture cannot be used: "+err.Error()+".")
		return
	}
	name := images.Folder + "/" + file1
	if err := e.write(e.opts.ContentDir, name, data); err != nil {
		fail(http.StatusInternalServerError, "The picture could not be saved: "+err.Error())
		return
	}
	e.record(user, "Added the picture "+file1, name)
	ctx := r.Context()
	e.opts.Reload(ctx)
	e.log.Info("editor: picture added", "user", user, "path", name, "bytes", len(data))
	md := fmt.Sprintf("![%s](%s)", strings.NewReplacer("[", "", "]", "").Replace(alt), name)
	writeJSON(w, http.StatusOK, map[string]string{"markdown": md, "path": name})
}

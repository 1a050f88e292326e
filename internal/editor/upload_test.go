package editor

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/images"
)

func TestUpload(t *testing.T) {
	var pic bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	png.Encode(&pic, img)
	tests := []struct {
		name   string
		file   string
		data   []byte
		alt    string
		status int
		want   string
	}{
		{"png", "Shoulder Stretch.png", pic.Bytes(), "A client stretching her shoulder", 200, `![A client stretching her shoulder](images/shoulder-stretch-`},
		{"no alt text", "a.png", pic.Bytes(), " ", 422, "Describe the picture"},
		{"not a picture", "notes.png", []byte("just some text, named .png"), "Notes", 415, "the file is not an image"},
		{"iPhone photo", "IMG_0001.HEIC", append([]byte("\x00\x00\x00\x18ftypheic"), make([]byte, 64)...), "Hands", 415, "export the photo as JPEG"},
		{"too big", "big.png", append(pic.Bytes(), make([]byte, images.MaxFileSize)...), "Big", 413, "MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			static := fx.ed.opts.ContentDir // pictures live in the content folder's images/
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, _ := mw.CreateFormFile("image", tt.file)
			fw.Write(tt.data)
			mw.WriteField("alt", tt.alt)
			mw.Close()
			r := httptest.NewRequest("POST", "/_relief/upload", &body)
			r.Header.Set("Content-Type", mw.FormDataContentType())
			w := httptest.NewRecorder()
			fx.h.ServeHTTP(w, r)
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) {
				t.Fatalf("status = %d, want %d with %q: %s", w.Code, tt.status, tt.want, w.Body)
			}
			files, _ := filepath.Glob(filepath.Join(static, "images", "*-????????.*")) // uploads end in a short version; the example pictures do not
			if (tt.status == 200) != (len(files) == 1) {
				t.Errorf("files in images/: %v", files)
			}
			if tt.status == 200 {
				var out map[string]string
				json.Unmarshal(w.Body.Bytes(), &out)
				data, _ := os.ReadFile(files[0])
				if !bytes.Equal(data, tt.data) || !strings.HasSuffix(out["path"], filepath.Base(files[0])) {
					t.Errorf("the picture saved is not the one sent")
				}
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	fx := newFixture(t)
	fx.ed.opts.ContentDir = ""
	before := fx.file(backPain)
	v := fx.formOf(backPain)
	v.Set("summary", "Built-in pages cannot be changed.")
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "relief serve -content DIR") {
		t.Errorf("save of the built-in content: status = %d, want 403 saying how to edit", w.Code)
	}
	if fx.file(backPain) != before {
		t.Errorf("the file changed")
	}
	if w := fx.do("GET", "/_relief/edit/", nil); !strings.Contains(w.Body.String(), "cannot be changed here") {
		t.Errorf("the dashboard does not say the pages are read-only")
	}
}

// TestPictureDialogOffersWhatUploadsTake: the Picture dialog's file chooser
// offers and names the kinds of picture an upload takes (images.Check): it
// offered GIF, which every upload then refused.
func TestPictureDialogOffersWhatUploadsTake(t *testing.T) {
	js, err := assetFiles.ReadFile("assets/editor.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`accept:"image/jpeg,image/png,image/webp,image/svg+xml"`, "(JPEG, PNG, WebP or SVG)"} {
		if !bytes.Contains(js, []byte(want)) {
			t.Errorf("the Picture dialog does not offer %s (run make editor-js after changing scripts/editor/src)", want)
		}
	}
	if bytes.Contains(js, []byte("image/gif")) || bytes.Contains(js, []byte("or GIF")) {
		t.Error("the Picture dialog offers GIF, which images.Check refuses")
	}
}

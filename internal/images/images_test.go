package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

// photo returns a JPEG of w×h whose left half is red and right half blue.
func photo(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{200, 30, 30, 255}
			if x >= w/2 {
				c = color.RGBA{30, 30, 200, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withEXIF inserts an Exif segment with orientation o, a GPS position and
// a camera owner's name into a JPEG.
func withEXIF(jpg []byte, o uint16) []byte {
	be := binary.BigEndian
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
	entry := func(tag, typ uint16, count, value uint32) []byte {
		e := make([]byte, 12)
		be.PutUint16(e, tag)
		be.PutUint16(e[2:], typ)
		be.PutUint32(e[4:], count)
		be.PutUint32(e[8:], value)
		return e
	}
	// IFD0 at 8: 3 entries (2+36+4 = 42 bytes), then the owner's name at 50,
	// then the GPS IFD at 80.
	tiff = append(tiff, 0, 3)
	tiff = append(tiff, entry(0x0112, 3, 1, uint32(o)<<16)...)
	tiff = append(tiff, entry(0xa430, 2, 16, 50)...) // CameraOwnerName
	tiff = append(tiff, entry(0x8825, 4, 1, 80)...)  // GPS IFD
	tiff = append(tiff, 0, 0, 0, 0)
	tiff = append(tiff, "Jane Therapist\x00\x00"...)
	for len(tiff) < 80 {
		tiff = append(tiff, 0)
	}
	tiff = append(tiff, 0, 1)
	tiff = append(tiff, entry(0x0001, 2, 2, 'N'<<24)...) // GPSLatitudeRef
	tiff = append(tiff, 0, 0, 0, 0)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xff, 0xe1, 0, 0}
	be.PutUint16(app1[2:], uint16(len(seg)+2))
	app1 = append(app1, seg...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	return append(out, jpg[2:]...)
}

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bomb is a PNG header claiming 100,000 × 100,000 pixels.
func bomb(t testing.TB) []byte {
	b := pngOf(t, 1, 1)
	binary.BigEndian.PutUint32(b[16:], 100000)
	binary.BigEndian.PutUint32(b[20:], 100000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestCheckRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty.jpg", nil, "the file is empty: copy the image again"},
		{"notes.jpg", []byte("<html><body>Not an image</body></html>"), "the file is not an image (it may be a web page or a document saved under an image's name): save the image itself as JPEG, PNG, WebP or SVG"},
		{"stretch.jpg", pngOf(t, 4, 4), "the file is not the JPEG image its name claims: it holds a PNG image; rename it to stretch.png"},
		{"stretch.bmp", pngOf(t, 4, 4), "the name stretch.bmp does not end in .jpg, .jpeg, .png, .webp or .svg: name the file like photo.png"},
		{"anim.gif", []byte("GIF89a\x01\x00\x01\x00"), "GIF images are not accepted: save it as PNG (a drawing) or JPEG (a photo)"},
		{"phone.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), "HEIC and AVIF photos (the iPhone's own format) are not accepted: export the photo as JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible)"},
		{"huge.png", bomb(t), "the image is 100000×100000 pixels; images may have up to 50 million pixels: save it again at a smaller size (2,000 pixels wide is plenty)"},
		{"cut.jpg", photo(t, 8, 8)[:12], "the file is damaged: it starts like a JPEG image but cannot be read (unexpected EOF); open it in your photo app and save it again"},
		{"x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`), "the drawing holds a script, which could run in visitors' browsers: remove the <script> element, or save the drawing as PNG"},
		{"x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"/>`), "the drawing has an event handler (onload=…) on <svg>, which could run a script: remove the attribute"},
		{"x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="https://example.com/a.png"/></svg>`), `the drawing refers to another file or website (href="https://example.com/a.png" on <image>): drawings must be whole in themselves; remove the reference, or save the drawing as PNG`},
		{"x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>@import url(https://example.com/a.css);</style></svg>`), "the drawing's styles load something from another file or website (url(…) or @import): remove it, or save the drawing as PNG"},
		{"x.svg", []byte(`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">&x;</svg>`), "the drawing declares a DOCTYPE or entities, which can read other files: save it again as plain SVG (in Inkscape: Save As, Optimized SVG)"},
		{"x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>`), "the drawing has no size: give its <svg> element width and height, or a viewBox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.name, tt.data)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Check(%s) = %v\nwant %s", tt.name, err, tt.want)
			}
		})
	}
}

func TestCheckAccepts(t *testing.T) {
	for name, data := range map[string][]byte{
		"a.jpg":  photo(t, 8, 8),
		"a.png":  pngOf(t, 8, 8),
		"a.svg":  []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="40" height="20"/><use href="#g"/></svg>`),
		"b.jpeg": withEXIF(photo(t, 8, 8), 1),
	} {
		if err := Check(name, data); err != nil {
			t.Errorf("Check(%s) = %v, want nil", name, err)
		}
	}
}

// TestOrientation: a photo stored on its side with EXIF orientation 6
// (turn a quarter clockwise) comes out upright, in every variant.
func TestOrientation(t *testing.T) {
	data := withEXIF(photo(t, 800, 400), 6)
	info, err := Inspect("p.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	if info.Width != 400 || info.Height != 800 || info.Orientation != 6 {
		t.Fatalf("Inspect = %+v, want 400×800 orientation 6", info)
	}
	im := &Image{Name: "p.jpg", Info: info}
	out, err := Make(data, im)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range im.Variants() {
		m, _, err := image.Decode(bytes.NewReader(out[variantKey(v)]))
		if err != nil {
			t.Fatalf("%s: %v", v.URL, err)
		}
		if b := m.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height || b.Dx() >= b.Dy() {
			t.Errorf("%s: %v, want %d×%d upright", v.URL, b, v.Width, v.Height)
		}
		// The stored left half (red) is the top once upright.
		top, bottom := m.At(v.Width/2, v.Height/8), m.At(v.Width/2, v.Height*7/8)
		if r, _, b, _ := top.RGBA(); r < b {
			t.Errorf("%s: top is %v, want red (the photo is not upright)", v.URL, top)
		}
		if r, _, b, _ := bottom.RGBA(); b < r {
			t.Errorf("%s: bottom is %v, want blue", v.URL, bottom)
		}
	}
}

// TestNoMetadata: a photo with a GPS position and an owner's name comes
// out with neither, in JPEG and WebP.
func TestNoMetadata(t *testing.T) {
	data := withEXIF(photo(t, 1600, 1200), 1)
	if exifTIFF(data) == nil || !bytes.Contains(data, []byte("Jane Therapist")) {
		t.Fatal("the test photo has no EXIF")
	}
	info, err := Inspect("p.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	im := &Image{Name: "p.jpg", Info: info}
	out, err := Make(data, im)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 8 {
		t.Errorf("%d variants, want 8 (4 widths × 2 formats)", len(out))
	}
	for k, b := range out {
		if strings.HasSuffix(k, ".jpeg") && (exifTIFF(b) != nil || hasAPP(b)) {
			t.Errorf("%s: has an APP1 segment (EXIF or XMP)", k)
		}
		if strings.HasSuffix(k, ".webp") {
			for _, c := range riffChunks(b) {
				if c == "EXIF" || c == "XMP " {
					t.Errorf("%s: has a %s chunk", k, c)
				}
			}
		}
		if bytes.Contains(b, []byte("Jane")) {
			t.Errorf("%s: holds the owner's name", k)
		}
	}
}

// hasAPP reports whether a JPEG has an APP1 segment.
func hasAPP(b []byte) bool {
	for i := 2; i+4 <= len(b) && b[i] == 0xff; {
		m := b[i+1]
		if m == 0xda {
			return false
		}
		if m == 0xe1 {
			return true
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
	}
	return false
}

func riffChunks(b []byte) []string {
	var out []string
	for i := 12; i+8 <= len(b); {
		out = append(out, string(b[i:i+4]))
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		i += 8 + n + n%2
	}
	return out
}

func TestWidths(t *testing.T) {
	for _, tt := range []struct {
		w    int
		want string
	}{{4000, "[360 720 1080 1440]"}, {1000, "[360 720 1000]"}, {1440, "[360 720 1080 1440]"}, {200, "[200]"}} {
		im := &Image{Info: Info{Width: tt.w, Height: 100}}
		if got := fmt.Sprint(im.Widths()); got != tt.want {
			t.Errorf("Widths(%d) = %s, want %s", tt.w, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	lib := Scan(fstest.MapFS{
		"shoulder.jpg": {Data: photo(t, 20, 10)},
		"fake.jpg":     {Data: []byte("hello")},
	})
	tests := []struct{ dest, want string }{
		{"shoulder.jpg", ""},
		{"images/shoulder.jpg", ""},
		{"/images/shoulder.jpg", ""},
		{"sholder.jpg", "there is no file sholder.jpg in content/images/: put the image in that folder, or fix the name (did you mean shoulder.jpg?)"},
		{"https://example.com/pics/knee.jpg", "the image is on another website, so visitors' browsers will not load it (the site only shows its own images) and it could change or vanish: save it (if its licence allows) into content/images/ and write its name, like ![what it shows](knee.jpg)"},
		{"fake.jpg", "the file is not an image (it may be a web page or a document saved under an image's name): save the image itself as JPEG, PNG, WebP or SVG"},
	}
	for _, tt := range tests {
		_, err := lib.Lookup(tt.dest)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Lookup(%q) = %q\nwant %q", tt.dest, got, tt.want)
		}
	}
}

// TestProcessorOnce: a second Files call makes nothing again.
func TestProcessorOnce(t *testing.T) {
	lib := Scan(fstest.MapFS{"a.jpg": {Data: photo(t, 500, 300)}})
	p := NewProcessor(nil)
	files, err := p.Files(context.Background(), lib)
	if err != nil {
		t.Fatal(err)
	}
	for url, f := range files {
		if len(f.Data) == 0 || !strings.HasPrefix(url, "/static/images/a.") {
			t.Errorf("%s: %d bytes of %s", url, len(f.Data), f.Type)
		}
	}
	if len(files) != 4 {
		t.Errorf("%d files, want 4 (360 and 500, WebP and JPEG)", len(files))
	}
	// A library whose file cannot be read any more: only memory can answer.
	lib.fsys = fstest.MapFS{}
	if _, err := p.Files(context.Background(), lib); err != nil {
		t.Errorf("second Files read the file again: %v", err)
	}
}

// closable is a folder that can be closed, like the content folder a
// server closes once the site is loaded.
type closable struct {
	fstest.MapFS
	closed atomic.Bool
}

func (c *closable) Open(name string) (fs.File, error) {
	if c.closed.Load() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrClosed}
	}
	return c.MapFS.Open(name)
}

// TestStartReadsBeforeTheFolderCloses: the variants are made in the
// background, after the folder the image came from may have been closed
// (relief serve -content with an empty cache), so Start reads what it
// will need at once.
func TestStartReadsBeforeTheFolderCloses(t *testing.T) {
	folder := &closable{MapFS: fstest.MapFS{"a.jpg": {Data: photo(t, 500, 300)}}}
	lib := Scan(folder)
	set := NewProcessor(nil).Start(lib)
	folder.closed.Store(true)
	if err := set.Wait(context.Background()); err != nil {
		t.Fatalf("the variants were not made once the folder closed: %v", err)
	}
	if n := len(set.URLs()); n != 4 {
		t.Errorf("%d variants, want 4", n)
	}
}

package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"strings"

	"golang.org/x/image/webp"
)

// Format is the kind of an image file, as sniffed from its bytes.
type Format string

// The formats Check accepts.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	WebP Format = "webp"
	SVG  Format = "svg"
)

// The limits of one image. A phone photo is 3 to 12 MiB and 12 to 48
// million pixels; decoding takes 4 bytes a pixel, so MaxPixels bounds the
// memory one image takes while it is processed to about 200 MiB.
const (
	MaxFileSize = 30 << 20
	MaxPixels   = 50_000_000
	MaxSVGSize  = 1 << 20
)

// Info is what the header of an image says about it.
type Info struct {
	Format Format
	// Width and Height are the size of the image as it is meant to be
	// seen: for a JPEG whose EXIF orientation turns it a quarter, the
	// stored width and height swapped.
	Width, Height int
	// Orientation is the EXIF orientation (1 to 8; 1 is upright).
	Orientation int
}

// Check reports whether data, the bytes of a file named name, is an image
// the site accepts, with an error saying what to do when it is not. It
// reads only the header: a file claiming more than MaxPixels is refused
// before any decoding. The browser editor calls it on every upload.
func Check(name string, data []byte) error {
	_, err := Inspect(name, data)
	return err
}

// Inspect is Check, returning what the header says.
func Inspect(name string, data []byte) (Info, error) {
	if len(data) > MaxFileSize {
		return Info{}, fmt.Errorf("the file is %d MiB; images may be up to %d MiB: save it again from your photo app at a smaller size (2,000 pixels wide is plenty)", len(data)>>20, MaxFileSize>>20)
	}
	f, err := sniff(data)
	if err != nil {
		return Info{}, err
	}
	if want := formatOfName(name); want != f {
		if want == "" {
			return Info{}, fmt.Errorf("the name %s does not end in .jpg, .jpeg, .png, .webp or .svg: name the file like photo.%s", path.Base(name), ext(f))
		}
		return Info{}, fmt.Errorf("the file is not the %s image its name claims: it holds a %s image; rename it to %s", strings.ToUpper(string(want)), strings.ToUpper(string(f)), strings.TrimSuffix(path.Base(name), path.Ext(name))+"."+ext(f))
	}
	if f == SVG {
		w, h, err := checkSVG(data)
		return Info{Format: SVG, Width: w, Height: h, Orientation: 1}, err
	}
	cfg, err := decodeConfig(f, data)
	if err != nil {
		return Info{}, fmt.Errorf("the file is damaged: it starts like a %s image but cannot be read (%v); open it in your photo app and save it again", strings.ToUpper(string(f)), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, errors.New("the file says it is an image with no pixels: open it in your photo app and save it again")
	}
	if cfg.Width > MaxPixels/cfg.Height {
		return Info{}, fmt.Errorf("the image is %d×%d pixels; images may have up to %d million pixels: save it again at a smaller size (2,000 pixels wide is plenty)", cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	info := Info{Format: f, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	if f == JPEG {
		info.Orientation = orientation(data)
		if info.Orientation >= 5 {
			info.Width, info.Height = info.Height, info.Width
		}
	}
	return info, nil
}

func decodeConfig(f Format, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		return jpeg.DecodeConfig(r)
	case PNG:
		return png.DecodeConfig(r)
	default:
		return webp.DecodeConfig(r)
	}
}

// sniff names the format of data from its first bytes.
func sniff(data []byte) (Format, error) {
	head := data[:min(len(data), 32)]
	switch {
	case len(data) == 0:
		return "", errors.New("the file is empty: copy the image again")
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return JPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP, nil
	case bytes.HasPrefix(head, []byte("GIF8")):
		return "", errors.New("GIF images are not accepted: save it as PNG (a drawing) or JPEG (a photo)")
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return "", errors.New("HEIC and AVIF photos (the iPhone's own format) are not accepted: export the photo as JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible)")
	case bytes.HasPrefix(head, []byte("BM")), bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return "", errors.New("BMP and TIFF images are not accepted: save it as JPEG (a photo) or PNG (a drawing)")
	case looksLikeSVG(data):
		return SVG, nil
	}
	return "", errors.New("the file is not an image (it may be a web page or a document saved under an image's name): save the image itself as JPEG, PNG, WebP or SVG")
}

func formatOfName(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg":
		return JPEG
	case ".png":
		return PNG
	case ".webp":
		return WebP
	case ".svg":
		return SVG
	}
	return ""
}

func ext(f Format) string {
	if f == JPEG {
		return "jpg"
	}
	return string(f)
}

// UploadName returns the file name an upload of data should get, stem plus the
// extension of the format sniffed from its bytes (whatever the name it
// came with said), or the reason data is no image relief takes.
func UploadName(stem string, data []byte) (string, error) {
	f, err := sniff(data)
	if err != nil {
		return "", err
	}
	return stem + "." + ext(f), nil
}

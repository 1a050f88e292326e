package images

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/relief-massage/relief/internal/fuzzy"
	"github.com/relief-massage/relief/internal/guard"
)

// Folder is where images live, inside the content folder.
const Folder = "images"

// Ladder is the widths, in pixels, a raster image is offered in: a phone
// 360 pixels wide, the same at twice the density or a tablet, and a
// desktop column (about 700 pixels) at one and a half and twice the
// density. No variant is wider than the original.
var Ladder = [...]int{360, 720, 1080, 1440}

// version names how variants are made: change it when the encoding
// changes, and every URL and cache entry changes with it.
const version = "images-v1"

// Image is one file of the images folder, as its header describes it.
type Image struct {
	Name string // inside the images folder: "shoulder.jpg"
	Info
	// Err says why the file cannot be used (see Check), or is nil.
	Err error

	sum  [sha256.Size]byte // of the file's bytes
	hash string            // the first 8 bytes of sum, in hex
}

// Variant is one file made from an image.
type Variant struct {
	URL           string // "/static/images/shoulder.3f2a9c1e0b7d4a55.720.webp"
	Width, Height int
	Format        Format
}

// Type returns the variant's Content-Type.
func (v Variant) Type() string { return contentType(v.Format) }

func contentType(f Format) string {
	if f == SVG {
		return "image/svg+xml"
	}
	return "image/" + string(f)
}

// Fallback is the format of the variants for browsers without WebP: PNG
// for PNG originals (they may be transparent), JPEG for the rest.
func (im *Image) Fallback() Format {
	if im.Format == PNG {
		return PNG
	}
	return JPEG
}

// Widths returns the widths im is offered in: the widths of Ladder
// narrower than the original, and the original's width when it is below
// Ladder's top.
func (im *Image) Widths() []int {
	var ws []int
	for _, w := range Ladder {
		if w < im.Width {
			ws = append(ws, w)
		}
	}
	if im.Width <= Ladder[len(Ladder)-1] {
		ws = append(ws, im.Width)
	}
	return ws
}

// Variants returns every file made from im: the drawing itself for an
// SVG; else each of Widths in WebP, then each in the Fallback format.
func (im *Image) Variants() []Variant {
	stem := strings.TrimSuffix(im.Name, path.Ext(im.Name))
	base := "/static/" + Folder + "/" + stem + "." + im.hash
	if im.Format == SVG {
		return []Variant{{URL: base + ".svg", Width: im.Width, Height: im.Height, Format: SVG}}
	}
	var vs []Variant
	for _, f := range []Format{WebP, im.Fallback()} {
		for _, w := range im.Widths() {
			h := max(1, (im.Height*w+im.Width/2)/im.Width)
			vs = append(vs, Variant{URL: base + "." + strconv.Itoa(w) + "." + ext(f), Width: w, Height: h, Format: f})
		}
	}
	return vs
}

// Library is the images folder: every image in it, by name.
type Library struct {
	fsys   fs.FS // the images folder
	byName map[string]*Image
	names  []string // sorted
}

// Scan reads every file of the images folder fsys (a missing folder, or a
// nil fsys, is an empty library) and checks each with Inspect, on every CPU. It keeps no
// pixels and no file bytes: only each file's header and hash.
func Scan(fsys fs.FS) *Library { return new(Scanner).Scan(fsys) }

// Scanner is Scan for a folder scanned again and again (the preview, on
// every save): a file whose size and modification time have not changed
// since the last Scan is not read again. A Scanner is safe for concurrent
// use; the zero value is ready.
type Scanner struct {
	mu   sync.Mutex
	seen map[string]scanned
}

type scanned struct {
	size int64
	mod  int64
	im   *Image
}

func (s *Scanner) known(name string, info fs.FileInfo) *Image {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.seen[name]; ok && k.size == info.Size() && k.mod == info.ModTime().UnixNano() && !info.ModTime().IsZero() {
		return k.im
	}
	return nil
}

func (s *Scanner) remember(names []string, infos []fs.FileInfo, imgs []*Image) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen = map[string]scanned{}
	for i, n := range names {
		s.seen[n] = scanned{infos[i].Size(), infos[i].ModTime().UnixNano(), imgs[i]}
	}
}

// Scan is the package's Scan, reusing what earlier scans read.
func (s *Scanner) Scan(fsys fs.FS) *Library {
	lib := &Library{fsys: fsys, byName: map[string]*Image{}}
	if fsys == nil {
		return lib
	}
	var infos []fs.FileInfo
	_ = guard.Files(fsys, func(name string, info fs.FileInfo) error {
		lib.names = append(lib.names, name)
		infos = append(infos, info)
		return nil
	})
	imgs := make([]*Image, len(lib.names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range lib.names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if im := s.known(name, infos[i]); im != nil {
				imgs[i] = im
				return
			}
			imgs[i] = inspectFile(fsys, name, infos[i])
		}()
	}
	wg.Wait()
	s.remember(lib.names, infos, imgs)
	for _, im := range imgs {
		lib.byName[im.Name] = im
	}
	return lib
}

func inspectFile(fsys fs.FS, name string, info fs.FileInfo) *Image {
	im := &Image{Name: name}
	if !info.Mode().IsRegular() {
		im.Err = errors.New("the file is a link or not an ordinary file: put the image itself in the images folder")
		return im
	}
	if info.Size() > MaxFileSize {
		im.Err = fmt.Errorf("the file is %d MiB; images may be up to %d MiB: save it again from your photo app at a smaller size (2,000 pixels wide is plenty)", info.Size()>>20, MaxFileSize>>20)
		return im
	}
	data, err := readFile(fsys, name)
	if err != nil {
		im.Err = err
		return im
	}
	im.Info, im.Err = Inspect(name, data)
	im.sum = sha256.Sum256(append([]byte(version), data...))
	im.hash = hex.EncodeToString(im.sum[:8])
	return im
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("the file is over %d MiB: save it again at a smaller size", MaxFileSize>>20)
	}
	return data, nil
}

// Images returns every image of the library, by name.
func (l *Library) Images() []*Image {
	out := make([]*Image, 0, len(l.names))
	for _, n := range l.names {
		out = append(out, l.byName[n])
	}
	return out
}

// Digest returns a short text that changes when any image changes: the
// rendering of a page that shows images depends on it.
func (l *Library) Digest() string {
	if l == nil {
		return ""
	}
	var b strings.Builder
	for _, n := range l.names {
		b.WriteString(n + "\x00" + l.byName[n].hash + "\x00")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

// IsImage reports whether dest, a Markdown image or frontmatter image,
// names a file of the images folder (rather than a static file).
func IsImage(dest string) bool {
	return !strings.HasPrefix(dest, "/static/")
}

// Lookup resolves dest, an image as a page writes it ("shoulder.jpg",
// "images/shoulder.jpg", "/images/shoulder.jpg"), to its image. The error
// says what to do: for an address on another website, a missing file, or
// a file Check refuses (then the image is returned too).
func (l *Library) Lookup(dest string) (*Image, error) {
	d := strings.TrimSpace(dest)
	if u, err := url.Parse(d); err == nil && (u.Scheme != "" || strings.HasPrefix(d, "//")) {
		if u.Scheme == "data" {
			return nil, errors.New("the image is pasted into the text: save it as a file in content/images/ and write its name instead, like ![what it shows](photo.jpg)")
		}
		return nil, fmt.Errorf("the image is on another website, so visitors' browsers will not load it (the site only shows its own images) and it could change or vanish: save it (if its licence allows) into content/images/ and write its name, like ![what it shows](%s)", suggestName(u.Path))
	}
	name := Name(d)
	if l == nil {
		return nil, fmt.Errorf("there is no file %s in content/images/: put the image in that folder, or fix the name", name)
	}
	im, ok := l.byName[name]
	if !ok {
		return nil, fmt.Errorf("there is no file %s in content/images/: put the image in that folder, or fix the name%s", name, l.didYouMean(name))
	}
	return im, im.Err
}

// Name is the name inside the images folder that dest means.
func Name(dest string) string {
	d, _, _ := strings.Cut(dest, "?")
	d, _, _ = strings.Cut(d, "#")
	if u, err := url.PathUnescape(d); err == nil {
		d = u
	}
	d = strings.TrimPrefix(d, "/")
	for _, p := range []string{"../", "./", Folder + "/"} {
		d = strings.TrimPrefix(d, p)
	}
	return path.Clean(d)
}

func suggestName(p string) string {
	if n := path.Base(p); n != "." && n != "/" && formatOfName(n) != "" {
		return n
	}
	return "photo.jpg"
}

func (l *Library) didYouMean(name string) string {
	best, bestD := "", 4
	for _, n := range l.names {
		if d := fuzzy.Distance([]rune(strings.ToLower(name)), []rune(strings.ToLower(n)), 3); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// Names returns the name of every file in the library.
func (l *Library) Names() []string { return slices.Clone(l.names) }

package images

import (
	"bytes"
	"context"
	"fmt"
	"image"
	stddraw "image/draw"
	"image/jpeg"
	"image/png"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"golang.org/x/image/draw"
	xwebp "golang.org/x/image/webp"
	"golang.org/x/sync/errgroup"

	"github.com/relief-massage/relief/internal/cache"
)

// File is the bytes of one variant.
type File struct {
	Type string // Content-Type
	Data []byte
}

// Processor makes the variants of images, each once: it remembers them by
// the original's hash for the life of the process (a preview reload finds
// them there) and in the disk cache for the next run. A Processor is safe
// for concurrent use.
type Processor struct {
	disk   *cache.Store
	mu     sync.Mutex
	done   map[[32]byte]map[string][]byte // by original: variant key ("720.webp") → bytes
	making map[[32]byte]chan struct{}     // the originals being made, closed when done
}

// NewProcessor returns a processor that keeps variants in disk (nil for
// none).
func NewProcessor(disk *cache.Store) *Processor {
	return &Processor{disk: disk, done: map[[32]byte]map[string][]byte{}, making: map[[32]byte]chan struct{}{}}
}

// Set is the variants of a library's images, made in the background:
// the site serves its pages at once, and a request for a variant waits
// only for its own image.
type Set struct {
	byURL map[string]*job
	jobs  []*job
}

type job struct {
	im    *Image
	done  chan struct{}
	files map[string][]byte // variant key → bytes, once done
	err   error

	// original is the image file's bytes, read by Start when some variant
	// is neither in memory nor on disk: the folder it comes from may be
	// closed as soon as the site is loaded. Dropped once the job ends.
	original []byte
	readErr  error
}

// Start begins making every variant of every usable image of lib that
// neither memory nor the disk cache has, on every CPU, and returns at
// once. Variants of images no longer in lib are forgotten.
func (p *Processor) Start(lib *Library) *Set {
	s := &Set{byURL: map[string]*job{}}
	if lib == nil {
		return s
	}
	keep := map[[32]byte]bool{}
	for _, im := range lib.Images() {
		if im.Err != nil {
			continue
		}
		j := &job{im: im, done: make(chan struct{})}
		if !p.have(im) {
			j.original, j.readErr = readFile(lib.fsys, im.Name)
		}
		s.jobs = append(s.jobs, j)
		keep[im.sum] = true
		for _, v := range im.Variants() {
			s.byURL[v.URL] = j
		}
	}
	p.mu.Lock()
	for sum := range p.done {
		if !keep[sum] {
			delete(p.done, sum)
		}
	}
	p.mu.Unlock()
	go func() {
		var g errgroup.Group
		g.SetLimit(runtime.GOMAXPROCS(0))
		for _, j := range s.jobs {
			g.Go(func() error {
				defer close(j.done)
				j.files, j.err = p.image(lib, j)
				j.original = nil
				if j.err != nil {
					j.err = fmt.Errorf("content/images/%s: %w", j.im.Name, j.err)
				}
				return nil
			})
		}
		g.Wait()
	}()
	return s
}

// File returns the variant at url, waiting until its image is made; ok
// is false when url is no variant of the set.
func (s *Set) File(ctx context.Context, url string) (f File, ok bool, err error) {
	if s == nil {
		return File{}, false, nil
	}
	j := s.byURL[url]
	if j == nil {
		return File{}, false, nil
	}
	select {
	case <-j.done:
	case <-ctx.Done():
		return File{}, true, context.Cause(ctx)
	}
	if j.err != nil {
		return File{}, true, j.err
	}
	for _, v := range j.im.Variants() {
		if v.URL == url {
			return File{Type: v.Type(), Data: j.files[variantKey(v)]}, true, nil
		}
	}
	return File{}, false, nil
}

// Wait waits until every image is made, and returns the first error (an
// image that passed Check but cannot be decoded, like a file cut short).
func (s *Set) Wait(ctx context.Context) error {
	if s == nil {
		return nil
	}
	for _, j := range s.jobs {
		select {
		case <-j.done:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		if j.err != nil {
			return j.err
		}
	}
	return nil
}

// URLs returns the URL of every variant of the set, sorted.
func (s *Set) URLs() []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s.byURL))
	for u := range s.byURL {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}

// Files makes every variant of every usable image of lib (Start, then
// Wait) and returns them by URL.
func (p *Processor) Files(ctx context.Context, lib *Library) (map[string]File, error) {
	s := p.Start(lib)
	if err := s.Wait(ctx); err != nil {
		return nil, err
	}
	files := map[string]File{}
	for _, u := range s.URLs() {
		f, _, err := s.File(ctx, u)
		if err != nil {
			return nil, err
		}
		files[u] = f
	}
	return files, nil
}

func variantKey(v Variant) string { return strconv.Itoa(v.Width) + "." + string(v.Format) }

// image returns every variant of im, from memory, the disk cache, or by
// making them. An image is made by one Start at a time: the preview starts
// a set on every save, and while the first set is still making a large
// photo, the next waits for it rather than making it again.
func (p *Processor) image(lib *Library, j *job) (map[string][]byte, error) {
	im := j.im
	for {
		p.mu.Lock()
		out, making := p.done[im.sum], p.making[im.sum]
		if out == nil && making == nil {
			making = make(chan struct{})
			p.making[im.sum] = making
			p.mu.Unlock()
			defer func() {
				p.mu.Lock()
				delete(p.making, im.sum)
				p.mu.Unlock()
				close(making)
			}()
			return p.make(lib, j)
		}
		p.mu.Unlock()
		if out != nil {
			return out, nil
		}
		<-making // then take it from done, or make it if that failed
	}
}

// have reports whether every variant of im is kept, in memory or on disk,
// so that making them needs no read of the image file.
func (p *Processor) have(im *Image) bool {
	p.mu.Lock()
	done := p.done[im.sum] != nil
	p.mu.Unlock()
	if done {
		return true
	}
	for _, v := range im.Variants() {
		if !p.disk.Has(p.key(im, v)) {
			return false
		}
	}
	return true
}

// make makes every variant of j's image, or takes it from the disk cache.
func (p *Processor) make(lib *Library, j *job) (map[string][]byte, error) {
	im := j.im
	out := map[string][]byte{}
	vs := im.Variants()
	for _, v := range vs {
		if data, ok := p.disk.Get(p.key(im, v)); ok {
			out[variantKey(v)] = data
		}
	}
	if len(out) == len(vs) {
		p.remember(im, out)
		return out, nil
	}
	data, err := j.original, j.readErr
	if data == nil && err == nil { // all were kept when Start looked
		data, err = readFile(lib.fsys, im.Name)
	}
	if err != nil {
		return nil, err
	}
	made, err := Make(data, im)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		p.disk.Put(p.key(im, v), made[variantKey(v)])
	}
	p.remember(im, made)
	return made, nil
}

func (p *Processor) remember(im *Image, files map[string][]byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done[im.sum] = files
}

func (p *Processor) key(im *Image, v Variant) cache.Key {
	return p.disk.Key("image", im.sum[:], []byte(variantKey(v)))
}

// Make makes every variant of im from data, its file's bytes: it decodes
// the image, turns it upright, scales it to each width (the largest from
// the original, each smaller one from the one above it), and encodes each
// from pixels alone, so no metadata is carried over. An SVG is its own
// only variant.
func Make(data []byte, im *Image) (map[string][]byte, error) {
	vs := im.Variants()
	if im.Format == SVG {
		return map[string][]byte{variantKey(vs[0]): data}, nil
	}
	src, err := decode(im.Format, data)
	if err != nil {
		return nil, fmt.Errorf("the file is damaged and cannot be read in full (%v): open it in your photo app and save it again", err)
	}
	out := map[string][]byte{}
	ws := im.Widths()
	var prev image.Image = src
	prevOriented := false
	for i := len(ws) - 1; i >= 0; i-- {
		w := ws[i]
		h := max(1, (im.Height*w+im.Width/2)/im.Width)
		m := scale(prev, w, h, im.Orientation, prevOriented)
		prev, prevOriented = m, true
		for _, f := range []Format{WebP, im.Fallback()} {
			b, err := encode(f, m)
			if err != nil {
				return nil, fmt.Errorf("encoding the %d pixel %s: %w", w, f, err)
			}
			out[strconv.Itoa(w)+"."+string(f)] = b
		}
	}
	return out, nil
}

func decode(f Format, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		return jpeg.Decode(r)
	case PNG:
		return png.Decode(r)
	default:
		return xwebp.Decode(r)
	}
}

// scale returns src scaled to the upright size w×h. src is stored with
// EXIF orientation o unless oriented. It halves src (each pixel the mean
// of four) while it stays at least twice as large, then scales with
// Catmull-Rom: as sharp as Catmull-Rom all the way, five times faster on
// a 4000×3000 photo (see BenchmarkStages; ApproxBiLinear alone is faster
// still but shimmers on fine patterns).
func scale(src image.Image, w, h, o int, oriented bool) *image.RGBA {
	sw, sh := w, h
	if !oriented && o >= 5 {
		sw, sh = h, w
	}
	m := toRGBA(src)
	for m.Bounds().Dx()/2 >= sw && m.Bounds().Dy()/2 >= sh {
		m = halve(m)
	}
	dst := m
	if m.Bounds().Dx() != sw || m.Bounds().Dy() != sh {
		dst = image.NewRGBA(image.Rect(0, 0, sw, sh))
		draw.CatmullRom.Scale(dst, dst.Bounds(), m, m.Bounds(), draw.Src, nil)
	}
	if oriented {
		return dst
	}
	return orient(dst, o)
}

func encode(f Format, m image.Image) ([]byte, error) {
	var b bytes.Buffer
	var err error
	switch f {
	case WebP:
		err = encodeWebP(&b, m, 75, 4)
	case PNG:
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m)
	default:
		err = jpeg.Encode(&b, m, &jpeg.Options{Quality: 80})
	}
	return b.Bytes(), err
}

// toRGBA converts m to RGBA (fast for a JPEG's YCbCr): the scaler's fast
// path, ten times quicker than scaling YCbCr.
func toRGBA(m image.Image) *image.RGBA {
	if r, ok := m.(*image.RGBA); ok {
		return r
	}
	b := m.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	stddraw.Draw(out, out.Bounds(), m, b.Min, stddraw.Src)
	return out
}

// halve returns m at half its width and height, each pixel the mean of
// four: a cheap low-pass step that keeps the scaler's kernel small.
func halve(m *image.RGBA) *image.RGBA {
	w, h := m.Bounds().Dx()/2, m.Bounds().Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r0 := m.Pix[(2*y)*m.Stride:]
		r1 := m.Pix[(2*y+1)*m.Stride:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			i, j := 8*x, 4*x
			for c := range 4 {
				o[j+c] = uint8((uint16(r0[i+c]) + uint16(r0[i+4+c]) + uint16(r1[i+c]) + uint16(r1[i+4+c]) + 2) / 4)
			}
		}
	}
	return out
}

package images

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/image/draw"

	"github.com/relief-massage/relief/internal/cache"
)

// phonePhoto returns a JPEG of w×h that compresses like a photo: smooth
// gradients with fine noise, quality 92 (a phone's own setting).
func phonePhoto(tb testing.TB, w, h int, seed uint64) []byte {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := uint8(r.IntN(24))
			m.SetRGBA(x, y, color.RGBA{uint8(x*200/w) + n, uint8(y*180/h) + n, uint8((x+y)*90/(w+h)) + 40 + n, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 92}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// BenchmarkStages times each stage of making the variants of one
// 4000×3000 photo.
func BenchmarkStages(b *testing.B) {
	data := phonePhoto(b, 4000, 3000, 1)
	src, _ := jpeg.Decode(bytes.NewReader(data))
	big := image.NewRGBA(image.Rect(0, 0, 1440, 1080))
	rgba := toRGBA(src)
	half := halve(rgba)
	for _, k := range []struct {
		name string
		fn   func()
	}{
		{"decode", func() { jpeg.Decode(bytes.NewReader(data)) }},
		{"scale-catmullrom", func() { draw.CatmullRom.Scale(big, big.Bounds(), src, src.Bounds(), draw.Src, nil) }},
		{"to-rgba", func() { toRGBA(src) }},
		{"scale-catmullrom-from-rgba", func() { draw.CatmullRom.Scale(big, big.Bounds(), rgba, rgba.Bounds(), draw.Src, nil) }},
		{"halve", func() { halve(rgba) }},
		{"scale-catmullrom-from-half", func() { draw.CatmullRom.Scale(big, big.Bounds(), half, half.Bounds(), draw.Src, nil) }},
		{"scale-approxbilinear", func() { draw.ApproxBiLinear.Scale(big, big.Bounds(), src, src.Bounds(), draw.Src, nil) }},
		{"encode-webp-1440", func() { encode(WebP, big) }},
		{"encode-webp-1440-method2", func() { encodeWebP(io.Discard, big, 75, 2) }},
		{"encode-jpeg-1440", func() { encode(JPEG, big) }},
	} {
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				k.fn()
			}
		})
	}
}

// TestMeasure50 processes 50 photos of 4000×3000, cold and again from
// the disk cache, and prints the time, the peak memory and the bytes
// saved. It only runs with RELIEF_MEASURE=1 (it takes minutes).
func TestMeasure50(t *testing.T) {
	if os.Getenv("RELIEF_MEASURE") == "" {
		t.Skip("set RELIEF_MEASURE=1 to measure")
	}
	fsys := fstest.MapFS{}
	var in int
	for i := range 50 {
		data := phonePhoto(t, 4000, 3000, uint64(i))
		in += len(data)
		fsys[fmt.Sprintf("photo-%02d.jpg", i)] = &fstest.MapFile{Data: data}
	}
	disk, err := cache.Open(t.TempDir(), "measure")
	if err != nil {
		t.Fatal(err)
	}
	run := func(label string) map[string]File {
		runtime.GC()
		start := time.Now()
		lib := Scan(fsys)
		files, err := NewProcessor(disk).Files(context.Background(), lib)
		if err != nil {
			t.Fatal(err)
		}
		disk.Wait()
		t.Logf("%s: %v for 50 photos, peak RSS so far %s", label, time.Since(start).Round(time.Millisecond), peakRSS())
		return files
	}
	files := run("cold")
	run("from the disk cache")
	var out360, out720, out1440 int
	for url, f := range files {
		switch {
		case strings.HasSuffix(url, ".360.webp"):
			out360 += len(f.Data)
		case strings.HasSuffix(url, ".720.webp"):
			out720 += len(f.Data)
		case strings.HasSuffix(url, ".1440.webp"):
			out1440 += len(f.Data)
		}
	}
	t.Logf("original %d KB a photo; WebP 360: %d KB, 720: %d KB, 1440: %d KB", in/50/1000, out360/50/1000, out720/50/1000, out1440/50/1000)
}

func peakRSS() string {
	data, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "?"
}

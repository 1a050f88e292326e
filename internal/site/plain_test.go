package site

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// TestPlainFromGzip: a served site keeps each compressible page only
// compressed, and Plain gives back the very bytes the page rendered to:
// those its ETag and gzip form were made of (the golden tests compare
// them with the files in testdata).
func TestPlainFromGzip(t *testing.T) {
	served := fixture(t, Options{})
	<-served.Compressed()
	dropped := 0
	for _, path := range served.Paths() {
		p := served.Lookup(path)
		gz, _ := p.Gzip()
		if p.plain.Load() == nil {
			dropped++
		} else if gz != nil {
			t.Errorf("%s: keeps its plain body beside its gzip form", path)
		}
		got := p.Plain()
		if got2 := p.Plain(); !bytes.Equal(got, got2) {
			t.Errorf("%s: Plain differs between two calls", path)
		}
		again := Encode(got, p.ContentType)
		if againGz, _ := again.Gzip(); again.ETag != p.ETag || !bytes.Equal(againGz, gz) {
			t.Errorf("%s: Plain is not the body its ETag and gzip form were made of", path)
		}
	}
	if dropped == 0 {
		t.Fatal("no page is kept only compressed")
	}
	for _, as := range served.Assets.byName {
		if as.plain.Load() == nil {
			t.Errorf("asset %s: not kept as it is", as.Name)
		}
	}
}

// TestHotBodiesBounded: the inflated bodies kept never exceed the limit,
// the newest is kept, a body over a quarter of the limit is not kept, and
// concurrent requests for the same bodies agree.
func TestHotBodiesBounded(t *testing.T) {
	const limit = 4000
	hot := newHotBodies(limit)
	var pages []*Encodings
	for i := range 20 {
		body := bytes.Repeat([]byte(fmt.Sprintf("page %d. ", i)), 60+i) // ~600 bytes each
		e := Encode(body, htmlType)
		e.dropPlain(hot)
		if e.plain.Load() != nil {
			t.Fatalf("page %d: plain body kept", i)
		}
		pages = append(pages, e)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, e := range pages {
				if got := e.Plain(); !bytes.HasPrefix(got, fmt.Appendf(nil, "page %d. ", i)) {
					t.Errorf("page %d: Plain = %.20q...", i, got)
				}
			}
		})
	}
	wg.Wait()
	if hot.bytes > limit {
		t.Errorf("kept %d bytes, over the limit of %d", hot.bytes, limit)
	}
	if pages[len(pages)-1].inflated.Load() == nil {
		t.Error("the body inflated last is not kept")
	}
	if pages[0].inflated.Load() != nil {
		t.Error("the body inflated first is still kept")
	}
	big := Encode(bytes.Repeat([]byte("big "), limit), htmlType)
	big.dropPlain(hot)
	big.Plain()
	if big.inflated.Load() != nil {
		t.Error("a body over a quarter of the limit is kept")
	}
}

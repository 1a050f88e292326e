package editor

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/site"
)

// fixture is an editor over a copy of the built-in content in a temp
// folder, with a reload that loads it again and a swap that serves the
// site a save hands over.
type fixture struct {
	t       testing.TB
	dir     string
	ed      *Editor
	h       http.Handler
	current atomic.Pointer[site.Site]
	reloads atomic.Int32     // sites swapped in, read from disk or handed over by a save
	swaps   atomic.Int32     // of those, handed over by a save (Options.Swap)
	swap    func(*site.Site) // when set, told of every reloaded site
}

// testImages makes the image variants of every site the tests load, once
// for all of them: a processor per load would make them again each time,
// in the background, for every test at once.
var testImages = images.NewProcessor(nil)

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureWith(t, func(dir string) error { return os.CopyFS(dir, relief.Content()) })
}

// newFixtureWith is newFixture for the content fill writes into its folder.
func newFixtureWith(t testing.TB, fill func(dir string) error) *fixture {
	t.Helper()
	dir := t.TempDir()
	if err := fill(dir); err != nil {
		t.Fatal(err)
	}
	fx := &fixture{t: t, dir: dir}
	files := func() (site.Files, func(), error) {
		folder, err := guard.Open(dir)
		if err != nil {
			return site.Files{}, nil, err
		}
		return site.Files{Content: folder, Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir}, func() { folder.Close() }, nil
	}
	load := func() content.Problems {
		f, done, err := files()
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		st, err := site.Load(f, site.Options{Images: testImages})
		if err != nil {
			var ps content.Problems
			errors.As(err, &ps)
			return ps
		}
		fx.current.Store(st)
		fx.reloads.Add(1)
		if fx.swap != nil {
			fx.swap(st)
		}
		return nil
	}
	if ps := load(); ps != nil {
		t.Fatalf("loading the built-in content: %v", ps)
	}
	h, err := New(Options{
		ContentDir: dir, Files: files, Site: fx.current.Load,
		Reload: func(context.Context) content.Problems { return load() },
		Swap: func(_ context.Context, st *site.Site) content.Problems {
			fx.current.Store(st)
			fx.reloads.Add(1)
			fx.swaps.Add(1)
			if fx.swap != nil {
				fx.swap(st)
			}
			return nil
		},
		User: func(*http.Request) string { return "tester" },
		Now:  func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	fx.ed, fx.h = h.(*Editor), h
	fx.ed.images = testImages
	return fx
}

// do sends a request and returns the recorder.
func (fx *fixture) do(method, target string, form url.Values) *httptest.ResponseRecorder {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, target, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	w := httptest.NewRecorder()
	fx.h.ServeHTTP(w, r)
	return w
}

// formOf returns the form the editor shows for path, as a browser would
// post it.
func (fx *fixture) formOf(path string) url.Values {
	fx.t.Helper()
	data, err := os.ReadFile(filepath.Join(fx.dir, path))
	if err != nil {
		fx.t.Fatal(err)
	}
	t, err := parseTarget(path)
	if err != nil {
		fx.t.Fatal(err)
	}
	f := formFromFile(t, data)
	v := url.Values{"path": {path}, "version": {f.Version}, "body": {f.Body}, "action": {"save"}}
	for k, val := range f.Values {
		v.Set(k, val)
	}
	if f.Keep != "" {
		v.Set("keep", f.Keep)
	}
	return v
}

func (fx *fixture) file(path string) string {
	fx.t.Helper()
	data, err := os.ReadFile(filepath.Join(fx.dir, path))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fx.t.Fatal(err)
	}
	return string(data)
}

const backPain = "conditions/chronic-back-pain.md"

func TestOpenAndSaveUnchangedKeepsTheBytes(t *testing.T) {
	fx := newFixture(t)
	for _, p := range []string{backPain, "conditions/neck-pain.md", "pages/about.md", "index.md"} {
		before := fx.file(p)
		w := fx.do("POST", "/_relief/save", fx.formOf(p))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("POST /_relief/save %s: status = %d, want 303\n%s", p, w.Code, w.Body)
		}
		if after := fx.file(p); after != before {
			t.Errorf("%s: saving the form unchanged changed the file:\n%s", p, after)
		}
	}
}

func TestSave(t *testing.T) {
	tests := []struct {
		name   string
		change func(v url.Values)
		status int
		want   string // in the file after (status 303) or in the page (otherwise)
	}{
		{"valid", func(v url.Values) { v.Set("summary", "A shorter summary, written in the editor.") }, 303, `summary: "A shorter summary, written in the editor."`},
		{"body", func(v url.Values) { v.Set("body", v.Get("body")+"\nOne more line.\n") }, 303, "One more line."},
		{"missing title", func(v url.Values) { v.Set("title", "") }, 422, "title"},
		{"unknown body area", func(v url.Values) { v.Set("regions", "elbow") }, 422, "elbow"},
		{"bad slug", func(v url.Values) { v.Set("slug", "../etc") }, 422, "slug"},
		{"weight not a number", func(v url.Values) { v.Set("weight", "ten") }, 422, "weight"},
		{"draft with warnings", func(v url.Values) {
			v.Set("draft", "true")
			v.Set("summary", strings.Repeat("A long summary that goes on. ", 10))
		}, 303, "draft: true"},
		{"field not in the schema", func(v url.Values) { v.Set("menu", "true") }, 400, "does not have"},
		{"unknown form field", func(v url.Values) { v.Set("colour", "red") }, 400, "colour"},
		{"path outside", func(v url.Values) { v.Set("path", "../../etc/passwd") }, 400, "not a page the editor can open"},
		{"path to other file", func(v url.Values) { v.Set("path", "site.yaml") }, 400, "not a page"},
		{"invalid UTF-8", func(v url.Values) { v.Set("summary", "bad \xff byte") }, 400, "UTF-8"},
		{"huge body", func(v url.Values) { v.Set("body", strings.Repeat("x", 10<<20)) }, 400, "over"},
		{"old version", func(v url.Values) { v.Set("version", "0123456789abcdef01234567") }, 409, "Someone else changed this page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			before := fx.file(backPain)
			v := fx.formOf(backPain)
			tt.change(v)
			w := fx.do("POST", "/_relief/save", v)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d\n%s", w.Code, tt.status, w.Body)
			}
			after := fx.file(backPain)
			if tt.status != 303 {
				if after != before {
					t.Errorf("refused save changed the file")
				}
				if !strings.Contains(w.Body.String(), tt.want) {
					t.Errorf("page does not say %q:\n%s", tt.want, w.Body)
				}
				return
			}
			if !strings.Contains(after, tt.want) {
				t.Errorf("file does not have %q:\n%s", tt.want, after)
			}
			if fx.reloads.Load() < 2 {
				t.Errorf("the site was not reloaded after the save")
			}
		})
	}
}

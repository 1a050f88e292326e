package dev_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStartBroken starts the preview on the built-in site (in English and
// Spanish) with one page whose frontmatter does not read, which has no
// good version to stand in: that page's address shows its mistake, the
// file and the line (so does its translation's, left out with it), and
// every other page serves, the pages that link to it and the Spanish ones
// included. Saving the fix brings them back.
func TestStartBroken(t *testing.T) {
	tests := []struct {
		name, file, from, to string
		broken               string   // the address of the error page
		want                 []string // on the error page
		also                 string   // a translation left out with it, showing its mistake too ("": none)
	}{
		{
			name: "a condition", file: "content/conditions/sciatica.md",
			from: `title: "Sciatica"`, to: `title: "Sciatica`,
			broken: "/conditions/sciatica",
			want:   []string{"content/conditions/sciatica.md, line 2, column 8", "title: the text opens with &#34; but never closes it", `<mark>   2 | title: &#34;Sciatica</mark>`},
			also:   "/es/conditions/ciatica", // its translation, whose shared fields it holds
		},
		{
			name: "its translation", file: "content/conditions/sciatica.es.md",
			from: `title: "Ciática"`, to: `title: "Ciática`,
			broken: "/es/conditions/ciatica", // from its slug: line, though the file does not read
			want:   []string{"content/conditions/sciatica.es.md, line 2, column 8"},
		},
	}
	serving := []string{"/", "/conditions/", "/conditions/neck-pain", "/conditions/chronic-back-pain", "/es/", "/es/conditions/", "/es/conditions/dolor-de-espalda-cronico"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var good string
			pv := startPreview(t, func(dir string) {
				copyBuiltIn(t)(dir)
				name := filepath.Join(dir, filepath.FromSlash(tt.file))
				data, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				good = string(data)
				if !strings.Contains(good, tt.from) {
					t.Fatalf("%s has no %q to break", tt.file, tt.from)
				}
				if err := os.WriteFile(name, []byte(strings.Replace(good, tt.from, tt.to, 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			})
			code, body := pv.get(t, tt.broken)
			if code != http.StatusOK || !strings.Contains(body, `class="dev-error"`) {
				t.Fatalf("GET %s: status %d, want 200 and the error page, got\n%s", tt.broken, code, body)
			}
			mustContain(t, "GET "+tt.broken, body, tt.want...)
			if n := strings.Count(body, `class="dev-error"`); n != 1 {
				t.Errorf("GET %s: %d mistakes shown, want 1 (only the file's own)", tt.broken, n)
			}
			for _, path := range serving {
				if code, body := pv.get(t, path); code != http.StatusOK || strings.Contains(body, "dev-error") {
					t.Errorf("GET %s: status %d, error page %t; want the page", path, code, strings.Contains(body, "dev-error"))
				}
			}
			if tt.also != "" {
				if _, also := pv.get(t, tt.also); also != body {
					t.Errorf("GET %s: not the error page of %s, which it is left out with", tt.also, tt.file)
				}
			}
			if log := pv.log.String(); strings.Contains(log, "index.es.md") || strings.Contains(log, "does not exist") {
				t.Errorf("the log reports mistakes the broken file caused elsewhere:\n%s", log)
			}

			pv.change(t, tt.file, good)
			for _, path := range append([]string{tt.broken, tt.also}, serving...) {
				if path == "" {
					continue
				}
				if code, body := pv.get(t, path); code != http.StatusOK || strings.Contains(body, "dev-error") {
					t.Errorf("GET %s after the fix: status %d, error page %t; want the page", path, code, strings.Contains(body, "dev-error"))
				}
			}
		})
	}
}

// TestBrokenWithGoodVersion holds that a page broken after the start,
// whose last good version stands in, shows its mistake at its own address
// only: its translation keeps serving.
func TestBrokenWithGoodVersion(t *testing.T) {
	pv := startPreview(t, copyBuiltIn(t))
	const sciatica = "content/conditions/sciatica.md"
	pv.change(t, sciatica, strings.Replace(pv.read(t, sciatica), `title: "Sciatica"`, `title: "Sciatica`, 1))
	if _, body := pv.get(t, "/conditions/sciatica"); !strings.Contains(body, `class="dev-error"`) {
		t.Fatalf("GET /conditions/sciatica while broken: not the error page")
	}
	for _, path := range []string{"/es/conditions/ciatica", "/es/", "/"} {
		if code, body := pv.get(t, path); code != http.StatusOK || strings.Contains(body, "dev-error") {
			t.Errorf("GET %s while sciatica.md is broken: status %d, error page %t; want the page", path, code, strings.Contains(body, "dev-error"))
		}
	}
}

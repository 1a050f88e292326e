package route

import "testing"

func TestLanguages(t *testing.T) {
	tests := []struct {
		lang, path, in string
	}{
		{"", "/conditions/sciatica", "/conditions/sciatica"},
		{"es", "/", "/es/"},
		{"es", "/conditions/", "/es/conditions/"},
		{"es", "/conditions/ciatica", "/es/conditions/ciatica"},
		{"es", "/search", "/es/search"},
		{"fr-ca", "/areas/back", "/fr-ca/areas/back"},
		{"es", "/static/css/site.css", "/static/css/site.css"}, // static files have no language
		{"es", "", ""}, // the 404 page has no address
	}
	for _, tt := range tests {
		if got := In(tt.lang, tt.path); got != tt.in {
			t.Errorf("In(%q, %q) = %q, want %q", tt.lang, tt.path, got, tt.in)
		}
		if tt.path == "" || tt.in == tt.path {
			continue
		}
		if lang, rest := SplitLang(tt.in); lang != tt.lang || rest != tt.path {
			t.Errorf("SplitLang(%q) = %q, %q; want %q, %q", tt.in, lang, rest, tt.lang, tt.path)
		}
	}
	for _, p := range []string{"/", "/about", "/conditions/sciatica", "/static/x.css", "/areas/back", "/es", "/Es/x", "/e/x", "/spanish/x"} {
		if lang, rest := SplitLang(p); lang != "" || rest != p {
			t.Errorf("SplitLang(%q) = %q, %q; want no language", p, lang, rest)
		}
	}
	for _, tt := range []struct{ file, lang, original string }{
		{"conditions/sciatica.es.md", "es", "conditions/sciatica.md"},
		{"index.es.md", "es", "index.md"},
		{"pages/about.pt-br.md", "pt-br", "pages/about.md"},
		{"conditions/sciatica.md", "", "conditions/sciatica.md"},
		{"conditions/st.johns.md", "", "conditions/st.johns.md"},
	} {
		if lang, orig := FileLang(tt.file); lang != tt.lang || orig != tt.original {
			t.Errorf("FileLang(%q) = %q, %q; want %q, %q", tt.file, lang, orig, tt.lang, tt.original)
		}
	}
}

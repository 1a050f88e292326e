package server

import (
	"regexp"
	"strings"
	"testing"
)

// TestSpanishRoutes requests the shipped site's Spanish pages: the same
// map under /es/, in Spanish words, each linked to its English page.
func TestSpanishRoutes(t *testing.T) {
	h := New(embeddedSite(t), Options{})
	tests := []struct {
		path     string
		status   int
		location string
		contains []string
	}{
		{"/es/", 200, "", []string{`<html lang="es" dir="ltr">`, "Reservar una sesión", `href="/es/conditions/ciatica"`, `hreflang="x-default" href="https://relief.example.com/"`}},
		{"/es", 301, "/es/", nil},
		{"/es/conditions/", 200, "", []string{"<h1>Todas las afecciones y síntomas</h1>", `href="#letter-C"`, `href="#letter-D"`, `href="/es/areas/back"`}},
		{"/es/conditions", 301, "/es/conditions/", nil},
		{"/es/conditions/ciatica", 200, "", []string{
			"<h1>Ciática</h1>", "Aviso médico", "La masoterapia no sustituye el diagnóstico",
			`Última revisión de la página: <time datetime="2026-11-01">1 de noviembre de 2026</time>`,
			`<a href="/es/areas/back">Espalda</a>`, `<a href="/es/areas/hips-legs">Caderas y piernas</a>`,
			`href="/es/conditions/dolor-de-espalda-cronico"`, `"inLanguage":"es"`,
			`<link rel="alternate" hreflang="en" href="https://relief.example.com/conditions/sciatica">`,
			`<a href="/conditions/sciatica" hreflang="en" lang="en">English</a>`,
		}},
		{"/es/conditions/ciatica/", 301, "/es/conditions/ciatica", nil},
		{"/es/conditions/sciatica", 404, "", []string{"Lo sentimos, no encontramos esa página", `<a href="/es/conditions/ciatica">Ciática</a>`}},
		{"/es/areas/neck", 200, "", []string{"<h1>Cuello</h1>", `href="/es/quienes-somos"`, `href="/es/contacto"`}},
		{"/es/quienes-somos", 200, "", []string{`<html lang="es" dir="ltr">`, "<h1>Nosotros</h1>", "No le prometeremos una curación", "consulte primero a un médico", `<a href="/about" hreflang="en" lang="en">English</a>`}},
		{"/es/contacto", 200, "", []string{`<html lang="es" dir="ltr">`, "<h1>Contacto</h1>", `href="/es/precios"`, "llame al 911"}},
		{"/es/precios", 200, "", []string{`<html lang="es" dir="ltr">`, "<h1>Precios</h1>", "Sesión normal"}},
		{"/about", 200, "", []string{`<a href="/es/quienes-somos" hreflang="es" lang="es">Español</a>`}},
		{"/es/symptoms/", 200, "", []string{"<h1>Síntomas de la A a la Z</h1>", "dolor en la nalga"}},
		{"/es/search?q=ci%C3%A1tica", 200, "", []string{`<a href="/es/conditions/ciatica">Ciática</a>`, "Encontrado en el nombre"}},
		{"/es/search?q=fibromyalgia", 200, "", []string{"no encontramos nada", `<a href="/conditions/fibromyalgia">Fibromyalgia</a>`}},
		{"/es/search.json?q=hernias", 200, "", []string{`"url":"/es/conditions/ciatica"`}},
		// Through content/synonyms.es.yaml: the pages say "entumecimiento" and "lumbago".
		{"/es/search.json?q=acorchado", 200, "", []string{`"url":"/es/conditions/ciatica"`}},
		{"/es/search.json?q=lumbalgia", 200, "", []string{`"url":"/es/conditions/dolor-de-espalda-cronico"`}},
		{"/conditions/fibromyalgia", 200, "", []string{`hreflang="es" lang="es">Español: esta página aún no está traducida; ir a la página de inicio</a>`}},
		{"/xx/conditions/", 404, "", nil},
		{"/es/static/favicon.svg", 404, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := get(t, h, "GET", tt.path)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s: status = %d, want %d", tt.path, res.StatusCode, tt.status)
			}
			if loc := res.Header.Get("Location"); loc != tt.location {
				t.Errorf("GET %s: Location = %q, want %q", tt.path, loc, tt.location)
			}
			for _, want := range tt.contains {
				if !strings.Contains(b, want) {
					t.Errorf("GET %s: body lacks %q", tt.path, want)
				}
			}
		})
	}
}

var (
	alternateRE = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	canonicalRE = regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	htmlLangRE  = regexp.MustCompile(`<html lang="([^"]+)" dir="(ltr|rtl)">`)
)

// TestHreflangReciprocal checks every page of the crawl: each hreflang
// link names a page that links back to it, lists itself, has the language
// the link says in <html lang>, and x-default is the English page.
func TestHreflangReciprocal(t *testing.T) {
	const base = "https://relief.example.com"
	seen := crawl(t, New(embeddedSite(t), Options{}))
	pages := 0
	for path, b := range seen {
		canon := canonicalRE.FindStringSubmatch(b)
		alts := alternateRE.FindAllStringSubmatch(b, -1)
		if canon == nil || len(alts) == 0 {
			continue
		}
		pages++
		self := false
		for _, a := range alts {
			code, href := a[1], a[2]
			self = self || href == canon[1] && code != "x-default"
			target := strings.TrimPrefix(href, base)
			tb, ok := seen[target]
			if !ok {
				t.Errorf("%s: hreflang %s links to %s, which the crawl never reached", path, code, href)
				continue
			}
			if code == "x-default" {
				if strings.HasPrefix(target, "/es/") {
					t.Errorf("%s: x-default is %s, want the English page", path, href)
				}
				continue
			}
			if m := htmlLangRE.FindStringSubmatch(tb); m == nil || m[1] != code {
				t.Errorf("%s: hreflang %s links to %s, whose <html lang> is %v", path, code, href, m)
			}
			if !strings.Contains(tb, `href="`+canon[1]+`"`) {
				t.Errorf("%s: hreflang %s links to %s, which has no hreflang link back to %s", path, code, href, canon[1])
			}
		}
		if !self {
			t.Errorf("%s: its hreflang links do not list the page itself (%s)", path, canon[1])
		}
	}
	if pages < 10 {
		t.Errorf("%d pages have hreflang links, want every page that has a translation (home, indexes, areas, the two conditions)", pages)
	}
}

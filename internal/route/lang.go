package route

import (
	"path"
	"strings"
)

// The site in more than one language: the default language keeps the
// addresses of the map as they are; every other language has the same
// map under its code, "/es/conditions/ciatica", "/es/" for its home and
// "/es/search" for its search. Static files are shared: "/static/..."
// has no language.

// IsLangCode reports whether code has the shape of a language code as a
// URL prefix and a file-name suffix (sciatica.es.md): two or three
// lower-case letters, optionally a hyphen and a region or script of two
// to eight letters or digits ("es", "fr-ca", "sr-latn").
func IsLangCode(code string) bool {
	base, region, hasRegion := strings.Cut(code, "-")
	if len(base) < 2 || len(base) > 3 || !all(base, false) {
		return false
	}
	return !hasRegion || len(region) >= 2 && len(region) <= 8 && all(region, true)
}

func all(s string, digits bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || digits && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// In returns path p, an address of the map (URL's result), in language
// lang: In("es", "/conditions/ciatica") is "/es/conditions/ciatica" and
// In("es", "/") is "/es/". The default language is lang "": p as it is.
// Static files and the empty path (the 404 page) have no language.
func In(lang, p string) string {
	if lang == "" || p == "" || strings.HasPrefix(p, Of(Static).Pattern[:len("/static/")]) {
		return p
	}
	return "/" + lang + p
}

// SplitLang returns the language code a path starts with and the rest of
// the path, an address of the map: SplitLang("/es/conditions/ciatica") is
// "es" and "/conditions/ciatica". A path of the default language gives
// "" and the path itself. It knows the shape only (IsLangCode): whether
// the site has that language is the site's to say.
func SplitLang(p string) (lang, rest string) {
	first, after, ok := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if !ok || !strings.HasPrefix(p, "/") || !IsLangCode(first) {
		return "", p
	}
	return first, "/" + after
}

// FileLang returns the language a content file's name is written in and
// its name without it: "conditions/sciatica.es.md" is "es" and
// "conditions/sciatica.md"; a file without a language code before ".md"
// gives "" and the name itself. Its inverse, the name of a translation,
// is content.LangFile.
func FileLang(rel string) (lang, original string) {
	dir, name := path.Split(rel)
	base, ok := strings.CutSuffix(name, ".md")
	if !ok {
		return "", rel
	}
	i := strings.LastIndexByte(base, '.')
	if i <= 0 || !IsLangCode(base[i+1:]) {
		return "", rel
	}
	return base[i+1:], dir + base[:i] + ".md"
}

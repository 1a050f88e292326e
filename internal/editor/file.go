package editor

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/relief-massage/relief/internal/content"
)

// fileName is what a content file's name may be: lowercase letters, digits
// and hyphens, ending in .md. Anything else in a form is refused before
// any file is opened.
var fileName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,99}\.md$`)

// target is a content file the editor may open: its slash-separated path
// inside the content folder and its kind.
type target struct {
	Path string // "conditions/sciatica.md", "pages/about.md", "index.md"
	Kind content.Kind
	Lang string // the language code of a translation ("es" for sciatica.es.md); "" for an original
}

// parseTarget checks a path from a URL or a form. Only the home page,
// conditions/NAME.md and pages/NAME.md are editable; "../", a folder, an
// absolute path or any other name is refused with a message.
//
// A translation (conditions/sciatica.es.md, index.es.md) is its original's
// name with a language code before .md; see translate.go.
func parseTarget(p string) (target, error) {
	orig, lang := splitLang(p)
	if orig == "index.md" {
		return target{p, content.KindHome, lang}, nil
	}
	dir, name := path.Split(orig)
	kind := content.Kind(strings.TrimSuffix(dir, "/"))
	if (kind != content.KindCondition && kind != content.KindPage) || !fileName.MatchString(name) {
		return target{}, fmt.Errorf("%q is not a page the editor can open: pages are index.md, conditions/NAME.md or pages/NAME.md, with NAME in lowercase letters, digits and hyphens", p)
	}
	return target{p, kind, lang}, nil
}

// editURL is where the page of t is edited.
func (t target) editURL() string { return "/_relief/edit/" + t.Path }

// split cuts a content file into its frontmatter (without the fences) and
// its body, after dropping a byte-order mark and CRLF line endings as the
// loader does.
// fence is "---" (YAML) or "+++" (TOML), "" when there is no frontmatter.
func split(data []byte) (front, body, fence string) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	for _, fence := range []string{"---", "+++"} {
		if front, body, ok := splitAt(s, fence); ok {
			return front, body, fence
		}
	}
	return "", s, ""
}

// splitAt splits s at frontmatter fenced by fence.
func splitAt(s, fence string) (front, body string, ok bool) {
	if !strings.HasPrefix(s, fence+"\n") {
		return "", s, false
	}
	rest := s[4:]
	end := strings.Index(rest, "\n"+fence+"\n")
	switch {
	case strings.HasPrefix(rest, fence+"\n"):
		return "", rest[4:], true
	case end >= 0:
		front, body = rest[:end+1], rest[end+5:]
	case strings.HasSuffix(rest, "\n"+fence):
		front, body = rest[:len(rest)-3], ""
	default:
		return "", s, false
	}
	return front, body, true
}

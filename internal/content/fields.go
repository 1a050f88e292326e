package content

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/relief-massage/relief/internal/fuzzy"
)

// schema describes the keys a kind of file accepts (kind) and each key's
// decoder (keys). Decoders report their own type errors.
type schema struct {
	keys map[string]func(f field) bool // may hold keys the kind does not take: they are unknown
	kind *keysOf
}

// decode applies the schema to the fields, reporting unknown keys (with a
// suggestion when one is close), values of the wrong type and missing
// required keys.
func (s schema) decode(doc *document, ps problems) {
	// The keys written (or suggested for an unknown key): a dozen at
	// most, looked for only among the few required ones.
	seen := make([]string, 0, len(doc.Fields))
	for _, f := range doc.Fields {
		dec, ok := s.keys[f.Key]
		if !ok || !s.kind.takes[f.Key] {
			msg, suggested := unknownKey(f.Key, s.kind.names)
			ps.errorf(f.Line, f.Col, "%s", msg)
			if suggested != "" {
				seen = append(seen, suggested) // "did you mean title?" says it is missing
			}
			continue
		}
		dec(f)
		seen = append(seen, f.Key)
	}
	for _, k := range s.kind.required {
		if !slices.Contains(seen, k) {
			ps.errorf(doc.Fence, 1, "the required key %s is missing: add a line like %s to the frontmatter", k, s.kind.example[k])
		}
	}
}

// keysIn returns the keys of keys (every one of them taken), with the
// required ones and how to write each.
func keysIn(keys map[string]func(field) bool, required []string, example map[string]string) *keysOf {
	kk := &keysOf{takes: map[string]bool{}, required: required, example: example}
	for k := range keys {
		kk.names = append(kk.names, k)
		kk.takes[k] = true
	}
	slices.Sort(kk.names)
	return kk
}

// ClosestKey returns the key of known that key was probably meant to be:
// the closest within two edits (a swap of neighbours is one), ignoring
// case; "" when none is that close. The checker's "did you mean" and the
// editor's box for a misspelt setting both ask it.
func ClosestKey(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := fuzzy.Distance([]rune(strings.ToLower(key)), []rune(k), bestD-1); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// unknownKey explains an unknown key, suggesting the closest known one
// when it is near; it returns the suggestion too, or "".
func unknownKey(key string, known []string) (string, string) {
	if best := ClosestKey(key, known); best != "" {
		return fmt.Sprintf("unknown key %q: did you mean %s?", key, best), best
	}
	return fmt.Sprintf("unknown key %q: the keys you can use are %s (put your own data under extra:)", key, strings.Join(known, ", ")), ""
}

// The typed decoders below store into *dst and report a wrong type at the
// key's position. Each returns whether the value was usable.

func str(dst *string, ps problems) func(field) bool {
	return func(f field) bool {
		switch v := f.Value.(type) {
		case string:
			*dst = strings.TrimSpace(v)
			return true
		case int, int64, float64:
			*dst = fmt.Sprint(v)
			return true
		case []any:
			ps.errorf(f.Line, f.Col, "%s: this takes one text, but it is written as a list (in [ ] or as \"- \" lines): write it as %s: %q", f.Key, f.Key, listText(v))
			return false
		}
		ps.errorf(f.Line, f.Col, "%s: expected text, got %s: write it as %s: \"some text\"", f.Key, describe(f.Value), f.Key)
		return false
	}
}

func strList(dst *[]string, items *[]pos, ps problems) func(field) bool {
	return func(f field) bool {
		list, ok := f.Value.([]any)
		if !ok {
			if f.Value == nil {
				return true
			}
			if t, ok := f.Value.(string); ok {
				ps.errorf(f.Line, f.Col, "%s: this takes a list, even of one item: write it in [ ], like %s: [%s]", f.Key, f.Key, t)
				return false
			}
			ps.errorf(f.Line, f.Col, "%s: expected a list, got %s: write it as %s: [\"first\", \"second\"], or one \"- item\" per line", f.Key, describe(f.Value), f.Key)
			return false
		}
		good := true
		for i, it := range list {
			s, ok := it.(string)
			if m, isMap := it.(map[string]any); isMap && len(m) == 1 {
				p := f.itemPos(i)
				for k, v := range m {
					ps.errorf(p.Line, p.Col, "%s: item %d: the colon in it is read as a key: put the item in double quotes, like - %q", f.Key, i+1, fmt.Sprintf("%s: %v", k, v))
				}
				good = false
				continue
			}
			if !ok {
				p := f.itemPos(i)
				ps.errorf(p.Line, p.Col, "%s: item %d: expected text, got %s", f.Key, i+1, describe(it))
				good = false
				continue
			}
			*dst = append(*dst, strings.TrimSpace(s))
			if items != nil {
				*items = append(*items, f.itemPos(i))
			}
		}
		return good
	}
}

func (f field) itemPos(i int) pos {
	if i < len(f.Items) {
		return f.Items[i]
	}
	return f.pos
}

func boolean(dst *bool, ps problems) func(field) bool {
	return func(f field) bool {
		if v, ok := f.Value.(bool); ok {
			*dst = v
			return true
		}
		ps.errorf(f.Line, f.Col, "%s: expected true or false, got %s", f.Key, describe(f.Value))
		return false
	}
}

func integer(dst *int, ps problems) func(field) bool {
	return func(f field) bool {
		switch v := f.Value.(type) {
		case int:
			*dst = v
			return true
		case int64:
			if v >= math.MinInt32 && v <= math.MaxInt32 {
				*dst = int(v)
				return true
			}
		case uint64:
			if v <= math.MaxInt32 {
				*dst = int(v)
				return true
			}
		}
		ps.errorf(f.Line, f.Col, "%s: expected a whole number like 10, got %s", f.Key, describe(f.Value))
		return false
	}
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func date(dst *time.Time, ps problems) func(field) bool {
	return func(f field) bool {
		switch v := f.Value.(type) {
		case time.Time:
			*dst = time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
			return true
		case toml.LocalDate:
			*dst = time.Date(v.Year, time.Month(v.Month), v.Day, 0, 0, 0, 0, time.UTC)
			return true
		case string:
			v = strings.TrimSpace(v)
			if t, err := time.Parse(time.DateOnly, v); err == nil && dateRE.MatchString(v) {
				*dst = t
				return true
			}
			if why := impossibleDate(v); why != "" {
				ps.errorf(f.Line, f.Col, "%s: %s: %s: check the date", f.Key, v, why)
				return false
			}
		}
		ps.errorf(f.Line, f.Col, "%s: %s is not a date: write it as YYYY-MM-DD, like 2026-11-01", f.Key, describe(f.Value))
		return false
	}
}

// impossibleDate explains why a date written as YYYY-MM-DD does not exist
// ("February 2026 has 28 days"), or returns "" when it is not written so.
func impossibleDate(v string) string {
	if !dateRE.MatchString(v) {
		return ""
	}
	var y, m, d int
	fmt.Sscanf(v, "%d-%d-%d", &y, &m, &d)
	switch {
	case m < 1 || m > 12:
		return fmt.Sprintf("there is no month %d (the middle number is the month, 01 to 12)", m)
	case d < 1:
		return "there is no day 0"
	}
	days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return fmt.Sprintf("%s %d has %d days", time.Month(m), y, days)
}

// listText writes a decoded list back as one text, for a suggestion.
func listText(list []any) string {
	parts := make([]string, len(list))
	for i, it := range list {
		parts[i] = fmt.Sprint(it)
	}
	return strings.Join(parts, ", ")
}

func dict(dst *map[string]any, ps problems) func(field) bool {
	return func(f field) bool {
		if v, ok := f.Value.(map[string]any); ok {
			*dst = v
			return true
		}
		if f.Value == nil {
			return true
		}
		ps.errorf(f.Line, f.Col, "%s: expected a group of keys (one \"name: value\" per indented line), got %s", f.Key, describe(f.Value))
		return false
	}
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// validSlug reports whether s is a URL slug: lowercase letters, digits and
// single hyphens between them.
func validSlug(s string) bool { return slugRE.MatchString(s) }

// Slugify turns a title into a slug: "Carpal Tunnel Syndrome" becomes
// "carpal-tunnel-syndrome". Letters with accents lose them where simple.
func Slugify(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			hyphen = false
		case strings.ContainsRune("àáâãäå", r):
			b.WriteByte('a')
		case strings.ContainsRune("èéêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("ìíîï", r):
			b.WriteByte('i')
		case strings.ContainsRune("òóôõö", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùúûü", r):
			b.WriteByte('u')
		case r == '\'' || r == '’':
		default:
			if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
				hyphen = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

package editor

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/relief-massage/relief/internal/content"
)

// A page is written back as the therapist (or relief new) wrote it: a
// form opened from a file (form.Base) keeps that file's frontmatter, its
// format (YAML between --- or TOML between +++), its order, its comments
// and its quoting, and only the lines of the fields the form changed are
// written anew, in the file's own format. A field the form adds goes
// after the last one the file has; a field emptied is taken out.
//
// The file's keys and the lines each takes are found by parsing it (a
// yaml.Node tree for YAML; for TOML, top-level "key = value" lines up to
// the first [table], checked by parsing the result). The result is read
// back as the form would read it; when it does not give the form's values
// exactly (frontmatter too unusual to edit line by line), compose writes
// the whole frontmatter afresh in YAML instead, as for a new page.

// keyLines is where one top-level key sits in a frontmatter: lines
// [start, end) of it, without the blank and comment lines after it.
type keyLines struct {
	name       string
	start, end int
	comment    string // the comment at the end of its first line ("# ..."), kept when the line is rewritten
}

// splice writes f's frontmatter into f.Base's (see the top of this file):
// its lines, the field each line writes ("" for others), and its fence.
// ok is false when f.Base's frontmatter cannot be edited line by line.
func (f *form) splice() (lines, at []string, fence string, ok bool) {
	front, _, fence := split(f.Base)
	orig := formFromFile(f.Target, f.Base)
	dropped, ok := f.dropped(orig)
	if fence == "" || !ok {
		return nil, nil, "", false
	}
	var src []string
	if front != "" {
		src = strings.Split(strings.TrimSuffix(front, "\n"), "\n")
	}
	keys, write := yamlKeys(front, len(src)), fieldLines
	if fence == "+++" {
		keys, write = tomlKeys(src), tomlLines
	}
	if keys == nil {
		return nil, nil, "", false
	}
	fields := fieldMap(f.Target)
	have := map[string]bool{}
	keep := func(from, to int, field string) {
		for _, l := range src[from:to] {
			lines, at = append(lines, l), append(at, field)
		}
	}
	add := func(fd content.Field, v, comment string) bool {
		if v == "" && !fd.Required {
			return true // emptied: taken out
		}
		ls := write(fd, v)
		if ls == nil {
			return false
		}
		if comment != "" {
			ls[0] += "  " + comment
		}
		for _, l := range ls {
			lines, at = append(lines, l), append(at, fd.Name)
		}
		return true
	}
	pos := 0
	for _, k := range keys {
		keep(pos, k.start, "")
		pos, have[k.name] = k.end, true
		fd, known := fields[k.name]
		switch {
		case !known && !dropped[k.name]:
			keep(k.start, k.end, "")
		case !known: // taken out in the box of keys the form does not know (keep.go)
		case f.Values[k.name] == orig.Values[k.name]:
			keep(k.start, k.end, k.name)
		case !add(fd, f.Values[k.name], k.comment):
			return nil, nil, "", false
		}
	}
	for _, fd := range f.Target.fields() {
		if !have[fd.Name] && !add(fd, f.Values[fd.Name], "") {
			return nil, nil, "", false
		}
	}
	keep(pos, len(src), "")
	return lines, at, fence, true
}

// yamlKeys finds the top-level keys of a YAML frontmatter of n lines; nil
// when it is not a mapping written one key a line (a flow mapping, an
// error).
func yamlKeys(front string, n int) []keyLines {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(front), &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	var keys []keyLines
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Column != 1 || (len(keys) > 0 && k.Line <= keys[len(keys)-1].start+1) {
			return nil
		}
		comment := k.LineComment
		if v.Line == k.Line && comment == "" {
			comment = v.LineComment
		}
		keys = append(keys, keyLines{name: k.Value, start: k.Line - 1, comment: comment})
	}
	return withEnds(keys, strings.Split(front, "\n"), n)
}

// withEnds sets each key's end: the line before the next key (or the end
// of the n lines), less the blank and comment lines before it, which stay
// where they are.
func withEnds(keys []keyLines, src []string, n int) []keyLines {
	for i := range keys {
		end := n
		if i+1 < len(keys) {
			end = keys[i+1].start
		}
		for end > keys[i].start+1 {
			l := strings.TrimSpace(src[end-1])
			if l != "" && !strings.HasPrefix(l, "#") {
				break
			}
			end--
		}
		keys[i].end = end
	}
	return keys
}

// tomlKey is a top-level TOML key's first line.
var tomlKey = regexp.MustCompile(`^([A-Za-z0-9_-]+)[ \t]*=`)

// tomlKeys finds the top-level keys of a TOML frontmatter's lines, up to
// its first [table] (which, and all after it, is kept as it is); nil when
// there are none.
func tomlKeys(src []string) []keyLines {
	var keys []keyLines
	n := len(src)
	for i, l := range src {
		if strings.HasPrefix(l, "[") {
			n = i
			break
		}
		if m := tomlKey.FindStringSubmatch(l); m != nil {
			keys = append(keys, keyLines{name: m[1], start: i, comment: tomlComment(l)})
		}
	}
	if keys == nil {
		return nil
	}
	keys = withEnds(keys, src, n)
	for i := range keys {
		if keys[i].end-keys[i].start > 1 {
			keys[i].comment = "" // a value over several lines: its comment stays with the lines kept
		}
	}
	return keys
}

// tomlComment is the comment at the end of a TOML line ("# ..."), or "".
func tomlComment(l string) string {
	var quote byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote == '"' && c == '\\':
			i++ // the escaped character cannot end the string
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return l[i:]
		}
	}
	return ""
}

// tomlLines writes one field's value as TOML lines, as fieldLines does
// for YAML; nil for a value TOML cannot take line by line (a group).
func tomlLines(fd content.Field, v string) []string {
	switch fd.Type {
	case content.TypeList:
		items := strings.Split(v, "\n")
		for i, s := range items {
			items[i] = tomlQuote(s)
		}
		return []string{fd.Name + " = [" + strings.Join(items, ", ") + "]"}
	case content.TypeBool:
		return []string{fd.Name + " = " + strconv.FormatBool(v == "true")}
	case content.TypeInt:
		if _, err := strconv.Atoi(v); err == nil {
			return []string{fd.Name + " = " + v}
		}
	case content.TypeDate:
		if dateRE.MatchString(v) {
			return []string{fd.Name + " = " + v}
		}
	case content.TypeGroup:
		return nil
	}
	return []string{fd.Name + " = " + tomlQuote(v)}
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

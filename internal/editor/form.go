package editor

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/relief-massage/relief/internal/content"
)

// form is one page as the edit form holds it: every frontmatter value as
// text (a list one item a line, a checkbox "true" or ""), the body, and
// the version of the file it was opened from.
type form struct {
	Target  target
	Version string            // version of the bytes the form was opened from; "" for a new file
	Values  map[string]string // by field name
	Body    string
	// Keep is frontmatter the form has no field for (a key the schema
	// does not know), written back as it was so that the checker names it
	// and nothing the therapist wrote is lost.
	Keep string
	// Base is the file the form was opened from, when known (read from
	// disk at the form's version): compose keeps its frontmatter's format
	// and comments (frontmatter.go). Nil: a new file, written in YAML.
	Base []byte
}

// version names the bytes of a file: a form opened from them carries it,
// and a save is refused when the file's version has changed since.
func version(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:12])
}

// maxForm is the largest form the editor reads: twice the largest content
// file, room for the body and every field.
const maxForm = 2 * content.MaxFileSize

// formFromFile reads a content file into a form. A file whose frontmatter
// cannot be read as YAML keeps all of it in Keep, so the checker reports it
// and the therapist can see it.
func formFromFile(t target, data []byte) *form {
	f := &form{Target: t, Version: version(data), Values: map[string]string{}, Base: data}
	front, body, fence := split(data)
	f.Body = body
	switch fence {
	case "":
		return f
	case "+++":
		f.fromTOML(front)
		return f
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(front), &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		f.Keep = front
		return f
	}
	fields := fieldMap(t)
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i].Value, m.Content[i+1]
		fd, known := fields[key]
		if !known {
			f.Keep += nodeText(&yaml.Node{Kind: yaml.MappingNode, Content: m.Content[i : i+2]})
			continue
		}
		f.Values[key] = valueText(fd, val)
	}
	return f
}

// fromTOML reads TOML frontmatter into f. A save writes it back as TOML
// (frontmatter.go).
func (f *form) fromTOML(front string) {
	var m map[string]any
	if err := toml.Unmarshal([]byte(front), &m); err != nil {
		f.Keep = tomlUnreadable + "\n# " + strings.ReplaceAll(strings.TrimSpace(front), "\n", "\n# ")
		return
	}
	fields := fieldMap(f.Target)
	for _, key := range slices.Sorted(maps.Keys(m)) { // sorted: Keep must read the same each time (splice compares it)
		v := m[key]
		fd, known := fields[key]
		var n yaml.Node
		if err := n.Encode(v); err != nil {
			n = yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(v)}
		}
		if !known {
			f.Keep += nodeText(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: key}, &n}})
			continue
		}
		if s, ok := v.(fmt.Stringer); ok && fd.Type == content.TypeDate {
			n = yaml.Node{Kind: yaml.ScalarNode, Value: s.String()}
		}
		f.Values[key] = valueText(fd, &n)
	}
}

// fieldMap returns the fields t's form has (target.fields), by name.
func fieldMap(t target) map[string]content.Field {
	m := map[string]content.Field{}
	for _, f := range t.fields() {
		m[f.Name] = f
	}
	return m
}

// valueText turns a frontmatter value into the form's text for field fd.
func valueText(fd content.Field, n *yaml.Node) string {
	switch {
	case fd.Type == content.TypeGroup:
		if n.Kind == yaml.MappingNode && len(n.Content) == 0 {
			return ""
		}
		return nodeText(n)
	case n.Kind == yaml.SequenceNode:
		items := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			items = append(items, c.Value)
		}
		return strings.Join(items, "\n")
	case fd.Type == content.TypeBool:
		if n.Value == "true" {
			return "true"
		}
		return ""
	}
	return n.Value
}

// nodeText writes a YAML node back as text.
func nodeText(n *yaml.Node) string {
	out, err := yaml.Marshal(n)
	if err != nil {
		return ""
	}
	return string(out)
}

// formFields are the names a posted form may have besides the schema's.
var formFields = []string{"path", "version", "body", "keep", "settings", "action", "whole"}

// formFromRequest reads a posted edit form. Anything a form made by the
// editor cannot contain (a field the schema does not have for this kind
// of page, text that is not UTF-8, a path outside the content folder) is
// refused with a message; nothing is read from disk.
func formFromRequest(w http.ResponseWriter, r *http.Request) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	parse := r.ParseForm
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		parse = func() error { return r.ParseMultipartForm(maxForm) }
	}
	if err := parse(); err != nil {
		return nil, formError(err)
	}
	t, err := parseTarget(r.PostForm.Get("path"))
	if err != nil {
		return nil, err
	}
	fields := fieldMap(t)
	f := &form{Target: t, Version: r.PostForm.Get("version"), Values: map[string]string{}, Body: r.PostForm.Get("body"), Keep: r.PostForm.Get("keep")}
	for name, vs := range r.PostForm {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return nil, fmt.Errorf("the form's %q has characters that are not text (invalid UTF-8); copy the text from the original again, or type it", name)
			}
		}
		fd, ok := fields[name]
		switch {
		case !ok && !slices.Contains(formFields, name) && t.Lang != "" && slices.ContainsFunc(content.FieldsFor(t.Kind), func(fd content.Field) bool { return fd.Name == name }):
			return nil, fmt.Errorf("this form is out of date: it has a box for “%s”, which a translation takes from its original page. Change it on the original page (%s), then reload this page: what you typed here is kept", name, t.original().Path)
		case !ok && !slices.Contains(formFields, name):
			return nil, fmt.Errorf("this form is out of date: it has a box for “%s”, which a %s page does not have. Reload the page and save again: what you typed is kept", name, kindName(t.Kind))
		case ok && fd.Type == content.TypeList:
			f.Values[name] = strings.Join(cleanLines(vs), "\n")
		case ok && fd.Type == content.TypeInt:
			f.Values[name] = wholeNumber(vs[0])
		case ok:
			f.Values[name] = strings.TrimSpace(vs[0])
		}
	}
	if len(f.Body) > content.MaxFileSize {
		return nil, fmt.Errorf("the page's text is %d bytes, more than the %d a page may have; split it into two pages", len(f.Body), content.MaxFileSize)
	}
	f.Body = strings.ReplaceAll(f.Body, "\r\n", "\n")
	if settings, ok := r.PostForm["settings"]; ok { // the box of settings that could not be read, perhaps mended
		text := withSettings(strings.ReplaceAll(settings[0], "\r\n", "\n"), f.Body)
		g := formFromFile(t, []byte(text)) // read as the file's top again; its Base is this text, which a save writes as it is
		g.Version = f.Version
		return g, nil
	}
	return f, nil
}

// wholeNumber is a whole number as typed in its box, written as the
// file's reader reads it: digits without leading zeros ("010" would be
// read as 8) or a plus sign. Anything else ("ten", "3rd") is kept as
// typed, so that compose writes it quoted and the checker names it
// beside its box, rather than dropping it.
func wholeNumber(typed string) string {
	typed = strings.TrimSpace(typed)
	if n, err := strconv.Atoi(typed); err == nil {
		return strconv.Itoa(n)
	}
	return typed
}

// formError says what was wrong with a form that could not be read.
func formError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return fmt.Errorf("the form is over %d bytes, more than a page may have; split the page into two", maxForm)
	}
	if cutOff(err) {
		return errors.New("the form did not arrive whole: the connection may have dropped. Go back and save again")
	}
	return fmt.Errorf("the form could not be read (%v); reload the editor page and try again", err)
}

// cleanLines splits every value on line breaks and drops blank lines, the
// spaces around each item and a list's mark before it ("- ", "• ", "1. "):
// lists are typed one item a line, often pasted from a list elsewhere,
// and checkboxes send one value each.
func cleanLines(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, line := range strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n") {
			line = strings.TrimSpace(listMarkRE.ReplaceAllString(line, ""))
			if line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// listMarkRE is the mark of a list item at the start of a line: a dash,
// star or bullet, or a number with a dot or bracket, then a space.
var listMarkRE = regexp.MustCompile(`^\s*(?:[-*•–—]|\d{1,2}[.)])\s+`)

var (
	dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// withSettings is the text of a YAML page with the settings front and the
// text body.
func withSettings(front, body string) string {
	text := "---\n" + strings.TrimRight(front, "\n") + "\n---\n" + body
	if body != "" && !strings.HasSuffix(body, "\n") {
		text += "\n"
	}
	return text
}

// compose writes the form as the text of its file: the frontmatter, then
// the body. The frontmatter is f.Base's with the changed fields spliced in
// (frontmatter.go), or, for a new file, YAML in schema order. fieldAt[i]
// is the field written on line i+1 ("" for the fences and other lines);
// the body starts on line bodyLine.
func (f *form) compose() (text string, fieldAt []string, bodyLine int) {
	if f.unreadable() { // the box of settings is the whole frontmatter, as she wrote it
		fieldAt = make([]string, strings.Count(strings.TrimRight(f.Keep, "\n"), "\n")+3)
		return withSettings(f.Keep, f.Body), fieldAt, len(fieldAt) + 1
	}
	if f.Base != nil {
		if lines, at, fence, ok := f.splice(); ok {
			text, fieldAt, bodyLine = f.withFront(fence, lines, at)
			if f.readsBack(text) {
				return text, fieldAt, bodyLine
			}
		}
	}
	return f.composeYAML()
}

// withFront is the text of a file with the frontmatter lines between
// fences and f's body.
func (f *form) withFront(fence string, lines, at []string) (text string, fieldAt []string, bodyLine int) {
	var b strings.Builder
	b.WriteString(fence + "\n")
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	b.WriteString(fence + "\n")
	b.WriteString(f.Body)
	if f.Body != "" && !strings.HasSuffix(f.Body, "\n") {
		b.WriteByte('\n')
	}
	fieldAt = append(append([]string{""}, at...), "")
	return b.String(), fieldAt, len(fieldAt) + 1
}

// readsBack reports whether text reads back as f: the same value for
// every field, the same unknown keys.
func (f *form) readsBack(text string) bool {
	g := formFromFile(f.Target, []byte(text))
	if g.Keep != f.Keep || g.Body != f.Body && g.Body != f.Body+"\n" {
		return false
	}
	for _, fd := range f.Target.fields() {
		if g.Values[fd.Name] != f.Values[fd.Name] {
			return false
		}
	}
	return true
}

// composeYAML is compose for a new file: YAML in schema order.
func (f *form) composeYAML() (text string, fieldAt []string, bodyLine int) {
	var b strings.Builder
	line := func(field, s string) {
		b.WriteString(s)
		b.WriteByte('\n')
		fieldAt = append(fieldAt, field)
	}
	line("", "---")
	for _, fd := range f.Target.fields() {
		v := f.Values[fd.Name]
		if v == "" && !fd.Required {
			continue
		}
		for _, l := range fieldLines(fd, v) {
			line(fd.Name, l)
		}
	}
	if f.Keep != "" {
		for _, l := range strings.Split(strings.TrimRight(f.Keep, "\n"), "\n") {
			line("", l)
		}
	}
	line("", "---")
	b.WriteString(f.Body)
	if f.Body != "" && !strings.HasSuffix(f.Body, "\n") {
		b.WriteByte('\n')
	}
	return b.String(), fieldAt, len(fieldAt) + 1
}

// fieldLines writes one field's value as frontmatter lines. A value that
// is not what its type asks for (a weight of "ten") is written quoted, so
// the checker names the field and the line.
func fieldLines(fd content.Field, v string) []string {
	q := strconv.Quote
	switch fd.Type {
	case content.TypeList:
		items := strings.Split(v, "\n")
		if !slices.ContainsFunc(items, func(s string) bool { return !slugRE.MatchString(s) }) {
			return []string{fd.Name + ": [" + strings.Join(items, ", ") + "]"} // [back, neck], as people write it
		}
		out := []string{fd.Name + ":"}
		for _, item := range strings.Split(v, "\n") {
			out = append(out, "  - "+q(item))
		}
		return out
	case content.TypeBool:
		return []string{fd.Name + ": " + strconv.FormatBool(v == "true")}
	case content.TypeInt:
		if _, err := strconv.Atoi(v); err == nil {
			return []string{fd.Name + ": " + v}
		}
	case content.TypeDate:
		if dateRE.MatchString(v) {
			return []string{fd.Name + ": " + v}
		}
	case content.TypeGroup:
		out := []string{fd.Name + ":"}
		for _, l := range strings.Split(strings.TrimRight(v, "\n"), "\n") {
			out = append(out, "  "+l)
		}
		return out
	}
	return []string{fd.Name + ": " + q(v)}
}

// missing returns an error for each required field left empty, on the
// line compose writes it: the loader takes an empty title for a title.
func (f *form) missing(fieldAt []string) content.Problems {
	if f.unreadable() {
		return nil // the fields are not there to fill: the checker says what is wrong with the box
	}
	var ps content.Problems
	for _, fd := range f.Target.fields() {
		if fd.Required && f.Values[fd.Name] == "" {
			line := slices.Index(fieldAt, fd.Name) + 1
			ps = append(ps, content.Problem{Path: f.Target.Path, Line: line, Col: 1, Severity: content.Error,
				Message: "The " + strings.ToLower(cmp.Or(labels[fd.Name], fd.Name)) + " is needed: write " + fd.Help + "."})
		}
	}
	return ps
}

// kindName is how the editor names a kind of page.
func kindName(k content.Kind) string {
	switch k {
	case content.KindHome:
		return "home page"
	case content.KindCondition:
		return "condition"
	}
	return "page"
}

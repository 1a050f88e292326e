package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	toml "github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// pos is a 1-based line and column in a file.
type pos struct{ Line, Col int }

// field is one frontmatter key with its value, decoded generically
// (string, int, int64, float64, bool, time.Time, toml.LocalDate, []any,
// map[string]any), and where it stands in the file.
type field struct {
	Key   string
	Value any
	pos         // of the key
	Items []pos // position of each list item, when Value is a list
}

// document is a content file split into its frontmatter fields and body.
type document struct {
	Format   string // "yaml" or "toml"
	Fence    int    // line of the opening fence
	Fields   []field
	Body     []byte
	BodyLine int // line of the file on which Body starts
}

// normalize strips a UTF-8 byte-order mark and turns CRLF and CR line
// endings into LF, so that editors on any system produce the same lines.
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// checkUTF8 reports the first invalid byte of data, if any.
func checkUTF8(data []byte, ps problems) bool {
	if utf8.Valid(data) {
		return true
	}
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	line, col := lineCol(data, i)
	ps.errorf(line, col, "the file is not valid UTF-8 (byte 0x%02x): save it with the UTF-8 encoding in your editor", data[i])
	return false
}

// lineCol returns the 1-based line and column (in runes) of byte offset
// off. It goes over the text before off once: for a single position only.
// Code that reports many positions in one text builds a lineIndex.
func lineCol(data []byte, off int) (int, int) {
	off = min(off, len(data))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// fmCapture receives the raw frontmatter (see parseDocument). Our formats'
// unmarshal functions parse it here instead of into a struct, so that we keep
// the position of every key for error messages.
type fmCapture struct {
	format string
	yaml   yaml.Node
	toml   map[string]any
	raw    []byte
}

// fmError is a syntax error inside the frontmatter, at a position relative
// to the frontmatter's first line.
type fmError struct {
	line, col int
	msg       string
}

func (e *fmError) Error() string { return e.msg }

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// formats are the two frontmatter formats, YAML between "---" lines and
// TOML between "+++" lines, made once per program: every file is decoded
// by one of them.
var formats = sync.OnceValue(func() []*frontmatter.Format {
	yamlFormat := frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
		c := v.(*fmCapture)
		c.format, c.raw = "yaml", data
		if err := yaml.Unmarshal(data, &c.yaml); err != nil {
			line := 0
			if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil && m[1] != "" {
				line, _ = strconv.Atoi(m[1])
				// yaml v3 reports its parser's errors ("did not find expected
				// ',' or ']'") on the line before the problem; its scanner's
				// errors on the right one.
				if strings.Contains(err.Error(), "did not find expected") {
					line++
				}
			}
			m := explainYAML(strings.Split(string(data), "\n"), line, yamlLineRE.ReplaceAllString(err.Error(), ""))
			return &fmError{line: m.line + 1, col: m.col, msg: m.msg}
		}
		return nil
	})
	tomlFormat := frontmatter.NewFormat("+++", "+++", func(data []byte, v any) error {
		c := v.(*fmCapture)
		c.format, c.raw = "toml", data
		if err := toml.Unmarshal(data, &c.toml); err != nil {
			var de *toml.DecodeError
			if errors.As(err, &de) {
				line, col := de.Position()
				return &fmError{line: line, col: col, msg: tomlWords(strings.Split(string(data), "\n"), line, de.Error())}
			}
			return &fmError{msg: "frontmatter: " + err.Error()}
		}
		return nil
	})
	return []*frontmatter.Format{yamlFormat, tomlFormat}
})

// writtenSlugRE finds a line "slug: ciatica" (YAML) or slug = "ciatica"
// (TOML), quoted or not.
var writtenSlugRE = regexp.MustCompile(`(?m)^slug[ \t]*[:=][ \t]*["']?([a-z0-9-]+)["']?[ \t]*\r?$`)

// WrittenSlug returns the slug a page's file writes on a line of its own
// in its first MaxFrontmatterLines lines, or "" when there is none. It
// says where the page of a file that does not read would be: links to
// it are not reported as links to nowhere, and the preview shows the
// file's mistakes at that address.
func WrittenSlug(data []byte) string {
	head := data
	for i, n := 0, 0; i < len(data); i++ {
		if data[i] == '\n' {
			if n++; n > MaxFrontmatterLines {
				head = data[:i]
				break
			}
		}
	}
	if m := writtenSlugRE.FindSubmatch(head); m != nil && validSlug(string(m[1])) {
		return string(m[1])
	}
	return ""
}

// parseDocument splits a content file into frontmatter fields and body.
// It reports every problem it finds and returns false when the file cannot
// be used at all.
func parseDocument(data []byte, ps problems) (*document, bool) {
	if !checkUTF8(data, ps) {
		return nil, false
	}
	data = normalize(data)
	fence, delim := openingFence(data)
	if delim == "" {
		ps.errorf(fence, 1, "the file does not start with frontmatter: its first line must be --- (YAML) or +++ (TOML), followed by keys like \"title: Sciatica\" and a closing --- line")
		return nil, false
	}
	fm := frontmatterBlock(data, fence, delim)
	if fm.lines > MaxFrontmatterLines {
		ps.errorf(fence, 1, "the frontmatter is more than %d lines long: it holds the page's title, summary and a few other keys; move long text below the closing %s line, or check that the closing %s line is there", MaxFrontmatterLines, delim, delim)
		return nil, false
	}
	if fm.body < 0 {
		ps.errorf(fence, 1, "the frontmatter opened with %s on line %d is never closed: add a line %s after the last key", delim, fence, delim)
		return nil, false
	}
	// The fences are found here, as adrg/frontmatter's Parse finds them
	// (the first non-blank line, the next line that is the same delimiter
	// once trimmed), and the format's decoder gets the lines between them,
	// as Parse would hand it: Parse reads the whole file into a buffer of
	// its own and returns the body as a copy, most of every file.
	var c fmCapture
	if err := formatFor(delim).Unmarshal(data[fm.start:fm.end], &c); err != nil {
		var fe *fmError
		if errors.As(err, &fe) {
			ps.errorf(fence+max(fe.line, 1), max(fe.col, 1), "%s", fe.msg)
		} else {
			ps.errorf(fence, 1, "frontmatter: %v", err)
		}
		return nil, false
	}
	body := data[fm.body:]
	doc := &document{Format: c.format, Fence: fence, Body: body}
	doc.BodyLine = bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1
	if c.format == "yaml" {
		doc.Fields = yamlFields(&c.yaml, c.raw, fence, ps)
	} else {
		doc.Fields = tomlFields(c.toml, c.raw, fence)
	}
	return doc, doc.Fields != nil
}

// MaxFrontmatterLines bounds the frontmatter. The YAML and TOML decoders
// check each key against all the keys before it, so time grows with the
// square of the number of keys; a real page has a dozen.
const MaxFrontmatterLines = 1000

// fmBlock is where the frontmatter of a file stands: its lines (between
// the fences) are data[start:end], and the body starts at data[body]. body
// is -1 when there is no closing fence.
type fmBlock struct {
	lines            int // how many, counting past MaxFrontmatterLines no further
	start, end, body int
}

// frontmatterBlock finds the frontmatter opened by delim on line fence:
// it ends at the next line that is delim once trimmed. It stops looking
// past MaxFrontmatterLines.
func frontmatterBlock(data []byte, fence int, delim string) fmBlock {
	b := fmBlock{body: -1}
	n := 0
	for rest := data; len(rest) > 0 && n <= MaxFrontmatterLines+fence; n++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		switch {
		case n == fence-1:
			b.start = len(data) - len(after)
		case n >= fence && string(bytes.TrimSpace(line)) == delim:
			b.lines, b.end, b.body = n-fence, len(data)-len(rest), len(data)-len(after)
			return b
		}
		rest = after
	}
	b.lines = n - fence
	return b
}

// formatFor returns the format whose fences are delim ("---" or "+++").
func formatFor(delim string) *frontmatter.Format {
	for _, f := range formats() {
		if f.Start == delim {
			return f
		}
	}
	panic("content: no frontmatter format for " + delim) // openingFence returns only the fences of formats
}

// openingFence returns the line of the first non-blank line and its
// delimiter, or "" when that line is not a frontmatter fence.
func openingFence(data []byte) (int, string) {
	for i := 1; len(data) > 0; i++ {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte("\n"))
		switch t := string(bytes.TrimSpace(line)); t {
		case "":
			continue
		case "---", "+++":
			return i, t
		default:
			return i, ""
		}
	}
	return 1, ""
}

// yamlFields turns a parsed YAML document into fields. Line numbers in the
// node are relative to the frontmatter, which starts the line after fence.
func yamlFields(doc *yaml.Node, raw []byte, fence int, ps problems) []field {
	lines := strings.Split(string(raw), "\n")
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return []field{} // empty frontmatter
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		ps.errorf(fence+m.Line, m.Column, "frontmatter must be a list of \"key: value\" lines, like \"title: Sciatica\"")
		return nil
	}
	fields := make([]field, 0, len(m.Content)/2)
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		at := pos{fence + k.Line, k.Column}
		if first, dup := seen[k.Value]; dup {
			ps.errorf(at.Line, at.Col, "%s is set twice (first on line %d): keep one", k.Value, first)
			continue
		}
		seen[k.Value] = at.Line
		if msg, col := plainMistake(k.Value, v, lines); msg != "" {
			ps.errorf(fence+v.Line, col, "%s", msg) // and keep the field: the key is there
		}
		val, items, err := yamlValue(v, fence)
		if err != nil {
			ps.errorf(fence+v.Line, v.Column, "%s: %v", k.Value, err)
			continue
		}
		fields = append(fields, field{Key: k.Value, Value: val, pos: at, Items: items})
	}
	return fields
}

// plainMistake returns what is wrong with v, the unquoted text value of
// key, that YAML itself accepts: a quote at only one end ("Runner's
// Shoulder\"" keeps the quote), or a # that cut the text short ("Number #1
// cause" is read as "Number" and a note). It returns "" when v is fine,
// else the message and the column to report.
func plainMistake(key string, v *yaml.Node, lines []string) (string, int) {
	if v.Kind != yaml.ScalarNode || v.Style != 0 || v.Tag != "!!str" || v.Line < 1 || v.Line > len(lines) {
		return "", 0
	}
	if t := v.Value; strings.HasSuffix(t, `"`) || strings.HasSuffix(t, "'") {
		return fmt.Sprintf("%s: the text ends with %c but does not start with one: put a quote at both ends, like %s: %q", key, t[len(t)-1], key, strings.Trim(t, `"'`)), v.Column
	}
	line := lines[v.Line-1]
	start := byteOffset(line, v.Column)
	if i := strings.Index(line[start:], " #"); v.LineComment != "" && i >= 0 && strings.HasPrefix(v.LineComment, "#") && len(v.LineComment) > 1 && v.LineComment[1] != ' ' {
		text := strings.TrimSpace(line[start:])
		return fmt.Sprintf("%s: the # in the text starts a note, so the text is cut to %q: put the whole text in double quotes, like %s: %q", key, v.Value, key, text), utf8.RuneCountInString(line[:start+i]) + 2
	}
	return "", 0
}

// byteOffset returns the byte offset in line of the 1-based rune column col.
func byteOffset(line string, col int) int {
	n := 1
	for i := range line {
		if n == col {
			return i
		}
		n++
	}
	return len(line)
}

func yamlValue(n *yaml.Node, fence int) (any, []pos, error) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	var v any
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil, nil
	}
	if err := n.Decode(&v); err != nil {
		return nil, nil, err
	}
	var items []pos
	if n.Kind == yaml.SequenceNode {
		for _, it := range n.Content {
			items = append(items, pos{fence + it.Line, it.Column})
		}
	}
	return v, items, nil
}

// tomlFields turns decoded TOML into fields. go-toml does not report where
// keys are, so we find each top-level key's line in the raw text: the
// first line that sets it or opens a table of its name.
func tomlFields(m map[string]any, raw []byte, fence int) []field {
	keyAt := tomlKeyLines(raw, fence)
	fields := make([]field, 0, len(m))
	for k, v := range m {
		at, ok := keyAt[k]
		if !ok {
			at = pos{fence + 1, 1}
		}
		var items []pos
		if list, ok := v.([]any); ok {
			for range list {
				items = append(items, at)
			}
		}
		fields = append(fields, field{Key: k, Value: v, pos: at, Items: items})
	}
	slices.SortFunc(fields, func(a, b field) int { return cmp.Compare(a.Line, b.Line) })
	return fields
}

// tomlKeyLines maps each key written at the start of a line of raw (as
// "key = ..." or "[key]") to the first place it stands, going over the
// text once.
func tomlKeyLines(raw []byte, fence int) map[string]pos {
	at := map[string]pos{}
	for i, line := range strings.Split(string(raw), "\n") {
		t := strings.TrimSpace(line)
		key := strings.Trim(strings.TrimSpace(strings.SplitN(strings.Trim(t, "[]"), "=", 2)[0]), `"'`)
		if strings.HasPrefix(t, "[") && !strings.HasPrefix(t, "[["+key) && !strings.HasPrefix(t, "["+key) {
			continue
		}
		if _, seen := at[key]; !seen {
			at[key] = pos{fence + 1 + i, strings.Index(line, t) + 1}
		}
	}
	return at
}

// describe names the kind of a decoded value for error messages.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("the text %q", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a group of keys"
	case bool:
		return fmt.Sprintf("%v (yes/no)", v)
	default:
		return fmt.Sprintf("%v", v)
	}
}

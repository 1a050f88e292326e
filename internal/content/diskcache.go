package content

import (
	"encoding/binary"
	"errors"
	"html/template"

	"github.com/relief-massage/relief/internal/passage"
)

// renderCached renders a Markdown body, or takes the result from the disk
// cache (Options.Disk) when this very body was rendered before with the
// same phone numbers by the same program. Rendering is a pure function of
// those, so the result is the same either way; validation then runs on it
// as always.
func (l *loader) renderCached(body []byte, eager bool) (*rendered, error) {
	disk := l.opts.Disk
	if disk == nil {
		return l.md.renderPage(body, eager)
	}
	key := disk.Key("markdown/2", []byte(l.phones), []byte{byte(btoi(eager))}, body)
	if data, ok := disk.Get(key); ok {
		if r, err := decodeRendered(data); err == nil {
			return r, nil
		}
	}
	r, err := l.md.renderPage(body, eager)
	if err == nil {
		disk.PutFunc(key, func() []byte { return encodeRendered(r) })
	}
	return r, err
}

// The disk cache keeps a rendered body as length-prefixed fields: faster
// to read back than gob or JSON, which matters with thousands of pages.
// rendered.fields lists the fields once, in their order, and a codec
// writes them (encoder) or reads them back (decoder), so the two
// directions cannot disagree.

// codec is one direction of the format: each method writes the value its
// argument points to, or reads one into it.
type codec interface {
	str(*string)
	// strOf is str for a string held by value: it returns the string
	// read, or s, written (a pointer to a copy of s would cost an
	// allocation per call).
	strOf(s string) string
	// text is str for a long text a page drops once the site is built
	// (its HTML): read back, it may share the entry's
	// memory instead of being copied (see decodeParsed).
	text(*string)
	num(*int)
	flag(*bool)
	// count writes n, the length of a list about to be written, or reads
	// the length of a list about to be read; it returns that length.
	count(n int) int
	// fail marks the entry being read as damaged: what was read does
	// not make a value (writing, it is never called).
	fail()
}

// fields passes every field of r to c, in the format's order. Encoding
// only reads r's lists and their items, but assigns r's fields: encode a
// copy of a shared r.
func (r *rendered) fields(c codec) {
	html := string(r.HTML)
	c.str(&html)
	r.HTML = template.HTML(html)
	c.flag(&r.Blank)
	c.flag(&r.HasCaution)
	r.Headings = list(c, r.Headings, func(h *Heading) { c.num(&h.Level); c.str(&h.ID); c.str(&h.Text) })
	r.Links = list(c, r.Links, func(k *Link) { c.str(&k.Dest); c.num(&k.Line); c.num(&k.Col); c.flag(&k.Image); c.str(&k.Alt) })
	r.headingLines = list(c, r.headingLines, func(n *int) { c.num(n) })
	r.callouts = list(c, r.callouts, func(k *calloutAt) { c.str(&k.Alert); c.num(&k.Section); c.num(&k.Line) })
	r.sentences = list(c, r.sentences, func(s *sentence) { c.str(&s.Text); c.num(&s.Off); c.num(&s.words); c.num(&s.syllables) })
	passages(c, &r.Passages)
}

// passages passes a page's passages to c as their two strings, checking
// them when read (a damaged entry, never a panic later).
func passages(c codec, p *passage.Passages) {
	q, err := passage.Parse(c.strOf(p.Data()), c.strOf(p.Records()))
	if err != nil {
		c.fail()
		return
	}
	*p = q
}

// list passes the length of s and then each item to c. Reading, it
// returns a new list of the length read (nil when empty); writing, s.
func list[T any](c codec, s []T, item func(*T)) []T {
	if n := c.count(len(s)); n != len(s) {
		s = make([]T, n)
	}
	for i := range s {
		item(&s[i])
	}
	return s
}

// encodeRendered writes r in the disk cache's format.
func encodeRendered(r *rendered) []byte {
	e := &encoder{b: make([]byte, 0, len(r.HTML)+64*(len(r.Headings)+len(r.Links))+16)}
	cp := *r // fields assigns r's fields, and r may be read meanwhile
	cp.fields(e)
	return e.b
}

// encoder appends fields to b.
type encoder struct{ b []byte }

func (e *encoder) str(s *string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(*s)))
	e.b = append(e.b, *s...)
}

func (e *encoder) text(s *string) { e.str(s) }

func (e *encoder) strOf(s string) string { e.str(&s); return s }

func (e *encoder) num(n *int)      { e.b = binary.AppendVarint(e.b, int64(*n)) }
func (e *encoder) flag(b *bool)    { e.b = binary.AppendVarint(e.b, int64(btoi(*b))) }
func (e *encoder) count(n int) int { e.num(&n); return n }
func (e *encoder) fail()           {}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

var errCorrupt = errors.New("cache entry is damaged")

// decodeRendered reads what encodeRendered wrote. A damaged entry is an
// error, and the body is rendered again.
func decodeRendered(data []byte) (*rendered, error) {
	d := &decoder{data: data}
	r := &rendered{}
	r.fields(d)
	if d.bad || len(d.data) != 0 {
		return nil, errCorrupt
	}
	return r, nil
}

// decoder reads length-prefixed fields, remembering any damage.
type decoder struct {
	data []byte
	bad  bool
	// whole, when set, is the entry being read as a string sharing its
	// memory (data is a suffix of it): text takes its strings from it.
	whole string
}

func (d *decoder) num(p *int) {
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.bad, d.data = true, nil
		return
	}
	d.data = d.data[n:]
	*p = int(v)
}

func (d *decoder) fail() { d.bad, d.data = true, nil }

func (d *decoder) flag(b *bool) {
	var n int
	d.num(&n)
	*b = n == 1
}

// count reads a number of items, each at least one byte long.
func (d *decoder) count(int) int {
	var n int
	d.num(&n)
	if n < 0 || n > len(d.data) {
		d.bad, d.data = true, nil
		return 0
	}
	return n
}

// text is str, without a copy when the decoder has the whole entry.
func (d *decoder) text(p *string) {
	if d.whole == "" {
		d.str(p)
		return
	}
	v, n := binary.Uvarint(d.data)
	if n <= 0 || v > uint64(len(d.data)-n) {
		d.bad, d.data = true, nil
		return
	}
	at := len(d.whole) - len(d.data) + n
	*p = "" // an empty view would still point at the entry, and keep it
	if v > 0 {
		*p = d.whole[at : at+int(v)]
	}
	d.data = d.data[n+int(v):]
}

func (d *decoder) strOf(s string) string { d.str(&s); return s }

func (d *decoder) str(p *string) {
	v, n := binary.Uvarint(d.data)
	if n <= 0 || v > uint64(len(d.data)-n) {
		d.bad, d.data = true, nil
		return
	}
	*p = string(d.data[n : n+int(v)])
	d.data = d.data[n+int(v):]
}

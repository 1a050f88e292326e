package content

import (
	"encoding/binary"
	"errors"
	"html/template"
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
	key := disk.Key("markdown", []byte(l.phones), []byte{byte(btoi(eager))}, body)
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

// encodeRendered writes r as length-prefixed fields: faster to read back
// than gob or JSON, which matters with thousands of pages.
func encodeRendered(r *rendered) []byte {
	b := make([]byte, 0, len(r.HTML)+len(r.Text)+64*(len(r.Headings)+len(r.Links))+16)
	str := func(s string) []byte {
		b = binary.AppendUvarint(b, uint64(len(s)))
		return append(b, s...)
	}
	num := func(n int) []byte { return binary.AppendVarint(b, int64(n)) }
	b = str(string(r.HTML))
	b = str(r.Text)
	b = num(btoi(r.HasCaution))
	b = num(len(r.Headings))
	for _, h := range r.Headings {
		b = num(h.Level)
		b = str(h.ID)
		b = str(h.Text)
	}
	b = num(len(r.Links))
	for _, k := range r.Links {
		b = str(k.Dest)
		b = num(k.Line)
		b = num(k.Col)
		b = num(btoi(k.Image))
		b = str(k.Alt)
	}
	b = num(len(r.headingLines))
	for _, n := range r.headingLines {
		b = num(n)
	}
	b = num(len(r.callouts))
	for _, c := range r.callouts {
		b = str(c.Alert)
		b = num(c.Section)
		b = num(c.Line)
	}
	b = num(len(r.sentences))
	for _, s := range r.sentences {
		b = str(s.Text)
		b = num(s.Off)
		b = num(s.words)
		b = num(s.syllables)
	}
	b = num(len(r.Passages))
	for _, p := range r.Passages {
		b = str(p.Heading)
		b = str(p.Text)
		b = num(btoi(p.Item))
		b = str(p.Callout)
	}
	return b
}

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
	d := decoder{data: data}
	r := &rendered{HTML: template.HTML(d.str()), Text: d.str(), HasCaution: d.num() == 1}
	if n := d.count(); n > 0 {
		r.Headings = make([]Heading, n)
		for i := range r.Headings {
			r.Headings[i] = Heading{Level: d.num(), ID: d.str(), Text: d.str()}
		}
	}
	if n := d.count(); n > 0 {
		r.Links = make([]Link, n)
		for i := range r.Links {
			r.Links[i] = Link{Dest: d.str(), Line: d.num(), Col: d.num(), Image: d.num() == 1, Alt: d.str()}
		}
	}
	if n := d.count(); n > 0 {
		r.headingLines = make([]int, n)
		for i := range r.headingLines {
			r.headingLines[i] = d.num()
		}
	}
	if n := d.count(); n > 0 {
		r.callouts = make([]calloutAt, n)
		for i := range r.callouts {
			r.callouts[i] = calloutAt{Alert: d.str(), Section: d.num(), Line: d.num()}
		}
	}
	if n := d.count(); n > 0 {
		r.sentences = make([]sentence, n)
		for i := range r.sentences {
			r.sentences[i] = sentence{Text: d.str(), Off: d.num(), words: d.num(), syllables: d.num()}
		}
	}
	if n := d.count(); n > 0 {
		r.Passages = make([]Passage, n)
		for i := range r.Passages {
			r.Passages[i] = Passage{Heading: d.str(), Text: d.str(), Item: d.num() == 1, Callout: d.str()}
		}
	}
	if d.bad || len(d.data) != 0 {
		return nil, errCorrupt
	}
	return r, nil
}

// decoder reads length-prefixed fields, remembering any damage.
type decoder struct {
	data []byte
	bad  bool
}

func (d *decoder) num() int {
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.bad, d.data = true, nil
		return 0
	}
	d.data = d.data[n:]
	return int(v)
}

// count reads a number of items, each at least one byte long.
func (d *decoder) count() int {
	n := d.num()
	if n < 0 || n > len(d.data) {
		d.bad, d.data = true, nil
		return 0
	}
	return n
}

func (d *decoder) str() string {
	v, n := binary.Uvarint(d.data)
	if n <= 0 || v > uint64(len(d.data)-n) {
		d.bad, d.data = true, nil
		return ""
	}
	s := string(d.data[n : n+int(v)])
	d.data = d.data[n+int(v):]
	return s
}

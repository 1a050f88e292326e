package content

import (
	"crypto/sha256"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"time"
	"unsafe"
)

// The parse cache keeps, on disk (Options.Disk), how each condition and
// plain page file parsed: the page as decoded from its frontmatter and
// rendered, before the checks that span files, with the problems the
// file produced on its own (a long summary, a mistyped key, text above
// the reading grade) and whether it could be read as a page at all. A
// start or build then reads every file, as always, and takes an
// unchanged file's parse from one small cache read instead of decoding
// its frontmatter, rendering or fetching its Markdown and measuring its
// prose again.
//
// An entry is keyed by everything parsing depends on: the program (its
// version is in every key, see package cache), the file's exact bytes,
// its path and the content folder's name (both are in the problems), the
// kind of file, whether it is a translation, and the loader's phones key
// (the practice's phone numbers, which the Markdown links, the reading
// grade, and the pictures). So the entry stands for having parsed and
// checked those very bytes with this very program. The checks that span
// files (related pages, body areas, links, pictures, addresses,
// translations, review dates, which depend on the day) run on the whole
// site on every load, whatever came from the cache.
//
// A page whose parse holds a value the format does not keep (a date or
// another kind of value in extra:) is not cached: it is parsed every time.

// parsedKey returns the disk cache key of the parse of the file rel into
// a value of kind ("condition", "page"), by the SHA-256 of the file's
// bytes (which Sources.add computed: the bytes are hashed once).
func (l *loader) parsedKey(kind, rel string, sum [sha256.Size]byte) [32]byte {
	return l.opts.Disk.Key("parsed/2", []byte(kind), []byte(l.opts.Dir), []byte(rel), []byte(l.phones),
		[]byte{byte(btoi(l.translating))}, sum[:])
}

// parsed is one file's parse result as the disk keeps it.
type parsed struct {
	ok       bool
	problems Problems
	c        *Condition // set for a condition
	p        *Page      // set for a plain page
}

func (e *parsed) fields(c codec) {
	c.flag(&e.ok)
	e.problems = nlist(c, e.problems, func(p *Problem) {
		c.str(&p.Path)
		c.num(&p.Line)
		c.num(&p.Col)
		sev := int(p.Severity)
		c.num(&sev)
		p.Severity = Severity(sev)
		c.str(&p.Message)
	})
	if e.c != nil {
		e.c.fields(c)
	} else {
		e.p.fields(c)
	}
}

// fields passes every field parsing sets of a page to c. Image is set by
// validation, so it is not among them (storable checks it is nil).
func (p *Page) fields(c codec) {
	c.str(&p.Path)
	c.str(&p.Slug)
	c.str(&p.Title)
	c.str(&p.Summary)
	c.num(&p.Weight)
	c.flag(&p.Draft)
	c.flag(&p.Menu)
	body := string(p.Body)
	c.text(&body)
	p.Body = template.HTML(body)
	p.Headings = nlist(c, p.Headings, func(h *Heading) { c.num(&h.Level); c.str(&h.ID); c.str(&h.Text) })
	passages(c, &p.Passages)
	extra := any(p.Extra)
	if p.Extra == nil {
		extra = nil
	}
	value(c, &extra)
	p.Extra, _ = extra.(map[string]any)
	c.str(&p.ImageAlt)
	c.str(&p.imageName)
	at(c, &p.imageAt)
	c.str(&p.Key)
	p.keys = nlist(c, p.keys, func(s *string) { c.str(s) })
	p.links = nlist(c, p.links, func(k *Link) { c.str(&k.Dest); c.num(&k.Line); c.num(&k.Col); c.flag(&k.Image); c.str(&k.Alt) })
	c.num(&p.bodyLine)
	c.flag(&p.hasCaution)
	p.callouts = nlist(c, p.callouts, func(k *calloutAt) { c.str(&k.Alert); c.num(&k.Section); c.num(&k.Line) })
	p.headLines = nlist(c, p.headLines, func(n *int) { c.num(n) })
	for _, q := range []*pos{&p.titleAt, &p.summaryAt, &p.menuAt, &p.slugAt} {
		at(c, q)
	}
}

// fields passes every field parsing sets of a condition to c. Regions,
// Related and the address are set by validation (storable checks they
// are not yet).
func (k *Condition) fields(c codec) {
	k.Page.fields(c)
	strs := func(s []string) []string { return nlist(c, s, func(s *string) { c.str(s) }) }
	poss := func(s []pos) []pos { return nlist(c, s, func(p *pos) { at(c, p) }) }
	k.Symptoms = strs(k.Symptoms)
	k.Aliases = strs(k.Aliases)
	y, m, d := 0, 0, 0
	if !k.Reviewed.IsZero() {
		y, m, d = k.Reviewed.Year(), int(k.Reviewed.Month()), k.Reviewed.Day()
	}
	c.num(&y)
	c.num(&m)
	c.num(&d)
	if y != 0 {
		k.Reviewed = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	}
	k.RedirectFrom = strs(k.RedirectFrom)
	c.flag(&k.reviewedGiven)
	k.relatedSlugs = strs(k.relatedSlugs)
	k.relatedPos = poss(k.relatedPos)
	k.regionSlugs = strs(k.regionSlugs)
	k.regionPos = poss(k.regionPos)
	at(c, &k.regionsAt)
	c.flag(&k.regionsBad)
	at(c, &k.reviewedAt)
	k.redirectPos = poss(k.redirectPos)
}

func at(c codec, p *pos) { c.num(&p.Line); c.num(&p.Col) }

// nlist is list keeping the difference between a nil list and an empty
// one, so that a page read back equals the page parsed.
func nlist[T any](c codec, s []T, item func(*T)) []T {
	isNil := s == nil
	c.flag(&isNil)
	if isNil {
		return nil
	}
	if s == nil {
		s = []T{} // read as empty, not nil
	}
	return list(c, s, item)
}

// The kinds of value the format keeps in extra:, as YAML and TOML
// decode them.
const (
	tagNil = iota
	tagString
	tagBool
	tagInt
	tagInt64
	tagFloat
	tagList
	tagMap
	tagOther // not kept: see storableValue
)

func tagOf(v any) int {
	switch v.(type) {
	case nil:
		return tagNil
	case string:
		return tagString
	case bool:
		return tagBool
	case int:
		return tagInt
	case int64:
		return tagInt64
	case float64:
		return tagFloat
	case []any:
		return tagList
	case map[string]any:
		return tagMap
	}
	return tagOther
}

// value passes one value of extra: to c, with its kind first.
func value(c codec, v *any) {
	tag := tagOf(*v)
	c.num(&tag)
	switch tag {
	case tagString:
		s, _ := (*v).(string)
		c.str(&s)
		*v = s
	case tagBool:
		b, _ := (*v).(bool)
		c.flag(&b)
		*v = b
	case tagInt:
		n, _ := (*v).(int)
		c.num(&n)
		*v = n
	case tagInt64:
		n64, _ := (*v).(int64)
		s := strconv.FormatInt(n64, 10)
		c.str(&s)
		n64, _ = strconv.ParseInt(s, 10, 64)
		*v = n64
	case tagFloat:
		f, _ := (*v).(float64)
		s := strconv.FormatFloat(f, 'g', -1, 64) // exact both ways
		c.str(&s)
		f, _ = strconv.ParseFloat(s, 64)
		*v = f
	case tagList:
		l, _ := (*v).([]any)
		out := make([]any, c.count(len(l))) // a new list: the page's own may be in use
		for i := range out {
			if i < len(l) {
				out[i] = l[i]
			}
			value(c, &out[i])
		}
		*v = out
	case tagMap:
		m, _ := (*v).(map[string]any)
		keys := slices.Sorted(maps.Keys(m))
		keys = nlist(c, keys, func(s *string) { c.str(s) })
		out := make(map[string]any, len(keys))
		for _, k := range keys {
			x := m[k]
			value(c, &x)
			out[k] = x
		}
		*v = out
	case tagNil:
		*v = nil
	default:
		c.count(-1) // a value the format does not keep: a damaged entry when read
	}
}

// storable reports whether the format keeps everything parsing set in p
// (see the package comment above).
func (p *Page) storable() bool {
	return p.Image == nil && storableValue(p.Extra)
}

func (k *Condition) storable() bool {
	r := k.Reviewed
	return k.Page.storable() && k.Regions == nil && k.Related == nil && k.url == "" &&
		(r.IsZero() || r.Equal(time.Date(r.Year(), r.Month(), r.Day(), 0, 0, 0, 0, time.UTC)) && r.Location() == time.UTC)
}

func storableValue(v any) bool {
	switch v := v.(type) {
	case []any:
		return !slices.ContainsFunc(v, func(x any) bool { return !storableValue(x) })
	case map[string]any:
		for _, x := range v {
			if !storableValue(x) {
				return false
			}
		}
		return true
	}
	return tagOf(v) != tagOther
}

// encodeParsed writes e in the disk cache's format.
func encodeParsed(e *parsed) []byte {
	enc := &encoder{}
	e.fields(enc)
	return enc.b
}

// decodeParsed reads what encodeParsed wrote into a fresh condition
// (condition) or page. A damaged entry is an error: the file is parsed.
//
// The page's HTML shares data's memory (data must not change
// afterwards): a served site drops it once it is built (see site.Build),
// and data with it; every other string is a copy, so that
// what the site keeps (the passages for search) does not keep data. The
// copies share one allocation per entry (gather): a served site keeps
// them all as long as the page, and at 10,000 pages one string each was
// 1.4 million objects for the collector to mark on every collection. With
// mapped (data is an entry mapped into memory, cache.Store.MapEntries,
// which stays until the program exits and costs memory only where it is
// read) every string shares data's memory: copying them was most of the
// time a build spent reading the cache.
func decodeParsed(data []byte, condition, mapped bool) (*parsed, error) {
	d := &decoder{data: data}
	if len(data) > 0 {
		d.whole = unsafe.String(&data[0], len(data))
	}
	e := &parsed{}
	if condition {
		e.c = &Condition{}
	} else {
		e.p = &Page{}
	}
	e.fields(viewDecoder{d})
	if d.bad || len(d.data) != 0 {
		return nil, errCorrupt
	}
	if !mapped {
		gather(e)
	}
	return e, nil
}

// gather copies every string of e but the page's HTML (codec.text) into
// one new allocation, and points the strings at their copies. Strings that
// share memory (a passage's heading, once shareHeadings ran) share their
// copy.
func gather(e *parsed) {
	g := gatherer{counting: true}
	e.fields(&g)
	g = gatherer{block: make([]byte, 0, g.size)}
	e.fields(&g)
}

// gatherer is the codec of gather's two passes over an entry's fields,
// which change nothing else: the first (counting) adds up the length of
// the strings to copy, the second copies them into block, whose capacity
// the first measured: block never grows, so the copies stay valid.
type gatherer struct {
	counting bool
	size     int
	block    []byte
	// recent are the last strings met and their copies: a passage's
	// heading is the one two or three strings before it.
	recent [4]struct{ from, to string }
	next   int
}

func (g *gatherer) str(p *string) {
	if *p == "" {
		return
	}
	for _, r := range g.recent {
		if len(r.from) == len(*p) && unsafe.StringData(r.from) == unsafe.StringData(*p) {
			*p = r.to
			return
		}
	}
	from := *p
	if g.counting {
		g.size += len(*p)
	} else {
		at := len(g.block)
		g.block = append(g.block, *p...)
		*p = unsafe.String(&g.block[at], len(*p))
	}
	g.recent[g.next] = struct{ from, to string }{from, *p}
	g.next = (g.next + 1) % len(g.recent)
}
func (g *gatherer) strOf(s string) string { g.str(&s); return s }
func (*gatherer) text(*string)            {}
func (*gatherer) num(*int)                {}
func (*gatherer) flag(*bool)              {}
func (*gatherer) count(n int) int         { return n }
func (*gatherer) fail()                   {}

// viewDecoder is a decoder whose every string is a view of the entry,
// not a copy (see decodeParsed).
type viewDecoder struct{ *decoder }

func (d viewDecoder) str(p *string) { d.text(p) }

func (d viewDecoder) strOf(s string) string { d.text(&s); return s }

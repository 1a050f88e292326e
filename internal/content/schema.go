package content

import (
	"slices"
	"sync"
)

// Kind is a kind of Markdown file, which decides the frontmatter keys it
// takes.
type Kind string

// The kinds of Markdown file, named as the README's frontmatter table names
// their folders.
const (
	KindHome      Kind = "home"       // index.md
	KindCondition Kind = "conditions" // conditions/<file>.md
	KindPage      Kind = "pages"      // pages/<file>.md
)

// Kinds lists every kind of Markdown file, in the order the README names
// them.
func Kinds() []Kind { return []Kind{KindHome, KindCondition, KindPage} }

// FieldType is the type of a frontmatter value: what a form shows for it
// and what the loader accepts.
type FieldType string

// The types of frontmatter values.
const (
	TypeText  FieldType = "text"  // one line of text; a number is read as its text
	TypeList  FieldType = "list"  // a list of texts, in [ ] or one "- item" per line
	TypeBool  FieldType = "bool"  // true or false
	TypeInt   FieldType = "int"   // a whole number
	TypeDate  FieldType = "date"  // a day, written YYYY-MM-DD
	TypeGroup FieldType = "group" // free "name: value" keys, for the templates
)

// Field is one frontmatter key: everything a loader, a scaffold, an error
// message or a form needs to know about it.
type Field struct {
	// Name is the key as written in the frontmatter, like "title".
	Name string
	// Type is the kind of value the key takes.
	Type FieldType
	// Required fields must be written on every file of Kinds.
	Required bool
	// Kinds are the kinds of file that take the key; on any other kind it
	// is an unknown key.
	Kinds []Kind
	// Help is one line saying what the key is for, in the therapist's
	// words; relief new writes it as the key's comment.
	Help string
	// Example is a value as written after "name: ", used in the message
	// for a missing required key and as a form's placeholder.
	Example string
	// Translated fields are written in each language: a translation
	// (sciatica.es.md) writes its own and never takes the original's.
	// The others are shared: a translation that leaves one out takes
	// the original's value (body areas, related, dates, weight).
	Translated bool
}

// For reports whether the field applies to files of kind k.
func (f Field) For(k Kind) bool { return slices.Contains(f.Kinds, k) }

// Fields returns the frontmatter schema: every key a Markdown file may
// have, in the order relief new writes them and a form shows them. It is
// the one list of keys: the loader decodes and validates by it, "did you
// mean" takes its candidates from it, relief new writes its scaffold from
// it, and a test holds the README's frontmatter table to it. Each call
// returns a fresh copy.
func Fields() []Field {
	all := []Kind{KindHome, KindCondition, KindPage}
	both := []Kind{KindCondition, KindPage}
	cond := []Kind{KindCondition}
	return []Field{
		{Name: "title", Translated: true, Type: TypeText, Required: true, Kinds: all,
			Help: "the page's name, as visitors will see it", Example: "Sciatica"},
		{Name: "summary", Translated: true, Type: TypeText, Required: true, Kinds: all,
			Help: "one or two sentences about the page, shown to search engines and, for a condition, on the index", Example: "One or two sentences about the condition."},
		{Name: "image", Type: TypeText, Kinds: all,
			Help: "a picture for the top of the page and its card: the name of a file in content/images, like shoulder.jpg", Example: "shoulder.jpg"},
		{Name: "image_alt", Translated: true, Type: TypeText, Kinds: all,
			Help: "what the picture shows, for visitors who cannot see it (or: decorative)", Example: "Hands easing a stiff shoulder"},
		{Name: "slug", Type: TypeText, Kinds: both,
			Help: "the end of the page's web address; lowercase letters, digits and hyphens", Example: "sciatica"},
		{Name: "regions", Type: TypeList, Kinds: cond,
			Help: "choose one or more body areas from site.yaml, like [back]", Example: "[back]"},
		{Name: "symptoms", Translated: true, Type: TypeList, Kinds: cond,
			Help: "short phrases a visitor would recognise", Example: `["pain down the back of the leg"]`},
		{Name: "aliases", Translated: true, Type: TypeList, Kinds: cond,
			Help: `other names people search for, like ["lumbago"]`, Example: `["lumbago"]`},
		{Name: "related", Type: TypeList, Kinds: cond,
			Help: "related conditions, each by the end of its web address, like [sciatica] for /conditions/sciatica", Example: "[sciatica]"},
		{Name: "redirect_from", Translated: true, Type: TypeList, Kinds: cond,
			Help: "old addresses of this page, like [/old-page.html]", Example: "[/old-page.html]"},
		{Name: "reviewed", Type: TypeDate, Kinds: cond,
			Help: "the day you last checked the page", Example: "2026-11-01"},
		{Name: "weight", Type: TypeInt, Kinds: both,
			Help: "a whole number; lower comes first among featured conditions on the home page and among pages in the menu", Example: "100"},
		{Name: "menu", Type: TypeBool, Kinds: []Kind{KindPage},
			Help: "true lists the page in the site navigation", Example: "true"},
		{Name: "draft", Type: TypeBool, Kinds: both,
			Help: "change to false to publish the page", Example: "true"},
		{Name: "extra", Type: TypeGroup, Kinds: both,
			Help: "your own notes for the templates", Example: "{}"},
	}
}

// FieldsFor returns the fields that files of kind k take, in schema order.
func FieldsFor(k Kind) []Field {
	var fs []Field
	for _, f := range Fields() {
		if f.For(k) {
			fs = append(fs, f)
		}
	}
	return fs
}

// schemaFor returns the decoding schema of kind k: its keys, as Fields
// lists them (kindKeys), and bind, each field's decoder. A field of k
// without a decoder is a mistake in this package, not in the content, so
// it panics (every kind is loaded by the tests); a decoder for a key k
// does not take is ignored.
func schemaFor(k Kind, bind map[string]func(field) bool) schema {
	kk := kindKeys()[k]
	for _, name := range kk.names {
		if _, ok := bind[name]; !ok {
			panic("content: no decoder for frontmatter key " + name + " on " + string(k))
		}
	}
	return schema{keys: bind, kind: kk}
}

// keysOf is what Fields says about the keys of one kind of file.
type keysOf struct {
	names    []string          // every key the kind takes, sorted
	takes    map[string]bool   // the same, to look a key up
	required []string          // in schema order
	example  map[string]string // how to write a required key, for "missing" errors
}

// kindKeys sorts Fields out by kind, once per program rather than once
// per file: Fields never changes while relief runs, and every file's
// frontmatter is decoded by it.
var kindKeys = sync.OnceValue(func() map[Kind]*keysOf {
	kinds := map[Kind]*keysOf{}
	for _, k := range Kinds() {
		kk := &keysOf{takes: map[string]bool{}, example: map[string]string{}}
		for _, f := range FieldsFor(k) {
			kk.names = append(kk.names, f.Name)
			kk.takes[f.Name] = true
			if f.Required {
				kk.required = append(kk.required, f.Name)
				kk.example[f.Name] = `"` + f.Name + ": " + f.Example + `"`
			}
		}
		slices.Sort(kk.names)
		kinds[k] = kk
	}
	return kinds
})

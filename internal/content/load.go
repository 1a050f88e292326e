package content

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/images"
)

// Options control how a content tree is loaded.
type Options struct {
	// Dir is how the tree's root is named in problems, e.g. "content".
	// Problems then read "content/conditions/sciatica.md:3:1: ...".
	Dir string
	// Static, when set, is the static folder: links in Markdown to
	// /static/... are checked against it.
	Static fs.FS
	// Now is the date review warnings are measured from; zero means today.
	Now time.Time
	// Cache, when set, keeps each file's parse result for the next Load
	// of the same tree, which then parses only the files that changed.
	Cache *Cache
	// Disk, when set, keeps each body's rendered Markdown, and each
	// condition and plain page file's parse with the problems it found
	// on its own (parsedcache.go), on disk for the next run of the
	// program (see package cache). Every file is still read, and every
	// check that spans files still runs, on every Load.
	Disk *cache.Store
	// URLs are the site's addresses (route.Names): required.
	URLs URLs
	// Images, when set, is the images folder as scanned by the caller
	// (the preview keeps it between loads); otherwise Load scans the
	// images folder of the tree (images.Folder).
	Images *images.Library
	// LeftOut names files of the tree, by their slash-separated paths
	// inside it ("conditions/sciatica.md"), to leave out of the site.
	// Each is still read, so its page keeps its place for the checks
	// that span files: a link to it, a related list naming it and its
	// translations are not reported as pointing nowhere. Its page is not
	// in the Site Load returns, nor are its translations, and its own
	// problems are not reported: the caller has them from the Load that
	// found them. The preview leaves out the files it cannot stand in
	// for, so that one broken page does not take down the pages around
	// it. The home page, index.md, is never left out; leaving out
	// another language's (index.es.md) leaves that language out.
	LeftOut map[string]bool
}

// MaxFileSize is the largest content file Load reads. A condition page is a
// few kilobytes; anything this large is a mistake (a pasted image, a log).
const MaxFileSize = 1 << 20

// MaxSiteSize is how many bytes of content files Load reads in all: ten
// times what 10,000 generous condition pages take, and a bound on the
// memory one load can use.
const MaxSiteSize = 256 << 20

// Load reads, validates and renders the content tree in fsys. On success it
// returns the site, with any warnings in Site.Warnings. Otherwise it returns
// a nil site and an error of type Problems listing every problem found,
// errors and warnings alike, sorted.
func Load(fsys fs.FS, opts Options) (*Site, error) {
	if opts.URLs == nil {
		return nil, errors.New("content: Options.URLs is not set: pass route.Names{}, the map of the site")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	reader := guard.NewReader(guard.Limits{File: MaxFileSize, Total: MaxSiteSize})
	defer reader.Close()
	l := &loader{fsys: fsys, opts: opts, reader: reader, failed: map[string]bool{}, out: map[string]bool{}, sources: newSources(), oldAddresses: map[string]*Condition{}}
	site := l.load()
	l.sources.finish()
	site.Sources = l.sources
	opts.Cache.prune()
	l.dropLeftOut()
	if l.list.Count(Error) > 0 {
		return nil, l.list.Sorted()
	}
	site.Warnings = l.list.Sorted()
	return site, nil
}

type loader struct {
	fsys   fs.FS
	opts   Options
	reader *guard.Reader // every file is read through it (see package guard)
	list   Problems
	md     *Markdown
	phones string // the numbers md links and the reading grade: what parsing depends on, as a cache key
	grade  int    // the reading grade pages should not exceed
	// failed holds the paths of the pages whose files have errors: links
	// to them are not reported again as links to nowhere.
	failed map[string]bool
	// out holds the keys ("conditions/sciatica") of the pages in the
	// default language that are not in the site, because their files
	// have errors or Options.LeftOut names them: their translations are
	// left out with them, without a word (see leaveOut).
	out map[string]bool
	// translating is set while the loader reads another language than
	// the default (see translation).
	translating bool
	sources     *Sources // every file read, shared by the loaders of one Load
	// oldAddresses holds each old address (redirect_from) met so far, in
	// any language, with the condition that lists it (checkOldAddresses).
	oldAddresses map[string]*Condition
}

func (l *loader) ps(rel string) problems {
	return problems{path: path.Join(l.opts.Dir, rel), list: &l.list}
}

func (l *loader) load() *Site {
	site := &Site{}
	if data, ok := l.read("site.yaml"); ok {
		site.Config, _ = decodeConfig(data, l.isCode, l.ps("site.yaml"))
	}
	if len(site.Config.Languages) == 0 {
		site.Config.Languages = []*Language{defaultLanguage()} // site.yaml is broken, and reported
	}
	site.Lang = site.Config.Languages[0]
	site.Images = l.opts.Images
	if site.Images == nil {
		site.Images = scanImages(l.fsys)
	}
	l.md = newMarkdown(site.Config.Phone, site.Config.Emergency, site.Images)
	l.grade = site.Config.ReadingGrade
	l.phones = site.Config.Phone + "\x00" + site.Config.Emergency + "\x00" + strconv.Itoa(l.grade) + "\x00" + site.Images.Digest()
	if home, ok := l.page("index.md", decodeHome); ok {
		site.Home = home
	}
	conditions, condTrans := l.byLanguage(l.markdownFiles("conditions"), site.Config)
	pages, pageTrans := l.byLanguage(l.markdownFiles("pages"), site.Config)
	for _, r := range l.conditions(conditions) {
		l.list = append(l.list, r.problems...)
		if r.ok && !l.leftOut(r.rel) {
			site.Conditions = append(site.Conditions, r.c)
		} else {
			l.leaveOut(kindCondition, r.rel, r.c.Slug)
		}
	}
	if len(site.Conditions) == 0 && l.list.Count(Error) == 0 {
		l.ps("conditions").errorf(1, 1, "there are no conditions: add at least one Markdown file to the conditions folder (relief new \"Title\" writes one)")
	}
	for _, rel := range pages {
		p := &Page{}
		if cached(l, rel, p, func(data []byte) bool { return l.parse(rel, data, p, decodePage) }) && !l.leftOut(rel) {
			site.Pages = append(site.Pages, p)
		} else {
			l.leaveOut(kindPage, rel, p.Slug)
		}
	}
	l.index(site, nil)
	l.synonyms(site, SynonymsFile)
	l.validate(site)
	for _, lang := range site.Config.Languages[1:] {
		if ts := l.translation(site, lang, condTrans[lang.Code], pageTrans[lang.Code]); ts != nil {
			site.Translations = append(site.Translations, ts)
		}
	}
	return site
}

// leftOut reports whether Options.LeftOut names the file rel. The home
// page is never left out.
func (l *loader) leftOut(rel string) bool {
	return rel != "index.md" && l.opts.LeftOut[rel]
}

// leaveOut notes that the page of the file rel, of the given kind, is not
// in the site: its file has errors, or Options.LeftOut names it. Links to
// its address (by slug, else by its file's name) are then not reported,
// since the file's own problems say what is wrong, and a translation of
// it is left out with it instead of being reported as a translation of
// nothing.
func (l *loader) leaveOut(kind, rel, slug string) {
	_, original := l.fileLang(rel)
	l.failed[l.opts.URLs.URL(kind, cmp.Or(slug, strings.TrimSuffix(path.Base(original), ".md")))] = true
	if !l.translating {
		l.out[strings.TrimSuffix(original, ".md")] = true
	}
}

// dropLeftOut forgets the problems in the files Options.LeftOut names.
func (l *loader) dropLeftOut() {
	if len(l.opts.LeftOut) == 0 {
		return
	}
	out := map[string]bool{}
	for rel := range l.opts.LeftOut {
		if l.leftOut(rel) {
			out[l.ps(rel).path] = true
		}
	}
	l.list = slices.DeleteFunc(l.list, func(p Problem) bool { return out[p.Path] })
}

// index sorts the site's conditions and pages and gives each condition
// its address; less orders titles (nil: by their lower-case letters).
func (l *loader) index(site *Site, less func(a, b string) int) {
	if less == nil {
		less = func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) }
	}
	slices.SortFunc(site.Conditions, func(a, b *Condition) int {
		return cmp.Or(less(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
	})
	slices.SortFunc(site.Pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title))
	})
	site.bySlug = make(map[string]*Condition, len(site.Conditions))
	for _, c := range site.Conditions {
		c.url = l.opts.URLs.URL(kindCondition, c.Slug)
		if site.bySlug[c.Slug] == nil {
			site.bySlug[c.Slug] = c
		}
	}
}

// parsedCondition is one condition file, parsed on its own.
type parsedCondition struct {
	rel      string
	c        *Condition
	ok       bool
	problems Problems
}

// conditions parses the condition files on every CPU: a site may have
// thousands, and parsing is independent per file. Each file gets its own
// loader for its problems; the caller merges them in file order, so the
// output does not depend on scheduling.
func (l *loader) conditions(files []string) []parsedCondition {
	out := make([]parsedCondition, len(files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, rel := range files {
		g.Go(func() error {
			w := &loader{fsys: l.fsys, opts: l.opts, reader: l.reader, md: l.md, phones: l.phones, grade: l.grade, translating: l.translating, sources: l.sources}
			c := &Condition{}
			ok := cached(w, rel, c, func(data []byte) bool {
				return w.parse(rel, data, &c.Page, func(doc *document, p *Page, ps problems) { decodeCondition(doc, c, ps) })
			})
			out[i] = parsedCondition{rel, c, ok, w.list}
			return nil
		})
	}
	g.Wait()
	return out
}

// Reads reports whether Load reads the file rel, a slash-separated path
// inside the content folder: site.yaml, index.md, synonyms.yaml, and the
// .md files (not dot-files) directly inside conditions/ and pages/, with
// their translations: index.es.md beside index.md, synonyms.es.yaml
// beside synonyms.yaml, and the strings files i18n/<code>.yaml. Other
// files Load at
// most lists, to warn that they are ignored; the preview never reads them.
func Reads(rel string) bool {
	dir, name := path.Split(rel)
	switch dir {
	case "":
		return name == "site.yaml" || isOrTranslates(name, "index.md") || isOrTranslates(name, SynonymsFile)
	case "i18n/":
		return strings.HasSuffix(name, ".yaml") && !guard.Hidden(name)
	case "conditions/", "pages/":
		return strings.HasSuffix(name, ".md") && !guard.Hidden(name)
	}
	return false
}

// isOrTranslates reports whether name is the file original or a
// translation of it: index.md, index.es.md (LangFile).
func isOrTranslates(name, original string) bool {
	ext := path.Ext(original)
	base := strings.TrimSuffix(original, ext) + "."
	code, ok := strings.CutPrefix(name, base)
	if name == original || !ok {
		return name == original
	}
	code, ok = strings.CutSuffix(code, ext)
	return ok && code != "" && !strings.Contains(code, ".")
}

// read returns a file's bytes, reporting a missing file and every file
// package guard refuses to read (a link, a pipe, a file too big).
func (l *loader) read(rel string) ([]byte, bool) {
	data, _, ok := l.readSummed(rel)
	return data, ok
}

// readSummed is read, returning the SHA-256 of the bytes too.
func (l *loader) readSummed(rel string) ([]byte, [sha256.Size]byte, bool) {
	data, err := l.reader.ReadFile(l.fsys, rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.ps(rel).errorf(1, 1, "the file is missing: every site needs %s (see README.md, \"Content model\")", rel)
		return nil, [sha256.Size]byte{}, false
	case err != nil:
		l.ps(rel).errorf(1, 1, "cannot read the file: %s", reason(err))
		return nil, [sha256.Size]byte{}, false
	}
	return data, l.sources.add(path.Join(l.opts.Dir, rel), rel, data), true
}

// reason is err without the file name, which problems already start with.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// markdownFiles lists the .md files in dir, warning about anything else.
// A missing dir is fine: it has no files.
func (l *loader) markdownFiles(dir string) []string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.ps(dir).errorf(1, 1, "cannot read the folder: %s", reason(err))
	}
	var files []string
	for _, e := range entries {
		rel := path.Join(dir, e.Name())
		switch {
		case guard.Hidden(e.Name()):
			// Editors' swap and backup files; not the therapist's content.
		case e.IsDir() || !strings.HasSuffix(e.Name(), ".md"):
			l.ps(rel).warnf(1, 1, "ignored: only .md files in %s/ become pages (rename it to end in .md, or move it out)", dir)
		default:
			files = append(files, rel)
		}
	}
	return files
}

// page reads and parses a single Markdown file that must exist.
func (l *loader) page(rel string, decode func(*document, *Page, problems)) (*Page, bool) {
	p := &Page{}
	data, ok := l.read(rel)
	return p, ok && l.parse(rel, data, p, decode)
}

// parse parses data, the file rel, into p: frontmatter, defaults, and the
// rendered body. It reports whether the file could be read as a page at
// all; a page with mistakes in its fields (an unknown key, a wrong type)
// still takes part in the checks that span files, so that the therapist
// sees every problem at once. Load fails whenever any error was found, so
// such a page is never served.
func (l *loader) parse(rel string, data []byte, p *Page, decode func(*document, *Page, problems)) bool {
	ps := l.ps(rel)
	doc, ok := parseDocument(data, ps)
	if !ok {
		p.Slug = WrittenSlug(data) // for leaveOut: links to it are not its mistake
		return false
	}
	p.Path = ps.path
	decode(doc, p, ps)
	if !p.Draft {
		checkScaffold(data, ps)
	}
	_, original := l.fileLang(rel)
	p.Key = strings.TrimSuffix(original, ".md")
	p.keys = p.keys[:0]
	for _, f := range doc.Fields {
		p.keys = append(p.keys, f.Key)
	}
	if p.Slug == "" {
		p.Slug = path.Base(p.Key)
	}
	if !validSlug(p.Slug) && rel != "index.md" {
		at, good := fieldPos(doc, "slug"), Slugify(p.Slug)
		fix := fmt.Sprintf("rename the file to %s.md, or write slug: %s at the top of the page", good, good)
		if slices.ContainsFunc(doc.Fields, func(f field) bool { return f.Key == "slug" }) {
			fix = "change it to slug: " + good
		}
		ps.errorf(at.Line, at.Col, "%q cannot be the page's web address, which may have only lowercase letters, digits and hyphens: %s", p.Slug, fix)
	}
	r, err := l.renderCached(doc.Body, p.imageName == "")
	if err != nil {
		ps.errorf(doc.BodyLine, 1, "%v", err)
		return false
	}
	p.Body, p.Headings, p.Passages, p.links, p.hasCaution = r.HTML, r.Headings, r.Passages, r.Links, r.HasCaution
	p.bodyLine = doc.BodyLine
	p.callouts, p.headLines = r.callouts, r.headingLines
	p.imageAt = fieldPos(doc, "image")
	if p.imageName == "" {
		p.imageAt = fieldPos(doc, "image_alt")
	}
	p.titleAt, p.summaryAt, p.menuAt, p.slugAt = fieldPos(doc, "title"), fieldPos(doc, "summary"), fieldPos(doc, "menu"), fieldPos(doc, "slug")
	l.warnPage(p, doc, r.Blank, ps)
	if !p.Draft && !l.translating {
		warnProse(p, doc.Body, r.sentences, l.grade, ps) // its measures and words are English
	}
	return true
}

// warnPage reports what makes a page worse but not broken; blank tells
// that its body has no text.
func (l *loader) warnPage(p *Page, doc *document, blank bool, ps problems) {
	if n := utf8.RuneCountInString(p.Summary); n > 160 {
		at := fieldPos(doc, "summary")
		ps.warnf(at.Line, at.Col, "summary is %d characters long: search engines cut it after about 160, so shorten it", n)
	}
	if blank {
		ps.warnf(doc.BodyLine, 1, "the page has no text below its frontmatter: write the page, or mark it draft: true")
	}
}

// scanImages scans the images folder of the content tree fsys (none is an
// empty library).
func scanImages(fsys fs.FS) *images.Library {
	sub, err := fs.Sub(fsys, images.Folder)
	if err != nil {
		return images.Scan(nil)
	}
	return images.Scan(sub)
}

// Package content loads the practice's website content from a folder of
// Markdown files, validates all of it, and renders every page's Markdown to
// HTML once.
//
// A content tree looks like this:
//
//	site.yaml              the practice: name, contact details, disclaimer, body regions
//	index.md               the home page body
//	conditions/<file>.md   one condition page each ("Sciatica")
//	pages/<file>.md        plain pages (About, Contact)
//
// Content knows nothing of HTTP or of the site's addresses: the caller
// hands it the map of the site (Options.URLs, route.Names in production),
// which gives each condition its URL, says what a Markdown link's path
// names, and which slugs the site keeps for itself.
//
// Every file starts with frontmatter, in YAML between "---" lines or in TOML
// between "+++" lines. Frontmatter is decoded strictly: an unknown key, a
// value of the wrong type or a missing required field is a Problem that names
// the file, the line and column of the offending key, and what to do about it.
//
// The keys are declared once, in schema.go: Fields lists every frontmatter
// key with its type, whether it is required, the kinds of file that take
// it (KindHome, KindCondition, KindPage), one line of help and an example.
// The loader decodes and validates by that list, "did you mean" suggests
// from it, relief new writes its scaffold from it, a test holds the
// README's frontmatter table to it, and a form can be built from it.
//
// Load reads the whole tree and either returns a complete *Site or an error
// of type Problems listing every mistake it found, sorted by file and line.
// It never returns half a site, unless its caller asks for one:
// Options.LeftOut names files to keep out of the site but in the checks
// that span files (the preview's broken pages). A page whose file does
// not read is reported once, in that file: links to it, related lists
// naming it and its translations are not reported again. Warnings (a long summary, a page overdue for
// review) do not stop loading; they are kept in Site.Warnings.
//
// The pieces: frontmatter.go splits a file and decodes its frontmatter into
// positioned fields, and yamlwords.go puts YAML and TOML mistakes in plain
// words at their exact line and column; fields.go turns fields into typed
// values, by the schema of schema.go; markdown.go renders the body with
// goldmark and collects its headings, links, callouts and sentences;
// load.go walks the tree and validate.go checks everything that spans files; position.go turns byte
// offsets into lines and columns from one index per text, so that no input
// makes parsing slower than linear. scaffold.go writes the page relief new
// starts from and recognises its prompts on a published page. visitors.go
// and readability.go hold the warnings that protect visitors: a page no one
// can reach, a condition without an urgent-care box, text above the site's
// reading grade, words that promise a cure. Every file is read through
// package guard: ordinary files only, no links, sizes checked before
// reading (MaxFileSize, MaxSiteSize). cache.go (in memory, for the
// preview), parsedcache.go (each condition and plain page file's parse,
// on disk between runs; see package cache) and diskcache.go (rendered
// Markdown, on disk) remember parse and render results so that only
// changed files are parsed again: every file is still read on every
// load, a file's parse is taken from the cache only for its exact bytes
// and this very program, and every check that spans files still runs. sources.go records the digest of
// every file read (Site.Sources), so that the caches of what is made from
// the site can tell what changed without reading anything again.
package content

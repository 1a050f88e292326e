// Package site renders a loaded content.Site into the bytes of every
// response the website gives, once, before anything is served.
//
// Build executes the html/template layouts from a templates folder for each
// kind of page the map of the site gives a template (route.Route.Template:
// home, the indexes, a condition, an area, symptoms, a plain page, search,
// the 404 page) and fingerprints the static assets. The result, a *Site, is
// immutable: a request only looks its bytes up. Reloading content means
// building a new Site and swapping it in whole.
//
// Templates live in a folder laid out as
//
//	layouts/base.html      the one page layout, with blocks "title", "head", "main"
//	partials/*.html        shared pieces: header, footer, call to action, cards
//	<kind>.html            one per page kind, named by route.Route.Template:
//	                       home, conditions, condition, areas, area,
//	                       symptoms, page, search, 404
//
//	words.yaml             the words of the pages the site makes itself
//	                       (titles, descriptions, breadcrumbs, the date
//	                       layout, the 500 page, the export's "This page
//	                       has moved"): see words.go
//
// and may call the functions in funcs.go (asset, tel, date, ...). A
// template writes {{part "footer" .}} for a partial that most pages show
// the same (the header, the footer, the call to action): part gives what
// {{template "footer" .}} gives, made once per site for all the pages
// that give the partial the same fields, found from its parse tree
// (parts.go). The header marks the link to the page it is on by the
// view's NavPath, not its Path, so that it is the same on every page its
// links do not point to. Likewise {{item "card" .}} gives what
// {{template "card" .}} gives for a value of the content (a condition, a
// body area, a page, a string), made once per value while the site is
// built (items.go): a condition's card on every page it is related to,
// its link under each of its symptoms, a symptom's tag. The JSON-LD of a
// page is written from structs (seo.go).
//
// Build returns once every page is rendered, with its identity ETag: a
// site is served from then on. The pages of a language are rendered in
// one batch on every CPU (renderAll), the long lists (the conditions
// index, the symptoms) beside the condition pages, and kept in a fixed
// order. The gzip form of every body is made in the
// background next (Site.Gzipped), then the brotli form (Site.Compressed),
// on every CPU; until a form is made a client gets one that is (the body
// as it is, then gzip), and a page keeps only its compressed forms once
// both are made (encode.go, plain.go).
//
// With a disk cache (Options.Disk), a page whose template, words, static
// files, pictures, settings, own file and the frontmatter of every
// condition are as they were in an earlier run is taken from the page
// cache, with its ETag and compressed forms, instead of being rendered
// and compressed again (pagecache.go); the content is still read and
// checked in full first.
//
// The search results page is the one page made per request, and made
// cheaply: it shows the first ShownHits results, says how many matched
// and links to the page of all of them (?all=1), so only the results
// shown are described (search.go); its list of results is written in Go
// with html/template's escaping (search_rows.go, the markup in
// testdata/results.html); the page is made from a shell, the whole page
// made once per site at the first search and cut where it depends on the
// query (search_shell.go): a page with results fills in the query, the
// count, the list and the link, other pages the query and their "main"
// part, executed; and the pages made last are kept by query
// (recent.go) until the site is swapped. Each is proven byte for
// byte equal to the whole template's page by a test.
package site

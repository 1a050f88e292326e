// Package route is the map of the site: one table (route.go) of every kind
// of page — home, the conditions index, a condition, the areas index, an
// area, symptoms, a plain page, search and its JSON, the sitemap, robots,
// the 404 page and a static file — each with its URL pattern, the file(s)
// it comes from, its template and the kind of response the server's header
// policy gives it.
//
// Every other package asks the map instead of writing an address out:
//
//	URL(Condition, "sciatica")               "/conditions/sciatica"   the URL of a page
//	Parse("/conditions/sciatica")            Ref{Condition, "sciatica"}  the page of a URL
//	File(Ref{Condition, "sciatica"})         "conditions/sciatica.md" the file behind a URL
//	ForFile("conditions/sciatica.md", "")    Ref{Condition, "sciatica"}  the page a file produces
//	Routes()                                 the table, in the order a router tries it
//
// So "which file produces /conditions/sciatica, with which template and
// which headers" is answered here (conditions/sciatica.md, condition.html,
// "page"), with the headers of "page" in internal/server/policy.go.
//
// The server registers Routes() with its router (internal/server/routes.go)
// and dispatches on Kind; site renders each kind with its Template at
// URL(kind, param); export writes each URL to its file; the preview finds
// the page of a saved file with ForFile. Package content knows nothing of
// URLs: it is handed them (content.Options.URLs).
//
// The package knows the shape of addresses, not the site: whether a
// condition "sciatica" exists is the loaded content's to say.
package route

// Package server answers HTTP requests from a pre-rendered site.Site.
//
// The site's URLs are the map of the site (package route); routes.go
// registers each of its patterns with the router and dispatches on the
// page's kind with the route's parameter, and adds the server's own paths
// (/healthz, the preview's /_relief/events) and the final-slash
// redirects. Nothing else knows the router.
// Handlers only look bytes up in the current site and write them: no
// Markdown or template work happens during a request. The current site is
// held in an atomic pointer, so Swap replaces the whole site at once and an
// in-flight request always sees one consistent version.
//
// Every header that is a decision (Cache-Control, the Content-Security-Policy
// and the other security headers, Vary, HSTS, the ETag rules) is in
// policy.go: a table by kind of response (Page, Redirect, Fingerprinted,
// Search, NotFound, Private, Events, Editor), each value with its reason.
// Handlers only say which kind they send.
//
// Around the router (server.go, middleware.go, log.go, host.go), every
// request that failed on our side or was slow is logged on one line (every
// request with Options.AccessLog), with the fields a client chooses cut to
// a bounded length; gets the security headers; is checked against
// Options.AllowHost when it is set (the preview); and is refused before
// routing when its method, query or path is not one the site answers.
package server

// Package server answers HTTP requests from a pre-rendered site.Site.
//
// Every URL the site has is in routes.go; nothing else knows the router.
// Handlers only look bytes up in the current site and write them: no
// Markdown or template work happens during a request. The current site is
// held in an atomic pointer, so Swap replaces the whole site at once and an
// in-flight request always sees one consistent version.
package server

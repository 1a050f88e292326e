package server

import (
	"net/http"
	"strconv"
	"time"
)

// This file is the server's whole header policy: which headers each kind
// of response carries, and why. Handlers name the kind of what they send
// (policy.apply); nothing else in the server, or in the packages it
// serves for (dev's live-reload stream), sets a caching or security header.

// Kind is what a response is, as far as its headers go. Every response the
// server sends is of exactly one kind.
type Kind uint8

const (
	// Page is a pre-rendered page (home, the indexes, a condition, an
	// area, a plain page, sitemap.xml, robots.txt) or a static file under
	// its plain name (/static/site.css).
	Page Kind = iota
	// Redirect is a permanent redirect: /conditions to /conditions/, a
	// trailing slash, an old path of redirect_from.
	Redirect
	// Fingerprinted is a static file under its fingerprinted name
	// (/static/site.3f2a9c1b.css), whose bytes never change.
	Fingerprinted
	// Search is the search page and search.json: made per query.
	Search
	// NotFound is the 404 page, with its suggestion for the path asked.
	NotFound
	// Private is what no one should keep: /healthz, refusals (400, 404
	// for dot-files, 405, 414, 421) and the 500 page.
	Private
	// Events is the preview's live-reload stream (/_relief/events).
	Events
	// Editor is the therapist's browser editor (every path under
	// /_relief/ but the events stream): its pages show drafts and unsaved
	// work.
	Editor

	numKinds
)

var kindNames = [numKinds]string{"page", "redirect", "fingerprinted", "search", "not found", "private", "events", "editor"}

// String returns the kind's name, as the map of the site (route.Route.Cache)
// and the tests write it.
func (k Kind) String() string { return kindNames[k] }

// kindNamed returns the kind called name, and false for no kind.
func kindNamed(name string) (Kind, bool) {
	for k, n := range kindNames {
		if n == name {
			return Kind(k), true
		}
	}
	return Private, false
}

// Cache-Control values. cachePage is a placeholder for the one value the
// therapist chooses (-cache-max-age, Options.CacheMaxAge).
const (
	cachePage = "" // "public, max-age=<CacheMaxAge>", or "no-cache" when it is zero

	// A fingerprinted name changes whenever its bytes do, so a browser
	// may keep it for a year and never ask again.
	cacheForever = "public, max-age=31536000, immutable"
	// Revalidate every time (cheap with the ETag, or small): search
	// results change with every reload, and a 404 may become a page the
	// moment the therapist adds it.
	cacheRevalidate = "no-cache"
	// Keep nothing anywhere: health answers, errors, refusals and private
	// pages are about this moment or this person.
	cacheNever = "no-store"
)

// rule is the policy for one kind of response.
type rule struct {
	cache string            // Cache-Control (cachePage: the configured one)
	extra map[string]string // headers beyond the ones every response gets
}

// rules is the table of the policy, by kind.
var rules = [numKinds]rule{
	// Pages may be kept for -cache-max-age (5 minutes by default): short
	// enough that a correction reaches visitors soon, long enough to spare
	// a phone on a slow network the round trip while it browses.
	Page: {cache: cachePage},
	// A redirect is as lasting as the page it points to.
	Redirect:      {cache: cachePage},
	Fingerprinted: {cache: cacheForever},
	// Search, NotFound, Private and Events are made per request, some
	// from what the client sent (the query, the path): nosniff too.
	Search:   {cache: cacheRevalidate, extra: madePerRequest},
	NotFound: {cache: cacheRevalidate, extra: madePerRequest},
	Private:  {cache: cacheNever, extra: madePerRequest},
	// A stream is never a document to keep.
	Events: {cache: cacheNever, extra: madePerRequest},
	// The editor shows drafts and unsaved work: never kept by a browser
	// or proxy, never indexed by a search engine even if its address leaks.
	// Its CSP replaces the public one: see editorSecurityPolicy. It is the
	// one part of the site that runs scripts and changes anything, behind
	// a login: every header that guards a page with scripts is here.
	Editor: {cache: cacheNever, extra: map[string]string{
		"X-Robots-Tag":            "noindex, nofollow",
		"Content-Security-Policy": editorSecurityPolicy,
		"X-Frame-Options":         "SAMEORIGIN",
		"X-Content-Type-Options":  nosniff,
		"Permissions-Policy":      permissionsPolicy,
	}},
}

// madePerRequest is what a response made per request carries beyond the
// headers every response gets. The editor's rule carries it too.
var madePerRequest = map[string]string{"X-Content-Type-Options": nosniff}

// Headers every response carries, whatever its kind, are the CSP and the
// Referrer-Policy (and HSTS over TLS); the kinds add theirs (rules).
//
// A page with gzip sends eight header lines: the body's five
// (Content-Type, Content-Length, Content-Encoding, Vary, ETag),
// Cache-Control, the CSP and the Referrer-Policy. Past eight, net/http's
// header map and the copy it makes at WriteHeader grow into tables, 1.2 kB
// more garbage on every response (TestPageHeaderCount holds the line).
// Public pages therefore do not send, each for its reason:
//   - X-Frame-Options: the CSP's frame-ancestors 'none' says the same to
//     every current browser; the editor, which the site itself may frame,
//     sends SAMEORIGIN beside frame-ancestors 'self'.
//   - Permissions-Policy: public pages run no script, so nothing on them
//     can ask for the camera, the location or an ad topic; the editor,
//     which runs scripts, denies them all.
//   - X-Content-Type-Options: a page, a redirect and a static file are
//     bytes made at build time with the type of their file; responses
//     made per request, some from what the client sent (search, 404,
//     refusals, errors, the editor), send nosniff (madePerRequest).
//
// The Referrer-Policy stays though browsers now default to the same value:
// the address of a condition page is about a visitor's health, and older
// browsers would send it whole to any site a page links to.
const (
	// contentSecurityPolicy allows nothing inline and nothing from other
	// hosts: the site's own CSS and scripts only, so an injected tag can
	// do nothing. JSON-LD blocks are data, not scripts, so script-src
	// does not apply to them. frame-ancestors keeps the site out of
	// other sites' frames (clickjacking); base-uri and form-action keep
	// links and the search form on the site.
	contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
		"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
	// editorSecurityPolicy is the public policy with one change: the
	// editor shows its preview (a page rendered by the real templates) in
	// a frame of its own page, so editor responses may be framed by the
	// site itself (frame-ancestors 'self', and X-Frame-Options SAMEORIGIN
	// beside it), never by another site. Scripts and styles still come
	// only from the binary's own files: no 'unsafe-inline' (CodeMirror's
	// styles go in through constructed stylesheets, which style-src does
	// not govern), no other host. Public pages never carry it.
	editorSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
		"frame-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'"
	// permissionsPolicy denies the browser features the site never uses,
	// so no script, ours or injected, can ask a visitor for them.
	permissionsPolicy = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), " +
		"microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
	// nosniff: a browser takes each file for the type we say, never runs
	// a text file as a script.
	nosniff = "nosniff"
	// The address of a condition page says something about a visitor's
	// health: other sites learn only that a visitor came from here.
	referrerPolicy = "strict-origin-when-cross-origin"
	// hsts, over TLS only: browsers come back over HTTPS for two years.
	// Not over plain HTTP, where it means nothing, nor for subdomains,
	// which the practice may not control.
	hsts = "max-age=63072000"
)

// Headers of compressed responses.
const (
	// varyEncoding: a response built in several encodings varies with
	// Accept-Encoding, so that a shared cache never gives brotli to a
	// browser that asked for none. Sent on the 304 too.
	varyEncoding = "Accept-Encoding"
)

// ETag rules (applied in encoding.go): every pre-rendered body has a strong
// ETag made from its bytes, a different one per encoding (a cache must not
// mix gzip and brotli up), sent on the 200 and the 304; If-None-Match is
// compared weakly, as RFC 9110 asks. Responses made per request (search,
// 404, errors) have none.

// policy is the header table made concrete for one server: every value a
// ready, shared slice assigned straight into the header map (http.Header
// Set would allocate on every request). Nothing modifies them: net/http
// only reads a response's values (Header.Clone at WriteHeader copies them
// into a slice of its own, writeSubset reads them), Del removes the key,
// not the value, and each slice is full (length = capacity), so even an
// Add by a handler appends into a new array.
type policy struct {
	cache  [numKinds][]string
	extra  [numKinds][]header
	common []header
	hsts   []string
	vary   []string
	gzip   []string // Content-Encoding values, not decisions: ready like the rest
	br     []string
}

// header is one header's canonical name and its value, ready to assign.
type header struct {
	name  string
	value []string
}

// newPolicy returns the policy for pages that may be cached for maxAge
// (zero or less: always revalidate).
func newPolicy(maxAge time.Duration) *policy {
	page := cacheRevalidate
	if secs := int64(maxAge / time.Second); secs > 0 {
		page = "public, max-age=" + strconv.FormatInt(secs, 10)
	}
	p := &policy{
		common: []header{
			{"Content-Security-Policy", []string{contentSecurityPolicy}},
			{"Referrer-Policy", []string{referrerPolicy}},
		},
		hsts: []string{hsts},
		vary: []string{varyEncoding},
		gzip: []string{"gzip"},
		br:   []string{"br"},
	}
	for k, r := range rules {
		cache := r.cache
		if cache == cachePage {
			cache = page
		}
		p.cache[k] = []string{cache}
		for name, v := range r.extra {
			p.extra[k] = append(p.extra[k], header{http.CanonicalHeaderKey(name), []string{v}})
		}
	}
	return p
}

// secure sets the headers every response carries, and HSTS over TLS. The
// middleware calls it before routing, so refusals get them too.
func (p *policy) secure(h http.Header, tls bool) {
	for _, c := range p.common {
		h[c.name] = c.value
	}
	if tls {
		h["Strict-Transport-Security"] = p.hsts
	}
}

// apply sets the headers of a response of kind k.
func (p *policy) apply(h http.Header, k Kind) {
	h["Cache-Control"] = p.cache[k]
	for _, e := range p.extra[k] {
		h[e.name] = e.value
	}
}

// wrap returns next with the headers of kind k set before it runs.
func (p *policy) wrap(k Kind, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.apply(w.Header(), k)
		next.ServeHTTP(w, r)
	})
}

package main

import (
	"cmp"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"

	"github.com/relief-massage/relief/internal/auth"
	"github.com/relief-massage/relief/internal/server"
)

// editorSetup is what decides whether relief serve runs the browser
// editor, and how it is guarded.
type editorSetup struct {
	content string // the content folder; "" (the built-in content) keeps the editor off
	state   string // the state folder with the accounts and sessions
	addr    string // the listen address
	tls     bool   // relief serves HTTPS itself (-tls-cert, -acme-domain)
	proxied bool   // a trusted proxy in front serves HTTPS (-trusted-proxy)
	dev     bool   // relief serve -dev
	devUser string // the name edits are made under in -dev without accounts
}

// guardEditor returns editor guarded for setup (behind the login, or
// auth.NoLogin), or nil when the editor is off (every /_relief/ editor URL
// is then 404). It is on when the site is served from a content folder and
// there is at least one account (see relief user add), on a listener
// auth.CheckListener accepts; or in -dev on a loopback address, where it
// needs no accounts. Why it is off is logged. srv returns the server,
// which may be made after this (it is asked only while serving), for the
// client's address and the site's stylesheet.
func guardEditor(s editorSetup, editor http.Handler, srv func() *server.Server, logger *slog.Logger) http.Handler {
	if s.content == "" {
		return nil
	}
	users := auth.OpenUsers(s.state)
	names, err := users.List()
	if err != nil {
		logger.Error("the browser editor is off: the accounts file has a mistake", "error", err)
		return nil
	}
	if len(names) == 0 {
		if s.dev && auth.CheckListener(s.addr, false, false) == nil {
			logger.Info("browser editor: open /_relief/edit/ (no login in the preview on this computer)", "user", s.devUser)
			return auth.NoLogin(s.devUser, editor)
		}
		logger.Info("the browser editor is off: there are no accounts (add one with relief user add NAME)", "accounts", users.Path())
		return nil
	}
	if err := auth.CheckListener(s.addr, s.tls, s.proxied); err != nil {
		logger.Error(err.Error())
		return nil
	}
	svc, err := auth.New(auth.Options{
		StateDir: s.state, Secure: s.tls || s.proxied, Logger: logger,
		ClientAddr: func(r *http.Request) string { return srv().ClientAddr(r) },
		Asset:      func(name string) string { return siteAsset(srv(), name) },
	})
	if err != nil {
		logger.Error("the browser editor is off", "error", err)
		return nil
	}
	logger.Info("browser editor: log in at /_relief/login", "accounts", len(names), "state", s.state)
	return svc.Wrap(editor)
}

// withEditor sends every URL under /_relief/ but the preview's
// /_relief/events to editor, and the rest to site. With a nil editor it
// is site.
//
// PLACEHOLDER until i12b's server.Options.Editor lands: the server then
// mounts the editor itself, with the policy's Editor row and its request
// log; set Options.Editor to guardEditor's handler and delete this
// function.
func withEditor(site, editor http.Handler) http.Handler {
	if editor == nil {
		return site
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/_relief/") || r.URL.Path == "/_relief/events" {
			site.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Robots-Tag", "noindex, nofollow")
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		editor.ServeHTTP(w, r)
	})
}

// placeholderPage is the placeholder editor's one page.
var placeholderPage = template.Must(template.New("soon").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>The editor · the website</title>{{with .Icon}}<link rel="icon" href="{{.}}" type="image/svg+xml">{{end}}{{with .CSS}}<link rel="stylesheet" href="{{.}}">{{end}}</head>
<body><main id="main" class="wrap editor-login"><h1>The editor is on its way</h1>
<p>You are logged in as <strong>{{.User}}</strong>. Editing pages in the browser comes with the next version of relief.</p>
<form method="post" action="/_relief/logout" class="editor-form"><p><button type="submit" class="button">Log out</button></p></form>
<p><a href="/">Go to the website</a></p></main></body></html>
`))

// placeholderEditor stands in for the editor (package editor, i12b)
// until it lands: a page saying it is on its way, at /_relief/edit/.
// PLACEHOLDER: replace with editor.New at merge, and delete.
func placeholderEditor(srv *server.Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/_relief/edit/" {
			http.NotFound(w, r)
			return
		}
		css, icon := siteAsset(srv, "css/site.css"), siteAsset(srv, "favicon.svg")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := placeholderPage.Execute(w, map[string]string{"User": cmp.Or(auth.User(r.Context()), "you"), "CSS": css, "Icon": icon}); err != nil {
			fmt.Fprintln(w, err)
		}
	})
}

// siteAsset returns the URL of the site's static file name, or "".
func siteAsset(srv *server.Server, name string) string {
	st := srv.Site()
	if st == nil || st.Assets == nil {
		return ""
	}
	u, _ := st.Assets.URL(name)
	return u
}

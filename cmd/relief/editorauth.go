package main

import (
	"log/slog"
	"net/http"

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

// siteAsset returns the URL of the site's static file name, or "".
func siteAsset(srv *server.Server, name string) string {
	st := srv.Site()
	if st == nil || st.Assets == nil {
		return ""
	}
	u, _ := st.Assets.URL(name)
	return u
}

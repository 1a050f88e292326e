package auth

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Session keys.
const (
	keyUser  = "user"
	keyLogin = "login" // Unix nanoseconds of the login
	keySeen  = "seen"  // Unix nanoseconds of the last request, to storeSlack
)

// Wrap returns the handler for every URL under /_relief/ (the preview's
// /_relief/events excepted, which the server keeps): LoginPath and
// LogoutPath it serves itself; every other request goes to editor only
// with a valid session, with the user's name in its context (User).
// Without one, a GET or HEAD is sent (303) to the login page, which
// comes back to the same address after logging in; any other method
// gets 403. Every state-changing request, the login form's included,
// must pass http.CrossOriginProtection first.
func (s *Service) Wrap(editor http.Handler) http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case LoginPath:
			s.login(w, r)
		case LogoutPath:
			s.logout(w, r)
		default:
			s.requireSession(editor).ServeHTTP(w, r)
		}
	})
	return crossOrigin(oneCacheControl(s.sessions.LoadAndSave(h)))
}

// oneCacheControl leaves a response the first Cache-Control it was given,
// the server's header policy's (no-store for every editor response):
// package scs adds no-cache="Set-Cookie" to each response that sets the
// session cookie, which no-store covers already, and two Cache-Control
// headers leave a reader wondering which one holds.
func oneCacheControl(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &cacheControlWriter{ResponseWriter: w}
		next.ServeHTTP(cw, r)
		cw.one() // a response with no body nor status written: sent after this returns
	})
}

// cacheControlWriter drops every Cache-Control but the first before the
// header is sent.
type cacheControlWriter struct {
	http.ResponseWriter
	sent bool
}

func (c *cacheControlWriter) one() {
	if c.sent {
		return
	}
	c.sent = true
	if h := c.Header(); len(h.Values("Cache-Control")) > 1 {
		h["Cache-Control"] = h["Cache-Control"][:1]
	}
}

func (c *cacheControlWriter) WriteHeader(code int) {
	c.one()
	c.ResponseWriter.WriteHeader(code)
}

func (c *cacheControlWriter) Write(b []byte) (int, error) {
	c.one()
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (c *cacheControlWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// NoLogin returns the editor for relief serve -dev on a loopback address,
// where whoever can reach the server is at the keyboard: no accounts, and
// every request is user's. The login and logout pages lead to the
// dashboard. Cross-origin state-changing requests are still refused, so
// another website open in the same browser cannot edit through it; and
// only requests whose Host names this computer (localhost, 127.0.0.1,
// [::1]) are answered (421 otherwise), so a website that points its own
// name at 127.0.0.1 (DNS rebinding) cannot either.
func NoLogin(user string, editor http.Handler) http.Handler {
	return crossOrigin(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLoopback(r.Host) {
			http.Error(w, "The editor without a login answers only on this computer: open it at http://localhost (or 127.0.0.1) with the preview's port.", http.StatusMisdirectedRequest)
			return
		}
		if r.URL.Path == LoginPath || r.URL.Path == LogoutPath {
			http.Redirect(w, r, HomePath, http.StatusSeeOther)
			return
		}
		editor.ServeHTTP(w, r.WithContext(WithUser(r.Context(), user)))
	}))
}

// crossOrigin refuses state-changing requests (POST, PUT, DELETE…) that
// a browser says come from another site (Sec-Fetch-Site, or an Origin
// that is not this host), with 403 and a plain explanation.
func crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "This change was sent from another website, so it was refused. To edit, open the editor itself at "+HomePath+" and make the change there.", http.StatusForbidden)
	}))
	return cop.Handler(next)
}

// requireSession passes requests with a valid session to next.
func (s *Service) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := s.sessionUser(r)
		if user != "" {
			next.ServeHTTP(w, r.WithContext(WithUser(r.Context(), user)))
			return
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			http.Redirect(w, r, LoginPath+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if r.Header.Get("Sec-Fetch-Dest") == "document" {
			// A form sent from a page (Save, Restore): the login form itself,
			// which goes back to that page when it can (backTo; else to the
			// list of pages), and the editor offers back what it kept of the
			// typing once the page is opened. The words promise only that.
			s.render(w, http.StatusForbidden, loginView{Title: "Log in again to save", Action: LoginPath, Form: true,
				Error: wordsEnded, Next: backTo(r)})
			return
		}
		http.Error(w, "You are not logged in (or your login has ended), so this was not saved. Log in again at "+LoginPath+" in another tab: the editor keeps what you typed in this browser.", http.StatusForbidden)
	})
}

// backTo is where logging in again after a refused form goes: the page
// the form was on (its Referer, on this host), else the list of pages.
// The address the form was sent to is no page to go back to.
func backTo(r *http.Request) string {
	u, err := url.Parse(r.Referer())
	if err != nil || u.Host != r.Host || u.Path == r.URL.Path {
		return HomePath
	}
	return safeNext(u.RequestURI())
}

// sessionUser returns the user of r's session, or "" when there is none
// or it has ended: idle too long, past its whole lifetime, or its
// account removed. An ended session is destroyed. A live one is marked
// seen (at most once per storeSlack, so the file is not written on
// every request).
func (s *Service) sessionUser(r *http.Request) string {
	ctx := r.Context()
	user := s.sessions.GetString(ctx, keyUser)
	if user == "" {
		return ""
	}
	now := s.now()
	login := time.Unix(0, s.sessions.GetInt64(ctx, keyLogin))
	seen := time.Unix(0, s.sessions.GetInt64(ctx, keySeen))
	_, exists, err := s.users.lookup(user)
	why := ""
	switch {
	case now.Sub(login) >= s.most:
		why = "the longest a login lasts has passed"
	case now.Sub(seen) >= s.idle:
		why = "no use for too long"
	case err != nil:
		s.log.Error("editor: the accounts file cannot be read, so nobody can use the editor until it is fixed", "error", err)
		return ""
	case !exists:
		why = "the account was removed"
	}
	if why != "" {
		s.log.Info("editor session ended", "user", user, "client", s.clientAddr(r), "reason", why)
		s.destroy(ctx)
		return ""
	}
	if now.Sub(seen) >= storeSlack {
		s.sessions.Put(ctx, keySeen, now.UnixNano())
	}
	return user
}

func (s *Service) destroy(ctx context.Context) {
	if err := s.sessions.Destroy(ctx); err != nil {
		s.log.Error("editor: ending a session", "error", err)
	}
}

// safeNext returns next when it is an address inside the editor, or
// HomePath: a login must never send the browser to another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/_relief/") || strings.ContainsAny(next, "\\\r\n") || strings.HasPrefix(next, LoginPath) || strings.HasPrefix(next, LogoutPath) {
		return HomePath
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return HomePath
	}
	return next
}

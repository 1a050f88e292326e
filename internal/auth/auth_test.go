package auth

import (
	"github.com/relief-massage/relief/internal/syncbuf"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	testUser     = "anna"
	testPassword = "correct horse battery"
)

// harness is a Service guarding a stub editor, with a test clock and a
// captured log.
type harness struct {
	t     *testing.T
	svc   *Service
	h     http.Handler
	clock *clock
	log   *syncBuffer
	state string
}

// syncBuffer is the log a server (or child process) writes while the test
// reads it.
type syncBuffer = syncbuf.Buffer

// stubEditor answers with the user it was given.
var stubEditor = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "editor for "+User(r.Context())+" at "+r.URL.Path)
})

func newHarness(t *testing.T, secure bool) *harness {
	t.Helper()
	state := filepath.Join(t.TempDir(), "state")
	u := OpenUsers(state)
	u.p = cheap
	if _, err := u.Add(testUser, testPassword); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, clock: newClock(), log: &syncBuffer{}, state: state}
	h.start(secure)
	return h
}

// start makes a new Service on the harness's state folder, as a restart
// of the server would.
func (h *harness) start(secure bool) {
	h.t.Helper()
	svc, err := New(Options{StateDir: h.state, Secure: secure, Now: h.clock.Now,
		Logger: slog.New(slog.NewTextHandler(h.log, nil)),
		Asset:  func(name string) string { return "/static/" + name + "?v1" }})
	if err != nil {
		h.t.Fatal(err)
	}
	svc.users.p = cheap
	h.svc, h.h = svc, svc.Wrap(stubEditor)
}

// req is one request: method, path, form (for POST), cookie, extra headers.
type req struct {
	method, path string
	form         url.Values
	cookie       *http.Cookie
	header       map[string]string
	remote       string
}

func (h *harness) do(r req) *http.Response {
	h.t.Helper()
	var body io.Reader
	if r.form != nil {
		body = strings.NewReader(r.form.Encode())
	}
	hr := httptest.NewRequest(r.method, "http://localhost"+r.path, body)
	if r.form != nil {
		hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if r.cookie != nil {
		hr.AddCookie(r.cookie)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	if r.remote != "" {
		hr.RemoteAddr = r.remote
	}
	rec := httptest.NewRecorder()
	h.h.ServeHTTP(rec, hr)
	return rec.Result()
}

// login posts the login form and returns the response and the session cookie.
func (h *harness) login(name, password string) (*http.Response, *http.Cookie) {
	h.t.Helper()
	res := h.do(req{method: "POST", path: LoginPath, form: url.Values{"name": {name}, "password": {password}, "next": {"/_relief/edit/sciatica"}},
		header: map[string]string{"Sec-Fetch-Site": "same-origin"}})
	for _, c := range res.Cookies() {
		if c.Name == SecureCookie || c.Name == PlainCookie {
			return res, c
		}
	}
	return res, nil
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLoginPage(t *testing.T) {
	h := newHarness(t, true)
	res := h.do(req{method: "GET", path: LoginPath + "?next=/_relief/edit/x"})
	page := body(t, res)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: status = %d, want 200", LoginPath, res.StatusCode)
	}
	for _, want := range []string{`<form method="post" action="/_relief/login"`, `autocomplete="username"`, `autocomplete="current-password"`,
		`<label for="name">`, `<label for="password">`, `href="/static/css/site.css?v1"`, `href="/static/favicon.svg?v1"`, `name="next" value="/_relief/edit/x"`, `<html lang="en">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the login page lacks %s", want)
		}
	}
	if strings.Contains(page, "<script") {
		t.Error("the login page has a script: it must work without JavaScript")
	}
}

func TestLoginLogout(t *testing.T) {
	h := newHarness(t, true)
	res := h.do(req{method: "GET", path: "/_relief/edit/sciatica"})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != LoginPath+"?next=%2F_relief%2Fedit%2Fsciatica" {
		t.Fatalf("GET without a session: %d to %q, want 303 to the login page", res.StatusCode, res.Header.Get("Location"))
	}

	res, cookie := h.login("Anna", testPassword)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/_relief/edit/sciatica" {
		t.Fatalf("login: %d to %q, want 303 to the page asked for", res.StatusCode, res.Header.Get("Location"))
	}
	if cookie == nil {
		t.Fatal("login set no session cookie")
	}
	if cookie.Name != SecureCookie || !cookie.Secure || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" || cookie.Domain != "" {
		t.Errorf("cookie = %+v, want __Host-relief, Secure, HttpOnly, SameSite=Strict, Path=/, no Domain", cookie)
	}
	if strings.Contains(h.log.String(), testPassword) {
		t.Error("the log holds the password")
	}
	if !strings.Contains(h.log.String(), `msg="editor login" user=anna client=192.0.2.1`) {
		t.Errorf("the log lacks the login with user and client:\n%s", h.log)
	}

	res = h.do(req{method: "GET", path: "/_relief/edit/sciatica", cookie: cookie})
	if got := body(t, res); res.StatusCode != 200 || got != "editor for anna at /_relief/edit/sciatica" {
		t.Fatalf("GET with the session: %d %q, want the editor for anna", res.StatusCode, got)
	}
	res = h.do(req{method: "POST", path: "/_relief/edit/sciatica", cookie: cookie, header: map[string]string{"Sec-Fetch-Site": "same-origin"}})
	if res.StatusCode != 200 {
		t.Fatalf("same-origin POST with the session: %d, want 200", res.StatusCode)
	}
	res = h.do(req{method: "GET", path: LoginPath, cookie: cookie})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("the login page when logged in: %d, want 303 onward", res.StatusCode)
	}
	res = h.do(req{method: "GET", path: LogoutPath, cookie: cookie})
	if page := body(t, res); !strings.Contains(page, `action="/_relief/logout"`) {
		t.Errorf("GET %s has no log out form:\n%s", LogoutPath, page)
	}

	res = h.do(req{method: "POST", path: LogoutPath, cookie: cookie, header: map[string]string{"Sec-Fetch-Site": "same-origin"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != LoginPath+"?out=1" {
		t.Fatalf("logout: %d to %q, want 303 to the login page", res.StatusCode, res.Header.Get("Location"))
	}
	if !strings.Contains(h.log.String(), `msg="editor logout" user=anna`) {
		t.Errorf("the log lacks the logout:\n%s", h.log)
	}
	res = h.do(req{method: "GET", path: "/_relief/edit/sciatica", cookie: cookie})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("the old cookie after logout: %d, want 303 to the login page", res.StatusCode)
	}
}

func TestLoginRenewsToken(t *testing.T) {
	h := newHarness(t, true)
	// A cookie planted before the login (session fixation) must not
	// become the logged-in session.
	planted := &http.Cookie{Name: SecureCookie, Value: "planted-token-planted-token-planted-tok"}
	res := h.do(req{method: "POST", path: LoginPath, cookie: planted, form: url.Values{"name": {testUser}, "password": {testPassword}}})
	var got *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == SecureCookie {
			got = c
		}
	}
	if got == nil || got.Value == planted.Value {
		t.Fatalf("login kept the planted session token (%v)", got)
	}
}

func TestLoginFailures(t *testing.T) {
	h := newHarness(t, true)
	wrong, _ := h.login(testUser, "not the password at all")
	unknown, c := h.login("nobody", testPassword)
	if wrong.StatusCode != 401 || c != nil {
		t.Fatalf("wrong password: %d, cookie %v; want 401 and no session", wrong.StatusCode, c)
	}
	wb := body(t, wrong)
	if !strings.Contains(wb, wordsNoMatch) || !strings.Contains(wb, `role="alert"`) || !strings.Contains(wb, `value="anna"`) {
		t.Errorf("the wrong-password page lacks the announced message or the name typed:\n%s", wb)
	}
	// the client is throttled now, so "nobody" waited; try again later
	if unknown.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a second failure at once from the same client: %d, want 429", unknown.StatusCode)
	}
	h.clock.Add(2 * time.Second)
	unknown, _ = h.login("nobody", testPassword)
	ub := body(t, unknown)
	if unknown.StatusCode != 401 || !strings.Contains(ub, wordsNoMatch) {
		t.Fatalf("unknown account: %d, want 401 with the same words as a wrong password:\n%s", unknown.StatusCode, ub)
	}
	log := h.log.String()
	for _, want := range []string{`msg="editor login failed" user=anna client=192.0.2.1`, `msg="editor login failed" user=nobody`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %s:\n%s", want, log)
		}
	}
	if strings.Contains(log, "not the password") {
		t.Error("the log holds a password tried")
	}
}

func TestLoginThrottled(t *testing.T) {
	h := newHarness(t, true)
	h.login(testUser, "wrong guess number one")
	// The right password is refused too while the account waits, from
	// another client as well: no hash is checked.
	res := h.do(req{method: "POST", path: LoginPath, remote: "198.51.100.7:4000", form: url.Values{"name": {testUser}, "password": {testPassword}}})
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "1" {
		t.Fatalf("login during the wait: %d, Retry-After %q; want 429, 1", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if b := body(t, res); !strings.Contains(b, "wait 1 seconds") {
		t.Errorf("the throttled page does not say how long to wait:\n%s", b)
	}
	h.clock.Add(time.Second)
	h.login(testUser, "wrong guess number two")
	h.clock.Add(time.Second)
	if res, _ := h.login(testUser, testPassword); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after a second failure, 1 s later: %d, want 429 (the wait doubled to 2 s)", res.StatusCode)
	}
	h.clock.Add(time.Second)
	if res, c := h.login(testUser, testPassword); res.StatusCode != http.StatusSeeOther || c == nil {
		t.Fatalf("after the wait: %d, want a login", res.StatusCode)
	}
	// a success clears the count
	h.login(testUser, "wrong guess number three")
	if w := h.svc.throttle.wait("account:anna"); w != time.Second {
		t.Errorf("after success and one more failure, wait = %v, want 1s", w)
	}
}

func TestRefusedWithoutSessionOrCrossSite(t *testing.T) {
	h := newHarness(t, true)
	_, cookie := h.login(testUser, testPassword)
	tests := []struct {
		name string
		r    req
	}{
		{"cookie-less POST", req{method: "POST", path: "/_relief/edit/sciatica"}},
		{"cookie-less DELETE", req{method: "DELETE", path: "/_relief/edit/sciatica"}},
		{"cross-site POST with the session", req{method: "POST", path: "/_relief/edit/sciatica", cookie: cookie, header: map[string]string{"Sec-Fetch-Site": "cross-site"}}},
		{"POST with a foreign Origin", req{method: "POST", path: "/_relief/edit/sciatica", cookie: cookie, header: map[string]string{"Origin": "https://evil.example"}}},
		{"cross-site login", req{method: "POST", path: LoginPath, form: url.Values{"name": {testUser}, "password": {testPassword}}, header: map[string]string{"Sec-Fetch-Site": "cross-site"}}},
		{"cross-site logout", req{method: "POST", path: LogoutPath, cookie: cookie, header: map[string]string{"Sec-Fetch-Site": "cross-site"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := h.do(tt.r)
			if res.StatusCode != http.StatusForbidden {
				t.Fatalf("%s: status = %d, want 403", tt.name, res.StatusCode)
			}
			if b := body(t, res); strings.Contains(b, "editor for") {
				t.Fatalf("%s reached the editor", tt.name)
			}
		})
	}
	// the cross-site logout did not end the session
	if res := h.do(req{method: "GET", path: "/_relief/edit/", cookie: cookie}); res.StatusCode != 200 {
		t.Errorf("after a refused cross-site logout, the session is gone (%d)", res.StatusCode)
	}
}

func TestSessionExpiry(t *testing.T) {
	tests := []struct {
		name  string
		steps []time.Duration // requests after each step
		live  bool            // is the session alive after the last
	}{
		{"busy for a working day", []time.Duration{time.Hour, time.Hour, time.Hour, time.Hour, time.Hour}, true},
		{"idle just under 2 h", []time.Duration{IdleTimeout - time.Minute}, true},
		{"idle 2 h", []time.Duration{IdleTimeout}, false},
		{"busy past 12 h", []time.Duration{90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, true)
			_, cookie := h.login(testUser, testPassword)
			var res *http.Response
			for _, d := range tt.steps {
				h.clock.Add(d)
				res = h.do(req{method: "GET", path: "/_relief/edit/", cookie: cookie})
			}
			if live := res.StatusCode == 200; live != tt.live {
				t.Fatalf("after %v: status %d, want live=%v", tt.steps, res.StatusCode, tt.live)
			}
			if !tt.live && !strings.Contains(h.log.String(), `msg="editor session ended" user=anna`) {
				t.Errorf("the log does not say the session ended:\n%s", h.log)
			}
		})
	}
}

func TestSessionSurvivesRestart(t *testing.T) {
	h := newHarness(t, true)
	_, cookie := h.login(testUser, testPassword)
	h.start(true) // a restart: a new Service on the same state folder
	if res := h.do(req{method: "GET", path: "/_relief/edit/", cookie: cookie}); res.StatusCode != 200 {
		t.Fatalf("after a restart the session is gone (%d)", res.StatusCode)
	}
	b, err := os.ReadFile(filepath.Join(h.state, SessionsFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), cookie.Value) {
		t.Error("the sessions file holds the session token itself")
	}
	if st, _ := os.Stat(filepath.Join(h.state, SessionsFile)); st.Mode().Perm() != 0o600 {
		t.Errorf("the sessions file has mode %v, want 0600", st.Mode().Perm())
	}
}

func TestRemovedAccountEndsSession(t *testing.T) {
	h := newHarness(t, true)
	_, cookie := h.login(testUser, testPassword)
	if err := OpenUsers(h.state).Remove(testUser); err != nil {
		t.Fatal(err)
	}
	if res := h.do(req{method: "GET", path: "/_relief/edit/", cookie: cookie}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the session of a removed account still works (%d)", res.StatusCode)
	}
}

func TestPlainCookieOnLoopbackHTTP(t *testing.T) {
	h := newHarness(t, false)
	_, cookie := h.login(testUser, testPassword)
	if cookie == nil || cookie.Name != PlainCookie || cookie.Secure || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie over plain HTTP = %+v, want relief-session, not Secure, HttpOnly, SameSite=Strict", cookie)
	}
}

func TestCorruptSessionsFile(t *testing.T) {
	h := newHarness(t, true)
	if err := os.WriteFile(filepath.Join(h.state, SessionsFile), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.start(true)
	if !strings.Contains(h.log.String(), "log in again") {
		t.Errorf("a corrupt sessions file is not reported:\n%s", h.log)
	}
	if res, c := h.login(testUser, testPassword); res.StatusCode != http.StatusSeeOther || c == nil {
		t.Fatalf("login after a corrupt sessions file: %d", res.StatusCode)
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"":                          HomePath,
		"/_relief/edit/sciatica":    "/_relief/edit/sciatica",
		"/_relief/edit/?q=back":     "/_relief/edit/?q=back",
		"https://evil.example/":     HomePath,
		"//evil.example/_relief/":   HomePath,
		"/\\evil.example":           HomePath,
		"/conditions/sciatica":      HomePath,
		"/_relief/login":            HomePath,
		"/_relief/edit/\r\nX-A: b":  HomePath,
		"/_relief/../../etc/passwd": "/_relief/../../etc/passwd",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNoLogin(t *testing.T) {
	h := NoLogin("preview", stubEditor)
	for _, tt := range []struct {
		method, path, site string
		status             int
		body               string
	}{
		{"GET", "/_relief/edit/", "", 200, "editor for preview at /_relief/edit/"},
		{"POST", "/_relief/edit/x", "same-origin", 200, "editor for preview"},
		{"POST", "/_relief/edit/x", "cross-site", 403, "another website"},
		{"GET", LoginPath, "", 303, ""},
		{"GET", "http://rebound.example:8080/_relief/edit/", "", 421, "only on this computer"},
		{"GET", "http://127.0.0.1:8080/_relief/edit/", "", 200, "editor for preview"},
		{"GET", "http://[::1]:8080/_relief/edit/", "", 200, "editor for preview"},
	} {
		r := httptest.NewRequest(tt.method, tt.path, nil)
		if !strings.HasPrefix(tt.path, "http") {
			r.Host = "localhost:8080"
		}
		if tt.site != "" {
			r.Header.Set("Sec-Fetch-Site", tt.site)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("%s %s (%s): %d %q, want %d with %q", tt.method, tt.path, tt.site, rec.Code, rec.Body, tt.status, tt.body)
		}
	}
}

// TestOneCacheControl logs in behind the server's header policy (here a
// stand-in that sets no-store, as its Editor row does): the response
// keeps that one Cache-Control, without the one the session library adds
// beside the cookie.
func TestOneCacheControl(t *testing.T) {
	h := newHarness(t, true)
	wrapped := h.h
	h.h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		wrapped.ServeHTTP(w, r)
	})
	res, cookie := h.login(testUser, testPassword)
	if cookie == nil {
		t.Fatalf("login: status = %d, no session cookie", res.StatusCode)
	}
	if got := res.Header.Values("Cache-Control"); len(got) != 1 || got[0] != "no-store" {
		t.Errorf("login: Cache-Control = %q, want one: no-store", got)
	}
	res = h.do(req{method: "POST", path: LogoutPath, cookie: cookie, header: map[string]string{"Sec-Fetch-Site": "same-origin"}})
	if got := res.Header.Values("Cache-Control"); len(got) != 1 || got[0] != "no-store" {
		t.Errorf("logout: Cache-Control = %q, want one: no-store", got)
	}
}

// TestEndedLoginOnSave: Save pressed after the login ended answers the
// login form, in words, going back to the page the form was on (or the
// list of pages when that page was itself a refused save: the words
// promise only that the editor offers the typing back once the page is
// opened), not a line of plain text naming an
// address to type in another tab. Scripts' requests still get the text.
func TestEndedLoginOnSave(t *testing.T) {
	h := newHarness(t, true)
	page := "http://localhost/_relief/edit/conditions/sciatica.md"
	tests := []struct {
		name, dest, referer, next string
		form                      bool
	}{
		{"Save from the page", "document", page, "/_relief/edit/conditions/sciatica.md", true},
		{"Save again from a refused save", "document", "http://localhost/_relief/save", HomePath, true},
		{"from another host", "document", "https://evil.example/_relief/edit/x", HomePath, true},
		{"a script's check", "empty", page, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := h.do(req{method: "POST", path: "/_relief/save", header: map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Dest": tt.dest, "Referer": tt.referer}})
			b := body(t, res)
			if res.StatusCode != http.StatusForbidden {
				t.Fatalf("status = %d, want 403", res.StatusCode)
			}
			if got := strings.Contains(b, `<form method="post" action="/_relief/login"`); got != tt.form {
				t.Fatalf("login form shown = %v, want %v:\n%s", got, tt.form, b)
			}
			if tt.form && (!strings.Contains(b, `name="next" value="`+tt.next+`"`) || !strings.Contains(b, "this was not saved")) {
				t.Errorf("the login form does not go back to %s or say nothing was saved:\n%s", tt.next, b)
			}
		})
	}
}

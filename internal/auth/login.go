package auth

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"
)

//go:embed login.html
var loginHTML string

var loginPage = template.Must(template.New("login").Parse(loginHTML))

// loginView is what login.html shows.
type loginView struct {
	Title, Stylesheet, Icon, Action, Home string
	Notice, Error                         string
	Form, Logout                          bool
	Name, Next                            string
}

// maxLoginForm bounds the login form's body.
const maxLoginForm = 16 << 10

// Words of the login pages.
const (
	wordsNoMatch = "That account name and password do not match. Check both (is Caps Lock on?) and try again."
	wordsEnded   = "Your login has ended, so this was not saved. Log in again, then open the page: the editor offers back what you typed (this browser kept it)."
	wordsBroken  = "Logging in is not possible right now: the accounts file has a mistake. Whoever set up the website can see which line in the server's log."
)

// login serves LoginPath: the form (GET), and logging in (POST).
func (s *Service) login(w http.ResponseWriter, r *http.Request) {
	v := loginView{Title: "Log in to edit the website", Action: LoginPath, Form: true, Next: safeNext(r.URL.Query().Get("next"))}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if s.sessionUser(r) != "" {
			http.Redirect(w, r, v.Next, http.StatusSeeOther)
			return
		}
		if r.URL.Query().Has("out") {
			v.Notice = "You are logged out."
		}
		s.render(w, http.StatusOK, v)
	case http.MethodPost:
		s.logIn(w, r, v)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "Use the login form.", http.StatusMethodNotAllowed)
	}
}

// logIn checks the posted name and password. Throttled keys are refused
// before any hashing; an unknown account is checked against a dummy hash
// so it costs the same time as a wrong password, and gets the same words.
func (s *Service) logIn(w http.ResponseWriter, r *http.Request, v loginView) {
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginForm)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "The login form could not be read. Please reload the page and try again.", http.StatusBadRequest)
		return
	}
	v.Next = safeNext(r.PostFormValue("next"))
	tried, password := r.PostFormValue("name"), r.PostFormValue("password")
	name, nameErr := NormalName(tried)
	if nameErr != nil {
		name = clipName(tried)
	}
	v.Name = tried
	client := s.clientAddr(r)
	keys := []string{"account:" + name, "client:" + client}
	if wait := s.throttle.wait(keys...); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		s.log.Warn("editor login refused: too many failed tries", "user", name, "client", client, "wait_seconds", secs)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		v.Error = fmt.Sprintf("Too many tries that did not match. Please wait %d seconds, then try again.", secs)
		s.render(w, http.StatusTooManyRequests, v)
		return
	}
	ok, err := s.check(r, name, nameErr == nil, password)
	if err != nil {
		s.log.Error("editor login: the accounts file cannot be read", "user", name, "client", client, "error", err)
		v.Error = wordsBroken
		s.render(w, http.StatusInternalServerError, v)
		return
	}
	if !ok {
		s.throttle.fail(keys...)
		s.log.Warn("editor login failed", "user", name, "client", client)
		v.Error = wordsNoMatch
		s.render(w, http.StatusUnauthorized, v)
		return
	}
	s.throttle.clear(keys...)
	if err := s.start(r, name); err != nil {
		s.log.Error("editor login: starting the session", "user", name, "error", err)
		http.Error(w, "The login could not be kept. Please try again in a moment.", http.StatusInternalServerError)
		return
	}
	s.log.Info("editor login", "user", name, "client", client)
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// check verifies password for the account name, at most
// maxConcurrentChecks at a time.
func (s *Service) check(r *http.Request, name string, valid bool, password string) (bool, error) {
	select {
	case s.checks <- struct{}{}:
	case <-r.Context().Done():
		return false, nil
	}
	defer func() { <-s.checks }()
	h, exists := s.dummy, false
	if valid {
		found, ok, err := s.users.lookup(name)
		if err != nil {
			return false, err
		}
		if ok {
			h, exists = found, true
		}
	}
	match := h.verify(password)
	return match && exists, nil
}

// start begins the session of user under a new token (so a token planted
// before the login is worthless).
func (s *Service) start(r *http.Request, user string) error {
	ctx := r.Context()
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	now := s.now().UnixNano()
	s.sessions.Put(ctx, keyUser, user)
	s.sessions.Put(ctx, keyLogin, now)
	s.sessions.Put(ctx, keySeen, now)
	return nil
}

// logout serves LogoutPath: a page with a button (GET), and logging out
// (POST), which ends the session and shows the login page.
func (s *Service) logout(w http.ResponseWriter, r *http.Request) {
	user := s.sessionUser(r)
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if user == "" {
			http.Redirect(w, r, LoginPath, http.StatusSeeOther)
			return
		}
		s.render(w, http.StatusOK, loginView{Title: "Log out", Action: LogoutPath, Home: HomePath, Logout: true, Name: user})
	case http.MethodPost:
		if user != "" {
			s.destroy(r.Context())
			s.log.Info("editor logout", "user", user, "client", s.clientAddr(r))
		}
		http.Redirect(w, r, LoginPath+"?out=1", http.StatusSeeOther)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "Use the log out button.", http.StatusMethodNotAllowed)
	}
}

// render writes the page v with status.
func (s *Service) render(w http.ResponseWriter, status int, v loginView) {
	v.Stylesheet, v.Icon = s.asset("css/site.css"), s.asset("favicon.svg")
	var b bytes.Buffer
	if err := loginPage.Execute(&b, v); err != nil {
		s.log.Error("editor: the login page", "error", err)
		http.Error(w, "The login page could not be shown.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// clipName returns a name that is not a valid account name as it goes in
// the log and the throttle table: at most 64 bytes, quoted.
func clipName(s string) string {
	if len(s) > 64 {
		s = s[:64]
	}
	return strconv.Quote(s)
}

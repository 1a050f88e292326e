package auth

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/alexedwards/scs/v2"
)

// The editor's own addresses, which Wrap answers itself.
const (
	LoginPath  = "/_relief/login"
	LogoutPath = "/_relief/logout"
	// HomePath is where a login goes when it was not sent from another
	// editor page.
	HomePath = "/_relief/edit/"
)

// Cookie names: __Host-relief when the browser reaches the server over
// HTTPS; relief-session over plain HTTP on a loopback address, where
// browsers drop a __Host- cookie (it must be Secure) except on the name
// localhost.
const (
	SecureCookie = "__Host-relief"
	PlainCookie  = "relief-session"
)

// Default session lifetimes: a session ends after IdleTimeout without a
// request, and MaxLifetime after the login however busy it is.
const (
	IdleTimeout = 2 * time.Hour
	MaxLifetime = 12 * time.Hour
)

// maxConcurrentChecks is how many password checks may run at once; each
// holds defaultParams.memory (46 MiB) while it runs.
const maxConcurrentChecks = 2

// Options configure a Service.
type Options struct {
	// StateDir is the state folder, outside the content, that holds the
	// accounts file (UsersFile) and the sessions file (SessionsFile).
	StateDir string
	// Secure says browsers reach the server over HTTPS (TLS here, or a
	// trusted proxy in front that serves HTTPS): the cookie is then
	// __Host-relief with Secure. Otherwise the server must be on a
	// loopback address (see CheckListener) and the cookie is
	// relief-session without Secure.
	Secure bool
	// Logger receives every login, failed login and logout. Nil discards.
	Logger *slog.Logger
	// ClientAddr returns the address of the client of r, for throttling
	// and the log (behind a trusted proxy, from X-Forwarded-For). Nil
	// uses the connection's peer address.
	ClientAddr func(r *http.Request) string
	// Asset returns the URL of the site's static file name
	// ("css/site.css", "favicon.svg"), or "" when there is none: the
	// login page uses the site's stylesheet and icon. Nil: none.
	Asset func(name string) string
	// Now is the clock; nil is time.Now. Tests set it.
	Now func() time.Time
	// Idle and Absolute override IdleTimeout and MaxLifetime when not zero.
	Idle, Absolute time.Duration
}

// Service is the editor's logins and sessions.
type Service struct {
	users      *Users
	sessions   *scs.SessionManager
	throttle   *throttle
	log        *slog.Logger
	now        func() time.Time
	clientAddr func(*http.Request) string
	asset      func(name string) string
	idle, most time.Duration
	checks     chan struct{} // a slot per password check running
	dummy      parsedHash    // checked for unknown accounts, so they take as long as known ones
}

// New returns the service for the state folder opts.StateDir, reading
// the sessions kept there by an earlier run. A sessions file that cannot
// be read is logged and set aside (everyone logs in again).
func New(opts Options) (*Service, error) {
	if opts.StateDir == "" {
		return nil, errors.New("auth: no state folder given")
	}
	s := &Service{
		users:      OpenUsers(opts.StateDir),
		log:        cmp.Or(opts.Logger, slog.New(slog.NewTextHandler(io.Discard, nil))),
		now:        opts.Now,
		clientAddr: opts.ClientAddr,
		asset:      opts.Asset,
		idle:       cmp.Or(opts.Idle, IdleTimeout),
		most:       cmp.Or(opts.Absolute, MaxLifetime),
		checks:     make(chan struct{}, maxConcurrentChecks),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.clientAddr == nil {
		s.clientAddr = peerAddr
	}
	if s.asset == nil {
		s.asset = func(string) string { return "" }
	}
	s.throttle = newThrottle(s.now, throttleMax)
	dummy, err := hashPassword(fmt.Sprint(s.now().UnixNano()), defaultParams)
	if err != nil {
		return nil, err
	}
	s.dummy, _ = parseHash(dummy)
	// The store and scs drop sessions by the real clock, a backstop:
	// the expiry rules are sessionUser's, which uses s.now.
	store, err := openStore(filepath.Join(opts.StateDir, SessionsFile), time.Now)
	if err != nil {
		s.log.Warn(err.Error())
	}
	s.sessions = newSessions(store, opts.Secure, s.idle, s.most)
	s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		s.log.Error("editor session", "error", err)
		http.Error(w, "The editor could not keep your login (the server's log says why). Please try again in a moment.", http.StatusInternalServerError)
	}
	return s, nil
}

// newSessions returns the session manager: HttpOnly, SameSite=Strict,
// Path=/, no Domain, the cookie named and Secure as secure says.
func newSessions(store scs.Store, secure bool, idle, most time.Duration) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.IdleTimeout = idle
	sm.Lifetime = most
	sm.Cookie.Name = PlainCookie
	if secure {
		sm.Cookie.Name = SecureCookie
	}
	sm.Cookie.Secure = secure
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteStrictMode
	sm.Cookie.Path = "/"
	sm.Cookie.Domain = ""
	sm.Cookie.Persist = true
	return sm
}

// Users returns the accounts file the service reads.
func (s *Service) Users() *Users { return s.users }

// peerAddr is the connection's peer address without the port.
func peerAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type userKey struct{}

// WithUser returns ctx carrying the editor's user name. Wrap and NoLogin
// set it; tests of the editor may too.
func WithUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, userKey{}, user)
}

// User returns the name of the editor's user making the request, for logs
// and history, or "" outside the editor.
func User(ctx context.Context) string {
	u, _ := ctx.Value(userKey{}).(string)
	return u
}

// Package auth owns who may use the therapist's browser editor: the
// accounts, logging in and out, sessions, throttling of failed logins,
// the refusal of cross-site changes, and the rule for which listeners
// the editor may run on. It knows nothing of pages; the editor (package
// editor) is an http.Handler it guards.
//
// # Accounts
//
// Accounts live in the accounts file (UsersFile, "users") in the state
// folder: the folder relief serve keeps its own files in (-state, by
// default .relief-state beside the content folder), outside the content,
// so never in its git history. One line per account: the name (lower
// case: letters, digits and . _ @ -), a space, and the password's
// argon2id hash ($argon2id$v=19$m=47104,t=1,p=1$SALT$KEY). relief user
// add, remove and list change and show it; it is written atomically
// (temporary file, sync, rename) with mode 0600, and read afresh on every
// login and request, so a removed account's sessions end at once. A line
// that cannot be read is an error naming the file and the line.
//
// A password has at least 12 characters, is not one character repeated
// or the account's name, and is not on a short embedded list of the most
// common passwords (common.txt); CheckPassword says which rule failed.
//
// # Logging in
//
// Service.Wrap serves LoginPath and LogoutPath itself and passes every
// other editor request to the editor only with a live session, with the
// user's name in the request's context (User). The login page is a plain
// form (no JavaScript) in the site's stylesheet.
//
// A failed login makes the next attempt for the same account name, and
// from the same client address, wait: 1 s, doubling with each failure, at
// most 60 s (throttle.go). A throttled attempt is refused before its
// password is hashed, and at most two hashes run at once, so a burst of
// logins cannot exhaust memory (argon2id takes 46 MiB per check). An
// unknown account is checked against a dummy hash and gets the same words
// as a wrong password, and hashes are compared in constant time. Every
// login, failed login (with the name tried, never the password), refusal
// and logout is logged with the client's address.
//
// # Sessions
//
// Sessions are alexedwards/scs sessions kept in memory and in the
// sessions file (SessionsFile) in the state folder, by a hash of their
// token, so they survive a restart. The cookie is __Host-relief, Secure,
// HttpOnly, SameSite=Strict, Path=/ — except over plain HTTP on a
// loopback address, where browsers would drop a __Host- cookie: there it
// is relief-session without Secure. A login gets a new session token. A
// session ends after IdleTimeout (2 h) without a request, MaxLifetime
// (12 h) after the login, at logout, or when its account is removed.
//
// # Cross-site requests and listeners
//
// Every state-changing request (POST, PUT, DELETE…) to the editor,
// including the login form, passes http.CrossOriginProtection: a browser
// request from another site gets 403. A request without a session (a
// script, or a login that ended) gets 403 too, from the session check; a
// form sent from a page (Sec-Fetch-Dest: document, the Save button) gets
// it as the login form, which goes back to that page once logged in
// (or to the list of pages, when the form was itself a refused save).
//
// CheckListener keeps the editor off a listener where passwords would
// cross the network in plain text: it must be a loopback address, serve
// TLS, or sit behind a trusted proxy that serves HTTPS. NoLogin is the
// editor of relief serve -dev on a loopback address, with no accounts.
package auth

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/auth"
	"github.com/relief-massage/relief/internal/server"
)

// user runs relief user with args and stdin, returning stdout, stderr
// and the error.
func user(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errs bytes.Buffer
	err := userCommand(args, strings.NewReader(stdin), &out, &errs)
	return out.String(), errs.String(), err
}

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "site", "content")
	state := filepath.Join(dir, "site", ".relief-state")

	if _, errs, err := user(t, "", "list", "-content", content); err != nil || !strings.Contains(errs, "no accounts yet") {
		t.Fatalf("list with no accounts = %v, %q; want a hint to add one", err, errs)
	}
	out, _, err := user(t, "correct horse battery\n", "add", "Anna", "-content", content)
	if err != nil || !strings.Contains(out, "added the account anna") {
		t.Fatalf("add Anna = %v, %q", err, out)
	}
	if st, err := os.Stat(filepath.Join(state, auth.UsersFile)); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the accounts file beside the content folder: %v (%v), want mode 0600", err, st)
	}
	if _, _, err := user(t, "staple gun in the garden\r\n", "-state", state, "add", "ben"); err != nil {
		t.Fatalf("add ben with -state first: %v", err)
	}
	if out, _, _ := user(t, "", "list", "-state", state); out != "anna\nben\n" {
		t.Errorf("list = %q, want anna and ben", out)
	}
	if out, _, err := user(t, "a different long phrase\n", "add", "anna", "-state", state); err != nil || !strings.Contains(out, "changed the password of anna") {
		t.Errorf("add anna again = %v, %q; want the password changed", err, out)
	}
	if out, _, err := user(t, "", "remove", "-content", content, "ben"); err != nil || !strings.Contains(out, "removed the account ben") {
		t.Errorf("remove ben = %v, %q", err, out)
	}
	if out, _, _ := user(t, "", "list", "-state", state); out != "anna\n" {
		t.Errorf("after remove, list = %q, want anna", out)
	}

	for _, tt := range []struct {
		stdin string
		args  []string
		want  string
		usage bool
	}{
		{"short\n", []string{"add", "cleo", "-state", state}, "at least 12", false},
		{"password1234\n", []string{"add", "cleo", "-state", state}, "common passwords", false},
		{"", []string{"add", "cleo", "-state", state}, "no password on stdin", false},
		{"correct horse battery\n", []string{"add", "c leo", "-state", state}, "only letters", true},
		{"", []string{"remove", "zed", "-state", state}, `no account "zed"`, false},
		{"", []string{"frobnicate", "-state", state}, "relief user add NAME", true},
		{"", []string{"add", "-state", state}, "relief user add NAME", true},
		{"", []string{}, "relief user add NAME", true},
	} {
		_, _, err := user(t, tt.stdin, tt.args...)
		var u usageError
		if err == nil || !strings.Contains(err.Error(), tt.want) || errors.As(err, &u) != tt.usage {
			t.Errorf("relief user %v = %v, want an error saying %q (usage error: %v)", tt.args, err, tt.want, tt.usage)
		}
	}
	if out, _, _ := user(t, "", "list", "-state", state); out != "anna\n" {
		t.Errorf("refused commands changed the accounts: list = %q", out)
	}
}

func TestStateFolder(t *testing.T) {
	for _, tt := range []struct{ state, content, want string }{
		{"", "", ".relief-state"},
		{"", "site/content", filepath.Join("site", ".relief-state")},
		{"", "site/content/", filepath.Join("site", ".relief-state")},
		{"/var/lib/relief", "site/content", "/var/lib/relief"},
	} {
		if got := stateFolder(tt.state, tt.content); got != tt.want {
			t.Errorf("stateFolder(%q, %q) = %q, want %q", tt.state, tt.content, got, tt.want)
		}
	}
}

// TestGuardEditor: when relief serve turns the editor on, and how.
func TestGuardEditor(t *testing.T) {
	withAccount := t.TempDir()
	if _, _, err := user(t, "correct horse battery\n", "add", "anna", "-state", withAccount); err != nil {
		t.Fatal(err)
	}
	broken := t.TempDir()
	os.WriteFile(filepath.Join(broken, auth.UsersFile), []byte("anna hunter2\n"), 0o600)
	empty := t.TempDir()
	tests := []struct {
		name   string
		setup  editorSetup
		status int    // of GET /_relief/edit/; 0: the editor is off
		log    string // in the log
	}{
		{"built-in content", editorSetup{state: withAccount, addr: "127.0.0.1:8080"}, 0, ""},
		{"no accounts", editorSetup{content: "content", state: empty, addr: "127.0.0.1:8080"}, 0, "relief user add NAME"},
		{"no accounts, -dev on loopback", editorSetup{content: "content", state: empty, addr: "127.0.0.1:8080", dev: true, devUser: "sam"}, 200, "no login"},
		{"no accounts, -dev on every address", editorSetup{content: "content", state: empty, addr: ":8080", dev: true}, 0, "no accounts"},
		{"accounts on loopback", editorSetup{content: "content", state: withAccount, addr: "127.0.0.1:8080"}, 303, "log in at /_relief/login"},
		{"accounts, plain HTTP on every address", editorSetup{content: "content", state: withAccount, addr: ":8080"}, 0, "-trusted-proxy"},
		{"accounts behind a proxy", editorSetup{content: "content", state: withAccount, addr: ":8080", proxied: true}, 303, ""},
		{"accounts with TLS", editorSetup{content: "content", state: withAccount, addr: ":443", tls: true}, 303, ""},
		{"accounts, -dev on loopback", editorSetup{content: "content", state: withAccount, addr: "127.0.0.1:8080", dev: true}, 303, ""},
		{"a broken accounts file", editorSetup{content: "content", state: broken, addr: "127.0.0.1:8080"}, 0, "users:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log bytes.Buffer
			srv := server.New(nil, server.Options{})
			h := guardEditor(tt.setup, http.NotFoundHandler(), func() *server.Server { return srv }, slog.New(slog.NewTextHandler(&log, nil)))
			if !strings.Contains(log.String(), tt.log) {
				t.Errorf("the log lacks %q:\n%s", tt.log, log.String())
			}
			if h == nil {
				if tt.status != 0 {
					t.Fatalf("the editor is off, want it on")
				}
				return
			}
			if tt.status == 0 {
				t.Fatal("the editor is on, want it off")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "http://localhost:8080/_relief/login", nil))
			if tt.status == 200 && rec.Code != http.StatusSeeOther {
				t.Errorf("-dev without accounts: the login page answers %d, want 303 to the editor", rec.Code)
			}
			if tt.status == 303 && rec.Code != 200 {
				t.Errorf("the login page answers %d, want 200", rec.Code)
			}
		})
	}
}

// TestServeEditorLogin starts relief serve with an account and logs in.
func TestServeEditorLogin(t *testing.T) {
	state := t.TempDir()
	if _, _, err := user(t, "correct horse battery\n", "add", "anna", "-state", state); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "-addr", addr, "-content", "../../content", "-state", state}, noEnv, io.Discard, &stderr)
	}()
	waitHealthy(t, addr, errc)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := "http://" + addr

	res, err := noRedirect.Get(base + "/_relief/edit/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /_relief/edit/ without a login: %d (Cache-Control %q), want 303 and no-store", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	res, err = noRedirect.PostForm(base+"/_relief/login", url.Values{"name": {"anna"}, "password": {"correct horse battery"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == auth.PlainCookie {
			cookie = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || cookie == nil {
		t.Fatalf("login: %d, cookie %v; want 303 and relief-session (plain HTTP on loopback)", res.StatusCode, cookie)
	}
	req, _ := http.NewRequest("GET", base+"/_relief/edit/", nil)
	req.AddCookie(cookie)
	res, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "logged in as anna") || !strings.Contains(string(b), "Chronic Back Pain") {
		t.Errorf("GET /_relief/edit/ logged in: %d\n%s", res.StatusCode, b)
	}
	if res, err := http.Get(base + "/conditions/sciatica"); err != nil || res.StatusCode != 200 {
		t.Errorf("a public page beside the editor: %v %v", res.StatusCode, err)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("run after shutdown = %v", err)
	}
	if !strings.Contains(stderr.String(), `"msg":"editor login","user":"anna"`) {
		t.Errorf("the log lacks the login:\n%s", stderr.String())
	}
}

package server

import (
	"bufio"
	"bytes"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// rawGet sends a request line byte for byte, as a hostile client would,
// to a real server, so that net/http's own parsing is part of the test.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: relief.test\r\nConnection: close\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: reading the response: %v", target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestHostilePaths checks that paths trying to escape the static folder,
// probe for dot-files or smuggle odd bytes are turned away, and that
// nothing from outside the static folder ever comes back.
func TestHostilePaths(t *testing.T) {
	ts := httptest.NewServer(New(embeddedSite(t), Options{}))
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	tests := []struct {
		target string
		status int
	}{
		{"/../../etc/passwd", 400},
		{"/static/../../go.mod", 400},
		{"/static/%2e%2e/%2e%2e/go.mod", 400},
		{"/static/%2E%2E/relief.go", 400},
		{"/static/..%2f..%2fgo.mod", 400},
		{"/static/%2e%2e%2f%2e%2e%2fgo.mod", 400},
		{"/static/..%5c..%5cgo.mod", 400},
		{`/static\..\go.mod`, 400},
		{"/static/%5c..%5cgo.mod", 400},
		{"/static/css/site.css%00.txt", 400},
		{"/%00", 400},
		{"/conditions/%ff", 400},
		{"/conditions/%c0%ae%c0%ae/go.mod", 400},
		{"/static/css%2fsite.css", 400},
		{"/./conditions/", 400},
		{"/conditions/.", 400},
		{"/%zz", 400},
		{"/static/%0d%0aSet-Cookie:x", 400},
		{"/.env", 404},
		{"/.git/HEAD", 404},
		{"/static/.git/config", 404},
		{"/static/.htaccess", 404},
		{"/conditions/.hidden", 404},
		{"/static/", 404},
		{"/static/css/", 404},
		{"/static", 404},
		{"//etc/passwd", 404},
		{"/static//etc/passwd", 404},
		{"/static/go.mod", 404},
		{"/static/../static/css/site.css", 400},
		{"/?q=" + strings.Repeat("a", 1100), 414},
		{"/search?q=" + strings.Repeat("%41", 400), 414},
	}
	if len(tests) < 20 {
		t.Fatalf("only %d hostile paths", len(tests))
	}
	leaks := []string{"module github.com/relief-massage", "root:x:0:0", "[core]", "package relief", "go:embed"}
	for _, tt := range tests {
		status, body := rawGet(t, addr, tt.target)
		name := tt.target[:min(len(tt.target), 60)]
		if status != tt.status {
			t.Errorf("GET %s: status = %d, want %d", name, status, tt.status)
		}
		for _, leak := range leaks {
			if strings.Contains(body, leak) {
				t.Errorf("GET %s: the body contains %q from outside the static folder", name, leak)
			}
		}
	}
}

// TestPanicRecovery checks that a panicking handler gives the 500 page,
// with the security headers, logs the stack, and that the next request is
// served as usual.
func TestPanicRecovery(t *testing.T) {
	var logs bytes.Buffer
	s := New(embeddedSite(t), Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	h := s.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/boom" {
			w.Header().Set("ETag", `"half-done"`)
			panic("boom")
		}
		s.ServeHTTP(w, r)
	}))
	rec := request(h, "GET", "/boom")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "something went wrong") {
		t.Errorf("GET /boom: status %d, body %q; want 500 and the error page", rec.Code, rec.Body.String())
	}
	checkSecurityHeaders(t, "GET /boom", rec.Header())
	if rec.Header().Get("ETag") != "" {
		t.Errorf("GET /boom: the 500 keeps the ETag %q", rec.Header().Get("ETag"))
	}
	id := rec.Header().Get("X-Request-Id")
	if id == "" || strings.Count(logs.String(), `"id":"`+id+`"`) != 2 {
		t.Errorf("GET /boom: X-Request-Id %q, want the id of the two log lines (the panic, the request):\n%s", id, logs.String())
	}
	for _, want := range []string{`"panic":"boom"`, `"stack":"goroutine`, `"status":500`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %s:\n%s", want, logs.String())
		}
	}
	if strings.Contains(logs.String(), `"remote"`) {
		t.Errorf("the log names the visitor's address without -access-log:\n%s", logs.String())
	}
	if rec := request(h, "GET", "/"); rec.Code != 200 {
		t.Errorf("GET / after a panic: status %d, want 200", rec.Code)
	}
}

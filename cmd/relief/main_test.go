package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/relief-massage/relief/internal/syncbuf"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// syncBuffer is the log a server (or child process) writes while the test
// reads it.
type syncBuffer = syncbuf.Buffer

func noEnv(string) string { return "" }

func TestRunUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		stdout   string
		stderr   string
		noStderr bool
	}{
		{args: []string{"-h"}, code: 0, stdout: "Usage: relief [command] [flags]"},
		{args: []string{"serve", "-h"}, code: 0, stdout: "Usage: relief serve"},
		{args: []string{"version", "-h"}, code: 0, stdout: "Usage: relief version"},
		{args: []string{"version"}, code: 0, stdout: "relief "},
		{args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{args: []string{"serve", "-nope"}, code: 2, stderr: "flag provided but not defined: -nope"},
		{args: []string{"-nope"}, code: 2, stderr: "flag provided but not defined: -nope"},
		{args: []string{"serve", "extra"}, code: 2, stderr: `unexpected argument "extra"`},
		{args: []string{"serve", "-content", "/does/not/exist"}, code: 1, stderr: "/does/not/exist is not a folder"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, noEnv, &stdout, &stderr)
			code := exitCode(err, &stderr)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr: %s)", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout = %q, want it to contain %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.stderr)
			}
		})
	}
}

func TestListenAddr(t *testing.T) {
	env := func(m map[string]string) env { return func(k string) string { return m[k] } }
	tests := []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"", nil, "127.0.0.1:8080"},
		{"", map[string]string{"PORT": "9000"}, ":9000"},
		{"", map[string]string{"ADDR": "0.0.0.0:81", "PORT": "9000"}, "0.0.0.0:81"},
		{"127.0.0.1:1", map[string]string{"ADDR": "0.0.0.0:81"}, "127.0.0.1:1"},
	}
	for _, tt := range tests {
		if got := listenAddr(tt.flag, env(tt.env)); got != tt.want {
			t.Errorf("listenAddr(%q, %v) = %q, want %q", tt.flag, tt.env, got, tt.want)
		}
	}
}

// freeAddr returns a 127.0.0.1 address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitHealthy polls /healthz until it answers 200.
func waitHealthy(t *testing.T, addr string, errc <-chan error) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-errc:
			t.Fatalf("run returned early: %v", err)
		default:
		}
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("server on %s never became healthy", addr)
}

// TestServeEmbedded starts the real command from an empty directory (the
// content is embedded) and requests a page.
func TestServeEmbedded(t *testing.T) {
	t.Chdir(t.TempDir())
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, []string{"serve", "-addr", addr}, noEnv, io.Discard, &stderr) }()
	waitHealthy(t, addr, errc)
	res, err := http.Get("http://" + addr + "/conditions/sciatica")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "<h1>Sciatica</h1>") {
		t.Errorf("GET /conditions/sciatica: status %d, want 200 with the page", res.StatusCode)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("run after shutdown = %v, want nil", err)
	}
	if !strings.Contains(stderr.String(), "http://"+addr) {
		t.Errorf("the log does not name the URL it listens on:\n%s", stderr.String())
	}
}

// TestServeRefusesBrokenContent: problems stop start-up, all listed.
func TestServeRefusesBrokenContent(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", "name: X\nbase_url: https://x.example.com\ndisclaimer: d\nregions: [{slug: back, title: Back}]\n")
	write("index.md", "---\ntitle: Home\nsummary: s\n---\nHi\n")
	write("conditions/a.md", "---\ntitel: A\nsummary: s\n---\nBody\n")
	write("conditions/b.md", "---\ntitle: B\nsummary: s\nregions: [legs]\n---\nBody\n")
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"serve", "-addr", freeAddr(t), "-content", dir}, noEnv, io.Discard, &stderr)
	if code := exitCode(err, &stderr); code != 1 {
		t.Fatalf("exit code = %d, want 1", code)
	}
	for _, want := range []string{
		fmt.Sprintf("%s/conditions/a.md:2:1: error: unknown key \"titel\": did you mean title?", dir),
		fmt.Sprintf("%s/conditions/b.md:4:11: error: regions: \"legs\" is not a body area", dir),
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}

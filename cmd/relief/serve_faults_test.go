package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relief-massage/relief"
)

// TestMain lets a test run the real program in a child process: with
// RELIEF_TEST_MAIN=1 the test binary is relief, with the arguments in
// RELIEF_TEST_ARGS (separated by spaces).
func TestMain(m *testing.M) {
	if os.Getenv("RELIEF_TEST_MAIN") == "1" {
		os.Args = append([]string{"relief"}, strings.Fields(os.Getenv("RELIEF_TEST_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

// TestClosedStderr runs relief serve with a stderr nobody reads any more
// (the terminal closed, the journal gone): it keeps serving, and stops
// cleanly on SIGTERM instead of dying of SIGPIPE (exit status 141).
func TestClosedStderr(t *testing.T) {
	addr := freeAddr(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RELIEF_TEST_MAIN=1", "RELIEF_TEST_ARGS=serve -addr "+addr)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	pr.Close() // from now on every write to its stderr fails
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()

	deadline := time.Now().Add(30 * time.Second)
	for {
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("relief with a closed stderr exited before serving: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("relief with a closed stderr never answered /healthz")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for i := range 50 {
		res, err := http.Get("http://" + addr + "/conditions/sciatica")
		if err != nil {
			t.Fatalf("request %d with a closed stderr: %v", i+1, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("request %d with a closed stderr: status %d", i+1, res.StatusCode)
		}
		time.Sleep(2 * time.Millisecond) // let the log writer write, and fail
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("relief with a closed stderr, after SIGTERM: %v (state %v), want exit status 0", err, cmd.ProcessState)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("relief did not stop within 30 s of SIGTERM")
	}
}

// TestOptionsStarOnTheWire: the real http.Server passes "OPTIONS *" to the
// site, which refuses it with its headers.
func TestOptionsStarOnTheWire(t *testing.T) {
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	var stderr syncBuffer
	go func() {
		errc <- run(ctx, []string{"serve", "-addr", addr, "-log-format", "json", "-access-log"}, noEnv, io.Discard, &stderr)
	}()
	waitHealthy(t, addr, errc)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("OPTIONS *: status %d, headers %v; want 405 with the security headers", res.StatusCode, res.Header)
	}
	cancel()
	<-errc
	if !strings.Contains(stderr.String(), `"method":"OPTIONS","path":"*","status":405`) {
		t.Errorf("no log line for OPTIONS *:\n%s", stderr.String())
	}
}

// TestTLSSuites: TLS 1.2 offers only ECDHE with AES-GCM or ChaCha20, never
// CBC; a client that only speaks CBC is turned away, a modern one served.
func TestTLSSuites(t *testing.T) {
	c := modernTLS(&tls.Config{})
	if c.MinVersion != tls.VersionTLS12 || len(c.CipherSuites) == 0 {
		t.Fatalf("modernTLS: MinVersion %x, %d suites; want TLS 1.2 and a list", c.MinVersion, len(c.CipherSuites))
	}
	names := map[uint16]string{}
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		names[s.ID] = s.Name
	}
	for _, id := range c.CipherSuites {
		name := names[id]
		if !strings.Contains(name, "ECDHE") || strings.Contains(name, "CBC") || !(strings.Contains(name, "GCM") || strings.Contains(name, "CHACHA20")) {
			t.Errorf("modernTLS offers %s (%#04x), want only ECDHE with GCM or ChaCha20", name, id)
		}
	}

	certFile, keyFile, pool := selfSigned(t)
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "-addr", addr, "-tls-cert", certFile, "-tls-key", keyFile}, noEnv, io.Discard, io.Discard)
	}()
	dial := func(suite uint16) error {
		conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: pool, MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{suite}})
		if err == nil {
			conn.Close()
		}
		return err
	}
	var err error
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if err = dial(tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("TLS 1.2 with ECDHE-ECDSA-AES128-GCM: %v", err)
	}
	for _, cbc := range []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256} {
		if err := dial(cbc); err == nil {
			t.Errorf("a client offering only %s was served; want the handshake refused", names[cbc])
		}
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("run after shutdown = %v", err)
	}
}

// TestPreviewRefusesOtherHosts runs relief serve -dev and asks for a page
// under another site's name, as a DNS-rebinding page would: 421. Under
// localhost and 127.0.0.1, with the port, the page is served.
func TestPreviewRefusesOtherHosts(t *testing.T) {
	dir := t.TempDir()
	for _, x := range []struct {
		name string
		err  error
	}{
		{"content", os.CopyFS(filepath.Join(dir, "content"), relief.Content())},
		{"templates", os.CopyFS(filepath.Join(dir, "templates"), relief.Templates())},
		{"static", os.CopyFS(filepath.Join(dir, "static"), relief.Static())},
	} {
		if x.err != nil {
			t.Fatalf("copying %s: %v", x.name, x.err)
		}
	}
	t.Chdir(dir)
	addr := freeAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	var stderr syncBuffer
	go func() { errc <- run(ctx, []string{"serve", "-dev", "-addr", addr}, noEnv, io.Discard, &stderr) }()
	waitHealthy(t, addr, errc)
	for _, tt := range []struct {
		host   string
		status int
	}{
		{"localhost:" + port, 200},
		{"127.0.0.1:" + port, 200},
		{"[::1]:" + port, 200},
		{"evil.example:" + port, 421},
		{"rebind.evil.example", 421},
	} {
		req, _ := http.NewRequest("GET", "http://"+addr+"/conditions/sciatica", nil)
		req.Host = tt.host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status {
			t.Errorf("preview, Host %s: status %d, want %d", tt.host, res.StatusCode, tt.status)
		}
		if tt.status == 421 && strings.Contains(string(body), "Sciatica") {
			t.Errorf("preview, Host %s: the refusal shows the page", tt.host)
		}
	}
	cancel()
	if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("run after shutdown = %v", err)
	}
}

// TestLogFlushedOnError: when serve fails (here: the port is taken), the
// lines logged before are all written out by the time run returns.
func TestLogFlushedOnError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stderr syncBuffer
	err = run(context.Background(), []string{"serve", "-addr", ln.Addr().String(), "-log-format", "json"}, noEnv, io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), "cannot listen") {
		t.Fatalf("serve on a taken port: %v, want cannot listen", err)
	}
	if !strings.Contains(stderr.String(), `"msg":"site loaded"`) {
		t.Errorf("after run returned an error, the log lacks the lines before it:\n%s", stderr.String())
	}
}

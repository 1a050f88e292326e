package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/logline"
)

// TestGracefulShutdown cancels the context while a slow request is in
// flight: the request must complete, and serve must then return nil.
func TestGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "finished")
	})
	o := &opsFlags{shutdownTimeout: 10 * time.Second}
	logger := slog.New(slog.DiscardHandler)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- o.serve(ctx, logger, &endpoint{srv: o.httpServer(slow, logger), ln: ln}) }()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		got <- result{string(b), err}
	}()
	<-started
	cancel()
	select {
	case err := <-served:
		t.Fatalf("serve returned %v while a request was in flight", err)
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Errorf("the server still accepts connections while shutting down")
	}
	close(release)
	if r := <-got; r.err != nil || r.body != "finished" {
		t.Errorf("the in-flight request: body %q, err %v; want it to finish", r.body, r.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("serve after shutdown = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after the last request finished")
	}
}

// TestShutdownDeadline: a request that outlives -shutdown-timeout is cut
// off, and the server still stops cleanly.
func TestShutdownDeadline(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	stuck := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block })
	o := &opsFlags{shutdownTimeout: 100 * time.Millisecond}
	logger := slog.New(slog.DiscardHandler)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- o.serve(ctx, logger, &endpoint{srv: o.httpServer(stuck, logger), ln: ln}) }()
	go http.Get("http://" + ln.Addr().String() + "/")
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("serve = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve ignored the shutdown deadline")
	}
}

// selfSigned writes a certificate and key for 127.0.0.1 and returns the
// file names and a pool that trusts the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "relief test"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// TestServeTLS runs relief serve with a self-signed certificate and checks
// that it answers over HTTPS, with HSTS, and JSON logs of the request.
func TestServeTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "-addr", addr, "-tls-cert", certFile, "-tls-key", keyFile, "-log-format", "json", "-access-log"}, noEnv, io.Discard, &stderr)
	}()
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	var res *http.Response
	var err error
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if res, err = client.Get("https://" + addr + "/conditions/sciatica"); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("GET over HTTPS: %v\n%s", err, stderr.String())
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Strict-Transport-Security"), "max-age=") || res.TLS == nil {
		t.Errorf("GET over HTTPS: status %d, HSTS %q; want 200 with HSTS", res.StatusCode, res.Header.Get("Strict-Transport-Security"))
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("run after shutdown = %v, want nil", err)
	}
	var sawRequest bool
	for line := range strings.SplitSeq(strings.TrimSpace(stderr.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("log line is not JSON: %q", line)
		}
		sawRequest = sawRequest || rec["msg"] == "request" && rec["path"] == "/conditions/sciatica"
	}
	if !sawRequest {
		t.Errorf("no request log line for /conditions/sciatica:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "https://"+addr) {
		t.Errorf("the log does not name the HTTPS URL:\n%s", stderr.String())
	}
}

func TestOpsFlagMistakes(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "-tls-cert", "c.pem"}, "-tls-cert and -tls-key go together"},
		{[]string{"serve", "-tls-cert", "c.pem", "-tls-key", "k.pem", "-acme-domain", "x.example.com", "-acme-cache", "d"}, "give one"},
		{[]string{"serve", "-acme-domain", "x.example.com"}, "-acme-domain needs -acme-cache"},
		{[]string{"serve", "-log-format", "xml"}, `"xml" is not auto, text or json`},
		{[]string{"serve", "-trusted-proxy", "not-an-ip"}, `"not-an-ip" is not an address`},
	}
	for _, tt := range tests {
		var stderr syncBuffer
		args := append(tt.args, "-addr", freeAddr(t))
		err := run(context.Background(), args, noEnv, io.Discard, &stderr)
		if code := exitCode(err, &stderr); code != 2 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr.String(), tt.want)
		}
	}
}

func TestTrustedProxyFlag(t *testing.T) {
	var o opsFlags
	if err := o.addTrusted("10.0.0.0/8, 192.168.1.7,::1"); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range o.trusted {
		got = append(got, p.String())
	}
	if want := "10.0.0.0/8 192.168.1.7/32 ::1/128"; strings.Join(got, " ") != want {
		t.Errorf("trusted = %v, want %s", got, want)
	}
}

func TestBuildCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr syncBuffer
	if err := run(context.Background(), []string{"build", "-out", out}, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("relief build: %v\n%s", err, stderr.String())
	}
	for _, name := range []string{"index.html", "conditions/index.html", "conditions/sciatica/index.html", "conditions/sciatica/index.html.br",
		"conditions/sciatica/index.html.gz", "about/index.html", "404.html", "sitemap.xml", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("relief build: no %s", name)
		}
	}
	// The built-in site has no redirect_from, and no page uses the preview's script.
	for _, name := range []string{"_redirects", "static/js/dev-reload.js"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("relief build wrote %s", name)
		}
	}
	err := run(context.Background(), []string{"build", "-out", out}, noEnv, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "-clean") {
		t.Errorf("relief build into a full folder: %v, want a refusal naming -clean", err)
	}
	if err := run(context.Background(), []string{"build", "-out", out, "-clean"}, noEnv, &stdout, &stderr); err != nil {
		t.Errorf("relief build -clean: %v", err)
	}
	var stderr2 syncBuffer
	if code := exitCode(run(context.Background(), []string{"build"}, noEnv, io.Discard, &stderr2), &stderr2); code != 2 {
		t.Errorf("relief build without -out: exit %d, want 2", code)
	}
}

// TestLogLines: JSON logs write durations in milliseconds, and the
// start-up line names the address visitors use (the ACME domain), not
// the listener's.
func TestLogLines(t *testing.T) {
	var out bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{ReplaceAttr: logline.Milliseconds}))
	logger.Info("site loaded", "took", 1250*time.Microsecond)
	if !strings.Contains(out.String(), `"took_ms":1.25`) {
		t.Errorf("JSON log of a duration = %s, want \"took_ms\":1.25", out.String())
	}

	out.Reset()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o := &opsFlags{shutdownTimeout: time.Second}
	// Plain HTTP: a TLS listener without certificates would fail at once,
	// racing the cancelled context.
	ep := &endpoint{srv: o.httpServer(http.NotFoundHandler(), logger), ln: ln, url: "https://relief.example.com"}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := o.serve(ctx, logger, ep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"url":"https://relief.example.com"`) {
		t.Errorf("start-up log = %s, want the url https://relief.example.com", out.String())
	}
}

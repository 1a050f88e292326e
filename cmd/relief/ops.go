package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"time"

	"golang.org/x/crypto/acme/autocert"

	"github.com/relief-massage/relief/internal/logline"
	"github.com/relief-massage/relief/internal/server"
)

// opsFlags are the serve flags about running in production: logging,
// caching, the listener, TLS and timeouts.
type opsFlags struct {
	logFormat       string
	accessLog       bool
	trusted         []netip.Prefix
	cacheMaxAge     time.Duration
	shutdownTimeout time.Duration
	tlsCert, tlsKey string
	acmeDomain      string
	acmeCache       string
	acmeEmail       string
}

func (o *opsFlags) register(fs *flag.FlagSet) {
	o.logFormat = "auto"
	fs.Func("log-format", "logs as `auto`, text or json (auto: text on a terminal, json otherwise)", func(v string) error {
		if v != "auto" && v != "text" && v != "json" {
			return fmt.Errorf("%q is not auto, text or json", v)
		}
		o.logFormat = v
		return nil
	})
	fs.BoolVar(&o.accessLog, "access-log", false, "log every request with the visitor's address (by default only failed and slow requests are logged, without addresses)")
	fs.Func("trusted-proxy", "believe X-Forwarded-For from `CIDR` (a reverse proxy's address; repeat or separate with commas)", o.addTrusted)
	fs.DurationVar(&o.cacheMaxAge, "cache-max-age", 5*time.Minute, "how long browsers may cache a page before asking again (0: always ask)")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 10*time.Second, "on SIGINT or SIGTERM, wait this long for requests in flight to finish")
	fs.StringVar(&o.tlsCert, "tls-cert", "", "serve HTTPS with the certificate (chain) in `FILE`; needs -tls-key")
	fs.StringVar(&o.tlsKey, "tls-key", "", "the private key of -tls-cert, in `FILE`")
	fs.StringVar(&o.acmeDomain, "acme-domain", "", "serve HTTPS on :443 for `DOMAIN` with automatic Let's Encrypt certificates, and redirect HTTP on :80 to it")
	fs.StringVar(&o.acmeCache, "acme-cache", "", "keep -acme-domain's certificates in `DIR` (must survive restarts)")
	fs.StringVar(&o.acmeEmail, "acme-email", "", "tell Let's Encrypt this `ADDRESS` for certificate problems (optional)")
}

// addTrusted adds a -trusted-proxy value: CIDRs or bare addresses,
// separated by commas.
func (o *opsFlags) addTrusted(v string) error {
	for s := range strings.SplitSeq(v, ",") {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			o.trusted = append(o.trusted, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return fmt.Errorf("%q is not an address or a CIDR such as 10.0.0.0/8", s)
		}
		o.trusted = append(o.trusted, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return nil
}

// check reports flags that do not go together.
func (o *opsFlags) check() error {
	switch {
	case (o.tlsCert == "") != (o.tlsKey == ""):
		return usageError{errors.New("-tls-cert and -tls-key go together: give both")}
	case o.tlsCert != "" && o.acmeDomain != "":
		return usageError{errors.New("-tls-cert and -acme-domain both choose the certificate: give one")}
	case o.acmeDomain != "" && o.acmeCache == "":
		return usageError{errors.New("-acme-domain needs -acme-cache DIR, a folder that survives restarts (e.g. /var/lib/relief/acme)")}
	case o.shutdownTimeout < 0:
		return usageError{errors.New("-shutdown-timeout must not be negative")}
	}
	return nil
}

// logger returns the process logger, writing to stderr through a
// logWriter (never blocking a request, dropping and counting lines when
// stderr stalls): text on a terminal, JSON otherwise, unless -log-format
// says. Call the returned function on the way out, to write out the last
// lines.
func (o *opsFlags) logger(stderr io.Writer) (*slog.Logger, func()) {
	format := o.logFormat
	if format == "auto" || format == "" {
		format = "json"
		if isTerminal(stderr) {
			format = "text"
		}
	}
	lw := newLogWriter(stderr, logGap, logLimit, func(n int64) []byte {
		var line bytes.Buffer
		slog.New(logline.New(&line, format == "json")).Warn("log lines were lost: the log output (stderr) was too slow or closed", "lost_lines", n)
		return line.Bytes()
	})
	return slog.New(logline.New(lw, format == "json")), func() { lw.Close() }
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// serverOptions returns the server's options from the flags.
func (o *opsFlags) serverOptions(logger *slog.Logger) server.Options {
	return server.Options{Logger: logger, AccessLog: o.accessLog, CacheMaxAge: o.cacheMaxAge, TrustedProxies: o.trusted}
}

// endpoint is an http.Server with its listener.
type endpoint struct {
	srv *http.Server
	ln  net.Listener
	tls bool   // serve TLS with srv.TLSConfig
	url string // how visitors reach it, for the log; "" for the listener's address
}

// listenAndServe serves h on addr (HTTPS with -tls-cert; on :443 and :80
// with -acme-domain) until ctx is done, then shuts down gracefully. Each
// of listening is called once the listeners are open (connections are
// then taken, and answered once it returns), before serving.
func (o *opsFlags) listenAndServe(ctx context.Context, addr string, h http.Handler, logger *slog.Logger, listening ...func()) error {
	if err := o.check(); err != nil {
		return err
	}
	eps, err := o.listen(addr, h, logger)
	if err != nil {
		return err
	}
	for _, f := range listening {
		f()
	}
	// (When the garbage of building the site is given back to the
	// system is decided in gc.go.)
	return o.serve(ctx, logger, eps...)
}

// listen opens the listeners the flags ask for.
func (o *opsFlags) listen(addr string, h http.Handler, logger *slog.Logger) ([]*endpoint, error) {
	main := &endpoint{srv: o.httpServer(h, logger)}
	var redirect *endpoint
	switch {
	case o.tlsCert != "":
		cert, err := tls.LoadX509KeyPair(o.tlsCert, o.tlsKey)
		if err != nil {
			return nil, fmt.Errorf("relief: -tls-cert %s, -tls-key %s: %w", o.tlsCert, o.tlsKey, err)
		}
		main.srv.TLSConfig = modernTLS(&tls.Config{Certificates: []tls.Certificate{cert}})
		main.tls = true
	case o.acmeDomain != "":
		m := &autocert.Manager{
			Prompt:     autocert.AcceptTOS,
			HostPolicy: autocert.HostWhitelist(o.acmeDomain),
			Cache:      autocert.DirCache(o.acmeCache),
			Email:      o.acmeEmail,
		}
		main.srv.TLSConfig = modernTLS(m.TLSConfig())
		main.tls = true
		main.url = "https://" + o.acmeDomain
		addr = ":443"
		redirect = &endpoint{srv: o.httpServer(m.HTTPHandler(httpsRedirect(o.acmeDomain)), logger), url: "http://" + o.acmeDomain}
	}
	var err error
	if main.ln, err = listen(addr); err != nil {
		return nil, err
	}
	if redirect == nil {
		return []*endpoint{main}, nil
	}
	if redirect.ln, err = listen(":80"); err != nil {
		main.ln.Close()
		return nil, err
	}
	return []*endpoint{main, redirect}, nil
}

// modernTLS sets c to TLS 1.2 and 1.3 only, and for TLS 1.2 to the suites
// with forward secrecy (ECDHE) and authenticated encryption (AES-GCM,
// ChaCha20-Poly1305): no CBC (the padding-oracle family: Lucky13 and
// others), no plain RSA key exchange, no SHA-1 MACs. TLS 1.3's suites are
// all of that kind already, and Go does not let them be chosen. Every
// browser of the last ten years speaks one of these.
func modernTLS(c *tls.Config) *tls.Config {
	c.MinVersion = tls.VersionTLS12
	c.CipherSuites = []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
		tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	}
	return c
}

func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("relief: cannot listen on %s: %w (is another program using that port? try -addr 127.0.0.1:8081)", addr, err)
	}
	return ln, nil
}

// httpServer returns a server with every timeout and limit set. The
// write timeout bounds a whole response; the dev server's event stream
// extends its own deadline. "OPTIONS *" goes to h like every other request
// (net/http would answer it 200 itself, with none of our headers and no
// log line), so it gets the same 405 as any method but GET and HEAD.
func (o *opsFlags) httpServer(h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:                      h,
		ReadHeaderTimeout:            5 * time.Second,
		ReadTimeout:                  10 * time.Second,
		WriteTimeout:                 30 * time.Second,
		IdleTimeout:                  120 * time.Second,
		MaxHeaderBytes:               32 << 10,
		DisableGeneralOptionsHandler: true,
		ErrorLog:                     slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// httpsRedirect sends every plain-HTTP request to the same path on
// https://domain. The domain is ours, not the request's Host header.
func httpsRedirect(domain string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "use https://"+domain, http.StatusMethodNotAllowed)
			return
		}
		http.Redirect(w, r, "https://"+domain+r.URL.RequestURI(), http.StatusMovedPermanently)
	})
}

// serve runs every endpoint until ctx is done or one fails. Then it stops
// accepting connections and gives requests in flight -shutdown-timeout to
// finish; what is still running after that is cut off. A shutdown asked
// for by ctx is a success.
func (o *opsFlags) serve(ctx context.Context, logger *slog.Logger, eps ...*endpoint) error {
	errc := make(chan error, len(eps))
	for _, ep := range eps {
		scheme := "http"
		if ep.tls {
			scheme = "https"
		}
		url := cmp.Or(ep.url, scheme+"://"+displayAddr(ep.ln.Addr()))
		logger.Info("listening", "url", url, "address", ep.ln.Addr().String())
		go func() {
			if ep.tls {
				errc <- ep.srv.ServeTLS(ep.ln, "", "")
			} else {
				errc <- ep.srv.Serve(ep.ln)
			}
		}()
	}
	var failed error
	select {
	case failed = <-errc:
	case <-ctx.Done():
		logger.Info("shutting down: finishing requests in flight", "timeout", o.shutdownTimeout)
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), o.shutdownTimeout)
	defer cancel()
	for _, ep := range eps {
		if err := ep.srv.Shutdown(shutdownCtx); err != nil {
			logger.Warn("requests still running at the shutdown deadline were cut off", "error", err)
			ep.srv.Close()
		}
	}
	if failed != nil && !errors.Is(failed, http.ErrServerClosed) {
		return fmt.Errorf("relief: %w", failed)
	}
	logger.Info("stopped")
	return nil
}

// displayAddr turns a listen address into something a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

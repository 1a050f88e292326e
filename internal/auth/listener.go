package auth

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// CheckListener says whether the editor may run on the listen address
// addr (HOST:PORT). It may when the server serves TLS itself (tls), when
// a trusted proxy in front serves HTTPS (trustedProxy), or when addr is a
// loopback address (127.0.0.0/8, ::1, localhost) that only this machine
// reaches. Otherwise passwords and sessions would cross the network in
// plain text, and the error says how to fix it.
func CheckListener(addr string, tls, trustedProxy bool) error {
	if tls || trustedProxy || isLoopback(addr) {
		return nil
	}
	return fmt.Errorf("auth: the editor is off: it will not send passwords over plain HTTP on %s, which other computers can reach. "+
		"Do one of these: serve HTTPS with -tls-cert FILE -tls-key FILE (or -acme-domain DOMAIN -acme-cache DIR); "+
		"or put relief behind a proxy that serves HTTPS (Caddy, nginx) and name it with -trusted-proxy ADDRESS; "+
		"or listen on this computer only with -addr 127.0.0.1:PORT", addr)
}

// isLoopback reports whether addr's host is a loopback address or the
// name localhost. An empty host (":8080") listens on every address.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}

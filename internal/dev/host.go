package dev

import (
	"net"
	"net/netip"
	"strings"
)

// AllowHost returns which host names the preview listening on addr answers
// to (for server.Options.AllowHost): localhost (and names under
// .localhost, which browsers keep on this computer), every IP address, and
// the host of addr itself. Any other name can only come from DNS
// rebinding: a page on another site whose name was made to point here.
// An IP address cannot be rebound, so answering to it is safe, and it lets
// a phone on the same network open the preview when addr is 0.0.0.0.
// Names arrive as server.Options.AllowHost passes them: lower case, no
// port, no brackets, no final dot.
func AllowHost(addr string) func(host string) bool {
	own, _, err := net.SplitHostPort(addr)
	if err != nil {
		own = addr
	}
	own = strings.TrimSuffix(strings.ToLower(own), ".")
	return func(host string) bool {
		if _, err := netip.ParseAddr(host); err == nil {
			return true
		}
		return host == "" || host == own || host == "localhost" || strings.HasSuffix(host, ".localhost")
	}
}

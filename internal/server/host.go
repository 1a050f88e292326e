package server

import (
	"net"
	"net/http"
	"strings"
)

// checkHost answers 421 Misdirected Request, with a plain explanation, to
// a request whose Host header allow refuses; others go on to next. The
// preview uses it against DNS rebinding: a web page from another site,
// whose name its owner made point at 127.0.0.1, would otherwise be able to
// read the therapist's drafts and error pages. Its browser still sends
// that other site's name as the Host, which is what gives it away.
func (s *Server) checkHost(allow func(host string) bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if host := hostName(r.Host); !allow(host) {
			s.log.Warn("refused a request for another site's name: the preview only answers to localhost and this computer's addresses",
				"host", clip(r.Host), "path", clip(r.URL.Path), "remote", clip(r.RemoteAddr))
			s.plainError(w, r, http.StatusMisdirectedRequest,
				"This preview only answers at addresses of this computer, such as localhost or 127.0.0.1, "+
					"not at "+clip(host)+".\nOpen the address relief printed when the preview started.\n")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostName returns the name in a Host header, without the port and the
// brackets of an IPv6 address, in lower case and without a final dot:
// "LocalHost.:8080" is "localhost", "[::1]:8080" is "::1".
func hostName(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

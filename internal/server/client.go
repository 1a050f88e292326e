package server

import "net/http"

// ClientAddr returns the address of the client of r as the request log
// writes it: from a trusted proxy, the last address in X-Forwarded-For
// that is not itself a trusted proxy; otherwise the connection's peer.
// The editor's login throttle and log use it (see package auth).
func (s *Server) ClientAddr(r *http.Request) string {
	peer := remoteAddr(r)
	return s.clientAddr(r, peer, s.trustedAddr(peer))
}

package server

import (
	"strings"
	"testing"
)

// TestHealthDegraded: /healthz stays 200 for the load balancer, and says
// in its body and X-Relief-Health header when the server is degraded.
func TestHealthDegraded(t *testing.T) {
	srv := New(embeddedSite(t), Options{})
	for _, tt := range []struct {
		reason, header, body string
	}{
		{"", "ok", "ok\n"},
		{"serving the last good version", "degraded", "degraded: serving the last good version\n"},
		{"", "ok", "ok\n"},
	} {
		srv.SetDegraded(tt.reason)
		res := get(t, srv, "GET", "/healthz")
		if got := body(t, res); res.StatusCode != 200 || got != tt.body || res.Header.Get("X-Relief-Health") != tt.header {
			t.Errorf("SetDegraded(%q): GET /healthz = %d %q, X-Relief-Health %q; want 200 %q, %q",
				tt.reason, res.StatusCode, strings.TrimSpace(got), res.Header.Get("X-Relief-Health"), tt.body, tt.header)
		}
	}
}

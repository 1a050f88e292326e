package auth

import (
	"strings"
	"testing"
)

func TestCheckListener(t *testing.T) {
	tests := []struct {
		addr         string
		tls, proxied bool
		ok           bool
	}{
		{"127.0.0.1:8080", false, false, true},
		{"127.0.0.2:8080", false, false, true},
		{"[::1]:8080", false, false, true},
		{"localhost:8080", false, false, true},
		{"LOCALHOST:8080", false, false, true},
		{":8080", false, false, false},
		{"0.0.0.0:8080", false, false, false},
		{"[::]:8080", false, false, false},
		{"192.168.1.5:8080", false, false, false},
		{"example.com:80", false, false, false},
		{"[::ffff:127.0.0.1]:8080", false, false, true},
		{":443", true, false, true},
		{"0.0.0.0:8080", false, true, true},
	}
	for _, tt := range tests {
		err := CheckListener(tt.addr, tt.tls, tt.proxied)
		if (err == nil) != tt.ok {
			t.Errorf("CheckListener(%q, tls=%v, proxy=%v) = %v, want ok=%v", tt.addr, tt.tls, tt.proxied, err, tt.ok)
		}
		if err != nil {
			for _, fix := range []string{"-tls-cert", "-acme-domain", "-trusted-proxy", "-addr 127.0.0.1"} {
				if !strings.Contains(err.Error(), fix) {
					t.Errorf("CheckListener(%q) error does not mention %s: %v", tt.addr, fix, err)
				}
			}
		}
	}
}

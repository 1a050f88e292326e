package dev_test

import (
	"testing"

	"github.com/relief-massage/relief/internal/dev"
)

func TestAllowHost(t *testing.T) {
	tests := []struct {
		addr, host string
		want       bool
	}{
		{"127.0.0.1:8080", "localhost", true},
		{"127.0.0.1:8080", "127.0.0.1", true},
		{"127.0.0.1:8080", "::1", true},
		{"127.0.0.1:8080", "site.localhost", true},
		{"0.0.0.0:8080", "192.168.1.20", true}, // a phone on the same network
		{"mybox.lan:8080", "mybox.lan", true},
		{"MyBox.lan.:8080", "mybox.lan", true},
		{":8080", "", true}, // HTTP/1.0 without a Host
		{"127.0.0.1:8080", "evil.example", false},
		{"127.0.0.1:8080", "localhost.evil.example", false},
		{"127.0.0.1:8080", "127.0.0.1.nip.io", false},
		{"mybox.lan:8080", "evil.example", false},
		{":8080", "evil.example", false},
	}
	for _, tt := range tests {
		if got := dev.AllowHost(tt.addr)(tt.host); got != tt.want {
			t.Errorf("AllowHost(%q)(%q) = %v, want %v", tt.addr, tt.host, got, tt.want)
		}
	}
}

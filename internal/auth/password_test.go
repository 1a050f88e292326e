package auth

import (
	"strings"
	"testing"
)

// cheap are argon2id costs small enough for tests; the format and the
// check are the same as with defaultParams.
var cheap = params{memory: 8 * 1024, time: 1, threads: 1}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name, password string
		want           string // part of the error; "" for none
	}{
		{"anna", "correct horse battery", ""},
		{"anna", "Ünïcödé wörds här", ""},
		{"anna", "short", "5 characters long; it needs at least 12"},
		{"anna", "elevenchars", "at least 12"},
		{"anna", "aaaaaaaaaaaaaaa", "one character repeated"},
		{"annabergstrom", "AnnaBergstrom", "the account's name"},
		{"anna", "password1234", "most common passwords"},
		{"anna", "PassWord1234", "most common passwords"},
		{"anna", "massagetherapy", "most common passwords"},
		{"anna", "bad\xffutf8 text here", "not text"},
		{"anna", strings.Repeat("ab", 600), "longer than 1024"},
	}
	for _, tt := range tests {
		t.Run(tt.password, func(t *testing.T) {
			err := CheckPassword(tt.name, tt.password)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("CheckPassword(%q) = %v, want nil", tt.password, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("CheckPassword(%q) = %v, want an error saying %q", tt.password, err, tt.want)
			}
		})
	}
}

func TestHashVerify(t *testing.T) {
	s, err := hashPassword("correct horse battery", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "$argon2id$v=19$m=8192,t=1,p=1$") {
		t.Fatalf("hash = %q, want the argon2id text form", s)
	}
	h, err := parseHash(s)
	if err != nil {
		t.Fatalf("parseHash(%q): %v", s, err)
	}
	if !h.verify("correct horse battery") {
		t.Error("the right password does not verify")
	}
	for _, wrong := range []string{"", "correct horse batter", "Correct horse battery", "correct horse battery "} {
		if h.verify(wrong) {
			t.Errorf("verify(%q) = true, want false", wrong)
		}
	}
	s2, _ := hashPassword("correct horse battery", cheap)
	if s2 == s {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestParseHashRefuses(t *testing.T) {
	good, _ := hashPassword("correct horse battery", cheap)
	parts := strings.Split(good, "$")
	for _, bad := range []string{
		"",
		"plain-text-password",
		strings.Replace(good, "argon2id", "argon2i", 1),
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Replace(good, "m=8192", "m=1", 1),
		strings.Replace(good, "m=8192", "m=99999999", 1),
		strings.Join(append(parts[:4:4], "!!", parts[5]), "$"),
		strings.Join(append(parts[:5:5], "c2hvcnQ"), "$"),
	} {
		if _, err := parseHash(bad); err == nil {
			t.Errorf("parseHash(%q) = nil error, want one", bad)
		}
	}
}

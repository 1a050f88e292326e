package main

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestOnPublishFlags(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		wantErr string
	}{
		{[]string{"-content", "site/content", "-on-publish", "git push"}, ""},
		{[]string{"-dev", "-on-publish", "git push", "-on-publish-timeout", "30s"}, ""},
		{[]string{"-on-publish", "git push"}, "add -content DIR"},
		{[]string{"-content", "c", "-on-publish", "git push", "-on-publish-timeout", "0s"}, "more than zero"},
	} {
		f, err := parseServe(tc.args, io.Discard, io.Discard)
		if tc.wantErr == "" {
			if err != nil || f.hook.command != "git push" || f.hook.timeout <= 0 {
				t.Errorf("parseServe(%q) = %+v, %v", tc.args, f, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("parseServe(%q) error = %v, want %q", tc.args, err, tc.wantErr)
		}
	}
	f, _ := parseServe([]string{"-content", "c", "-on-publish", "true"}, io.Discard, io.Discard)
	if f.hook.timeout != 2*time.Minute {
		t.Errorf("default timeout = %s", f.hook.timeout)
	}
}

// TestReadmeOnPublish checks that every relief serve command line in the
// README that uses -on-publish is one relief serve accepts, the command
// in one piece.
func TestReadmeOnPublish(t *testing.T) {
	n := 0
	for _, lang := range []string{"sh", "ini"} {
		for _, block := range readmeBlocks(t, lang) {
			for _, line := range block {
				line = strings.TrimPrefix(line, "ExecStart=/usr/local/bin/")
				if !strings.HasPrefix(line, "relief serve ") || !strings.Contains(line, "-on-publish") {
					continue
				}
				n++
				args := shellWords(t, strings.TrimPrefix(line, "relief serve "))
				f, err := parseServe(args, io.Discard, io.Discard)
				if err != nil || !strings.Contains(f.hook.command, " ") {
					t.Errorf("README: %s\nrelief serve: %+v, %v", line, f, err)
				}
			}
		}
	}
	if n < 2 {
		t.Errorf("README has %d relief serve lines with -on-publish, want the backup and the build examples", n)
	}
}

// shellWords splits s as sh would, for the quoting the README uses
// ('…' and "…", no escapes).
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, c := range s {
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(c)
			in = true
		}
	}
	if quote != 0 {
		t.Fatalf("unclosed quote in %s", s)
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

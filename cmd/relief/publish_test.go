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

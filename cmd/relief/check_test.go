package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestCheckCommand(t *testing.T) {
	broken := "../../internal/content/testdata/broken/"
	static := "../../internal/content/testdata/static"
	tests := []struct {
		args   []string
		code   int
		stdout []string
	}{
		{[]string{"check"}, 0, []string{"pages, 0 errors, 0 warnings"}},
		{[]string{"check", "-content", broken + "unknown-key", "-static", static}, 1, []string{
			broken + `unknown-key/conditions/sciatica.md:3:1: error: unknown key "sumary": did you mean summary?`,
			"4 pages, 1 error, 0 warnings",
		}},
		{[]string{"check", "-content", broken + "old-review", "-static", static}, 0, []string{"4 pages, 0 errors, 1 warning"}},
		{[]string{"check", "-strict", "-content", broken + "old-review", "-static", static}, 1, []string{"is more than 12 months ago"}},
		{[]string{"check", "-content", broken + "no-conditions", "-static", static}, 1, []string{"there are no conditions"}},
		{[]string{"check", "-nope"}, 2, nil},
		{[]string{"check", "extra"}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, noEnv, &stdout, &stderr)
			if code := exitCode(err, &stderr); code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout.String(), stderr.String())
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout does not contain %q:\n%s", want, stdout.String())
				}
			}
		})
	}
}

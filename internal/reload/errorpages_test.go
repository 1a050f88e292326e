package reload

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// TestErrorPages is the preview's way: Load reads its own files (no
// Open), and a site it returns with problems is served, not refused; the
// problems are logged, told to Done and returned by Now; a warning is
// logged once, however many reloads still have it; a Load that returns no
// site is refused as always.
func TestErrorPages(t *testing.T) {
	good, err := site.Load(builtIn(), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	warned := *good.Content
	warned.Warnings = content.Problems{{Path: "content/conditions/sciatica.md", Line: 4, Severity: content.Warning, Message: "the review date has passed"}}
	withWarning := *good
	withWarning.Content = &warned
	broken := content.Problems{{Path: "content/conditions/hip-pain.md", Line: 2, Col: 1, Severity: content.Error, Message: `unknown key "titel"`}}

	steps := []struct {
		name string
		st   *site.Site
		err  error
		want string // in the log
	}{
		{"good", good, nil, "site reloaded"},
		{"warning", &withWarning, nil, "the review date has passed"},
		{"error page", &withWarning, broken, `conditions/hip-pain.md:2:1: error: unknown key \"titel\"`},
		{"no site", nil, context.Canceled, "reload refused"},
	}
	srv := server.New(good, server.Options{})
	var log syncBuffer
	var ended []error
	var next int
	s := New(Config{ErrorPages: true, Target: srv, Logger: slog.New(slog.NewTextHandler(&log, nil)),
		Load: func(context.Context, site.Files) (*site.Site, error) {
			next++
			return steps[next-1].st, steps[next-1].err
		},
		Done: func(err error) { ended = append(ended, err) }})
	for i, step := range steps {
		before := srv.Site()
		got := s.Now(t.Context())
		switch {
		case step.st == nil:
			if srv.Site() != before || got == nil {
				t.Errorf("%s: a Load without a site was not refused (problems %v)", step.name, got)
			}
		case srv.Site() != step.st:
			t.Errorf("%s: the site Load returned is not served", step.name)
		case step.err != nil && got.Count(content.Error) != 1:
			t.Errorf("%s: Now = %v, want the broken file's problem", step.name, got)
		case step.err == nil && got != nil:
			t.Errorf("%s: Now = %v, want no problems", step.name, got)
		}
		if !strings.Contains(log.String(), step.want) {
			t.Errorf("%s: the log lacks %q:\n%s", step.name, step.want, log.String())
		}
		if len(ended) != i+1 || (ended[i] == nil) != (step.err == nil) {
			t.Errorf("%s: Done was told %v, want %v", step.name, ended, step.err)
		}
	}
	if n := strings.Count(log.String(), "the review date has passed"); n != 1 {
		t.Errorf("a warning two reloads have was logged %d times, want once:\n%s", n, log.String())
	}
	if strings.Count(log.String(), "reload refused") != 1 {
		t.Errorf("a site with error pages was logged as refused:\n%s", log.String())
	}
}

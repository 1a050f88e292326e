package publish

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runner returns a Runner for command in a fresh content folder, and the
// log it writes to.
func runner(t *testing.T, command string, timeout time.Duration) (*Runner, string, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	var log bytes.Buffer
	r := New(context.Background(), Options{Command: command, Content: dir, Timeout: timeout,
		Logger: slog.New(slog.NewTextHandler(&log, nil)), Env: []string{"PATH=" + os.Getenv("PATH")}})
	return r, dir, &log
}

func wait(t *testing.T, r *Runner) Status {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := r.Wait(ctx); err != nil {
		t.Fatalf("Wait: %v", err)
	}
	return r.Status()
}

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name, command string
		timeout       time.Duration
		ok            bool
		output        string // the Status output contains it
		problem       string // the Status problem contains it
		log           string // the log contains it
	}{
		{name: "succeeds with the folder and changed files", ok: true,
			command: `test "$PWD" = "$RELIEF_CONTENT" && printf 'pushed:%s\n' "$RELIEF_CHANGED"`,
			output:  "pushed:conditions/neck pain.md\nsite.yaml", log: "on-publish finished"},
		{name: "fails", command: `echo "remote rejected" >&2; exit 3`,
			output: "remote rejected", problem: "exit status 3", log: "on-publish failed"},
		{name: "times out, children too", command: `echo started; sleep 60; echo never`, timeout: 300 * time.Millisecond,
			output: "started", problem: "stopped after 300ms", log: "on-publish failed"},
		{name: "keeps only the end of a long output", command: `i=0; while [ $i -lt 3000 ]; do echo "line $i"; i=$((i+1)); done`,
			ok: true, output: "line 2980\n", log: "line 2999"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			timeout := tc.timeout
			if timeout == 0 {
				timeout = time.Minute
			}
			r, _, log := runner(t, tc.command, timeout)
			r.Published("site.yaml", "conditions/neck pain.md")
			st := wait(t, r)
			if !st.Ran || st.OK != tc.ok || st.Running {
				t.Errorf("status = %+v, want ran, ok %v, not running", st, tc.ok)
			}
			if !strings.Contains(st.Output, tc.output) || !strings.Contains(st.Problem, tc.problem) {
				t.Errorf("output %q, problem %q; want them to contain %q and %q", st.Output, st.Problem, tc.output, tc.problem)
			}
			if n := strings.Count(st.Output, "\n"); n >= 20 {
				t.Errorf("output has %d lines, want at most 20", n+1)
			}
			if !strings.Contains(log.String(), tc.log) {
				t.Errorf("log = %s, want %q", log, tc.log)
			}
			if tc.timeout > 0 && st.Took > 30*time.Second {
				t.Errorf("a timed-out run took %s: its children were not stopped", st.Took)
			}
		})
	}
}

// TestFolding: publishes during a run queue one more run with all their
// files; the first run is not told about them.
func TestFolding(t *testing.T) {
	r, dir, _ := runner(t, `while [ ! -e gate ]; do sleep 0.01; done; printf '%s\n--\n' "$RELIEF_CHANGED" >> runs.log`, time.Minute)
	r.Published("a.md")
	if !r.Status().Running {
		t.Error("Status().Running = false just after Published")
	}
	r.Published("b.md")
	r.Published("c.md", "b.md")
	if err := os.WriteFile(filepath.Join(dir, "gate"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	st := wait(t, r)
	runs, err := os.ReadFile(filepath.Join(dir, "runs.log"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "a.md\n--\nb.md\nc.md\n--\n"; string(runs) != want {
		t.Errorf("runs:\n%s\nwant:\n%s", runs, want)
	}
	if !st.OK || strings.Join(st.Changed, " ") != "b.md c.md" {
		t.Errorf("last status = %+v, want the folded run", st)
	}
}

func TestNoCommand(t *testing.T) {
	r := New(context.Background(), Options{Command: "  "})
	if r != nil {
		t.Fatalf("New with no command = %v, want nil", r)
	}
	r.Published("x.md") // does nothing, no panic
	if st := r.Status(); st.Ran {
		t.Errorf("nil Runner status = %+v", st)
	}
	if err := r.Wait(context.Background()); err != nil {
		t.Error(err)
	}
}

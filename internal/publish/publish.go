package publish

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

// DefaultTimeout is how long a run may take when Options.Timeout is zero.
const DefaultTimeout = 2 * time.Minute

// Options configure a Runner.
type Options struct {
	// Command is run with `sh -c` after each publish. Empty: New returns
	// nil, and a nil Runner does nothing.
	Command string
	// Content is the content folder: the working folder and RELIEF_CONTENT.
	Content string
	// Timeout stops a run that takes longer (DefaultTimeout when zero).
	Timeout time.Duration
	// Logger receives a line per run: "on-publish finished" or, as an
	// error, "on-publish failed", with the end of the output.
	Logger *slog.Logger
	// Env is the environment the command starts from (os.Environ() when nil).
	Env []string
}

// Status is how the last run went, for the dashboard.
type Status struct {
	Running  bool      // a run is going on now
	Ran      bool      // a run has finished since relief started
	OK       bool      // the last finished run succeeded
	Finished time.Time // when the last run finished
	Took     time.Duration
	Problem  string   // why the last run failed: "exit status 1", "stopped after 2m0s"
	Changed  []string // the files the last run was told about
	Output   string   // the end of the last run's output (at most 20 lines)
}

// Runner runs the on-publish command. Its methods are safe for concurrent
// use; those of a nil Runner do nothing.
type Runner struct {
	opts Options
	ctx  context.Context

	mu      sync.Mutex
	running bool
	pending map[string]bool // files changed since the running one started; nil: nothing queued
	status  Status
	idle    chan struct{} // closed when no run is going on or queued
}

// New returns a Runner for opts, or nil when there is no command. Runs
// stop when ctx ends (relief shutting down).
func New(ctx context.Context, opts Options) *Runner {
	if strings.TrimSpace(opts.Command) == "" {
		return nil
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	idle := make(chan struct{})
	close(idle)
	return &Runner{opts: opts, ctx: ctx, idle: idle}
}

// Published tells the runner a publish succeeded, changing files (paths
// relative to the content folder). It returns at once: the command runs
// in the background now, or after the run going on (folded with any other
// publish meanwhile).
func (r *Runner) Published(files ...string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.running {
		if r.pending == nil {
			r.pending = map[string]bool{}
		}
		for _, f := range files {
			r.pending[f] = true
		}
		return
	}
	first := map[string]bool{}
	for _, f := range files {
		first[f] = true
	}
	r.running = true
	r.status.Running = true
	r.idle = make(chan struct{})
	go r.loop(sortedKeys(first))
}

// loop runs the command for changed, then again while publishes are queued.
func (r *Runner) loop(changed []string) {
	for {
		st := r.run(changed)
		r.mu.Lock()
		r.status = st
		if r.pending == nil {
			r.running = false
			close(r.idle)
			r.mu.Unlock()
			return
		}
		r.status.Running = true
		changed = sortedKeys(r.pending)
		r.pending = nil
		r.mu.Unlock()
	}
}

// Status returns how the last run went; the zero Status before any.
func (r *Runner) Status() Status {
	if r == nil {
		return Status{}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	st := r.status
	st.Changed = slices.Clone(st.Changed)
	return st
}

// Wait blocks until no run is going on or queued, or ctx ends.
func (r *Runner) Wait(ctx context.Context) error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	idle := r.idle
	r.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// run runs the command once and logs how it went.
func (r *Runner) run(changed []string) Status {
	ctx, cancel := context.WithTimeout(r.ctx, r.opts.Timeout)
	defer cancel()
	out := &tail{max: 16 << 10}
	cmd := exec.CommandContext(ctx, "sh", "-c", r.opts.Command)
	cmd.Dir = r.opts.Content
	cmd.Env = append(slices.Clone(r.opts.Env),
		"RELIEF_CONTENT="+r.opts.Content,
		"RELIEF_CHANGED="+strings.Join(changed, "\n"))
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = 5 * time.Second // children keeping the output open
	killGroup(cmd)
	start := time.Now()
	err := cmd.Run()
	st := Status{Ran: true, OK: err == nil, Finished: time.Now(), Took: time.Since(start).Round(time.Millisecond),
		Changed: changed, Output: out.lines(20)}
	attrs := []any{"command", r.opts.Command, "changed", len(changed), "took", st.Took, "output", st.Output}
	if err == nil {
		r.opts.Logger.Info("on-publish finished", attrs...)
		return st
	}
	st.Problem = err.Error()
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		st.Problem = fmt.Sprintf("stopped after %s (the -on-publish-timeout)", r.opts.Timeout)
	case r.ctx.Err() != nil:
		st.Problem = "stopped: relief was shutting down"
	}
	r.opts.Logger.Error("on-publish failed; the publish itself stands", append(attrs, "problem", st.Problem)...)
	return st
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
	cut bool
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
		t.cut = true
	}
	return len(p), nil
}

// lines returns the last n lines, without the trailing line break.
func (t *tail) lines(n int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	ls := strings.Split(strings.TrimRight(string(t.buf), "\n"), "\n")
	if t.cut && len(ls) > 1 {
		ls = ls[1:] // the first line was cut part-way
	}
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n")
}

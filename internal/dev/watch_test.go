package dev_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/dev"
)

// TestWatcherSaves saves a file the ways editors do and checks that each
// save is one change naming the file, made when the file is back in
// place: written in place, written to a temp file renamed over it, and
// moved aside with the new file written after a pause (an editor slowed
// down by a busy computer), which must never be reported as gone. A file
// removed for good is reported too, once its grace is over.
func TestWatcherSaves(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sciatica.md")
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rename := func(from, to string) {
		t.Helper()
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
	}
	write(name, "first")
	const gone = "(gone)" // what a change reports when the file is not there
	tests := []struct {
		name string
		save func()
		want string // the file's text when the change is reported, or gone
	}{
		{"in place", func() { write(name, "in place") }, "in place"},
		{"temp file renamed over it", func() { write(name+".tmp", "renamed"); rename(name+".tmp", name) }, "renamed"},
		{"moved aside, written after a pause", func() {
			rename(name, name+"~")
			time.Sleep(30 * time.Millisecond) // longer than the quiet period, shorter than the grace
			write(name, "after a pause")
			os.Remove(name + "~")
		}, "after a pause"},
		{"removed", func() { os.Remove(name) }, gone},
	}
	w, err := dev.NewWatcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Grace = 5 * time.Second // generous for a busy machine: the pause above is far shorter
	changes := make(chan string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.Run(ctx, 5*time.Millisecond, func(paths []string) {
		if !slices.Contains(paths, name) {
			changes <- "a change without the file: " + filepath.Base(paths[0])
			return
		}
		text, err := os.ReadFile(name)
		if err != nil {
			changes <- gone
			return
		}
		changes <- string(text)
	}, func(err error) { t.Error(err) })
	for _, tt := range tests {
		tt.save()
		for deadline := time.After(60 * time.Second); ; {
			var got string
			select {
			case got = <-changes:
			case <-deadline:
				t.Fatalf("%s: no change saw %q", tt.name, tt.want)
			}
			if got == tt.want {
				break
			}
			// A busy machine may pause an editor between its steps for
			// longer than the quiet period (os.WriteFile between making
			// the file empty and writing it): an early change is fine, as
			// long as the last one sees the file saved. A file moved
			// aside must never be seen gone.
			if tt.want != gone && got == gone {
				t.Errorf("%s: a change saw the file gone", tt.name)
			}
		}
	}
}

//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/site"
)

// The fault-injection suite: files, folders and signals that once made
// relief hang, read outside the site, run out of memory or delete what it
// did not write (issue 9). Each test states the exact outcome.

// hostileContent copies the built-in content into a new folder and adds a
// named pipe, a link to /dev/zero, a link to a secret outside the folder
// in place of site.yaml's neighbour, and a sparse 3 GiB page.
func hostileContent(t *testing.T) (dir string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, relief.Content()); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "shadow")
	os.WriteFile(secret, []byte("root:SECRET-HASH:19000:0:99999:7:::\n"), 0o600)
	cond := filepath.Join(dir, "conditions")
	if err := syscall.Mkfifo(filepath.Join(cond, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/zero", filepath.Join(cond, "z.md"))
	os.Symlink(secret, filepath.Join(cond, "shadow.md"))
	os.Symlink(secret, filepath.Join(dir, "pages", "etc.md"))
	f, _ := os.Create(filepath.Join(cond, "huge.md"))
	f.Truncate(3 << 30)
	f.Close()
	return dir
}

// runWithin runs relief with args and fails the test when it has not
// returned after a minute: a hang.
func runWithin(t *testing.T, ctx context.Context, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, noEnv, &out, &errOut) }()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatalf("relief %s: still running after a minute", strings.Join(args, " "))
	}
	return out.String(), errOut.String(), err
}

func TestCheckHostileFiles(t *testing.T) {
	dir := hostileContent(t)
	stdout, _, err := runWithin(t, t.Context(), "check", "-content", dir)
	if err == nil {
		t.Fatal("check passed a folder with a pipe and links in it")
	}
	for _, want := range []string{
		dir + "/conditions/fifo.md:1:1: error: cannot read the file: it is a named pipe, not a file: relief reads only ordinary files, so remove it from the folder",
		dir + "/conditions/z.md:1:1: error: cannot read the file: it is a symbolic link: relief reads only real files inside the site's folders, never links (a link can point anywhere on the computer); put the file or folder itself here instead of a link to it",
		dir + "/conditions/shadow.md:1:1: error: cannot read the file: it is a symbolic link",
		dir + "/pages/etc.md:1:1: error: cannot read the file: it is a symbolic link",
		dir + "/conditions/huge.md:1:1: error: cannot read the file: the file is 3221225472 bytes (3072.0 MiB); the limit is 1048576 bytes (1.0 MiB): is it really a page?",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check output lacks\n%s\nin:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "SECRET") {
		t.Errorf("check printed the secret a link points to:\n%s", stdout)
	}
}

func TestServeAndBuildRefuseHostileFiles(t *testing.T) {
	dir := hostileContent(t)
	for _, args := range [][]string{
		{"serve", "-addr", freeAddr(t), "-content", dir},
		{"build", "-out", filepath.Join(t.TempDir(), "public"), "-content", dir},
	} {
		_, stderr, err := runWithin(t, t.Context(), args...)
		if code := exitCode(err, io.Discard); code != 1 {
			t.Errorf("relief %s: exit code %d, want 1", args[0], code)
		}
		if msg := fmt.Sprint(err); !strings.Contains(msg, "fifo.md:1:1: error: cannot read the file: it is a named pipe") || strings.Contains(msg+stderr, "SECRET") {
			t.Errorf("relief %s: error does not name the pipe, or shows the secret:\n%s", args[0], msg)
		}
	}
}

// TestBuildCleanRefusesTheSiteFolder is the command that once deleted a
// site: build -out . -clean inside the site's own folder.
func TestBuildCleanRefusesTheSiteFolder(t *testing.T) {
	siteDir := t.TempDir()
	os.CopyFS(filepath.Join(siteDir, "content"), relief.Content())
	os.MkdirAll(filepath.Join(siteDir, ".git"), 0o755)
	os.WriteFile(filepath.Join(siteDir, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	t.Chdir(siteDir)
	before := listing(t, siteDir)
	for _, args := range [][]string{
		{"build", "-out", ".", "-clean", "-content", "content"},
		{"build", "-out", ".", "-clean"},
		{"build", "-out", "content", "-clean", "-content", "content"},
	} {
		_, _, err := runWithin(t, t.Context(), args...)
		if err == nil || !strings.Contains(err.Error(), "give -out a folder of its own, like ./public") {
			t.Errorf("relief %s: error = %v, want a refusal", strings.Join(args, " "), err)
		}
	}
	if after := listing(t, siteDir); after != before {
		t.Errorf("the site folder changed:\nbefore %s\nafter  %s", before, after)
	}
}

func listing(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		info, _ := d.Info()
		fmt.Fprintf(&b, "%s %d\n", name, info.Size())
		return nil
	})
	return b.String()
}

// stallFS is a content folder whose every open waits until release is
// closed: a disk that stopped answering.
type stallFS struct {
	fs.FS
	release chan struct{}
}

func (s stallFS) Open(name string) (fs.File, error) {
	<-s.release
	return s.FS.Open(name)
}

// TestSignalDuringStalledLoad: a load stuck on its disk is given up as
// soon as the context (SIGINT, SIGTERM) is done.
func TestSignalDuringStalledLoad(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	files := site.Files{Content: stallFS{relief.Content(), release}, Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() {
		_, err := loadSite(ctx, files)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "relief: stopped") {
			t.Errorf("loadSite: error = %v, want relief: stopped: context canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("loadSite did not return after its context was cancelled")
	}
}

// TestHangupMeetsPipeOnTheWire is the production failure of issue 9 on a
// real process: a SIGHUP that meets a named pipe in the content is
// refused with a log line naming it, the next SIGHUP reloads, and SIGTERM
// still stops the server.
func TestHangupMeetsPipeOnTheWire(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, relief.Content()); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RELIEF_TEST_MAIN=1", "RELIEF_TEST_ARGS=serve -log-format text -addr "+addr+" -content "+dir)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("waited 30 s for %s; the log:\n%s", what, stderr.String())
			}
		}
	}
	waitFor("/healthz", func() bool {
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
		}
		return err == nil
	})

	fifo := filepath.Join(dir, "conditions", "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor("the refusal", func() bool {
		return strings.Contains(stderr.String(), "conditions/fifo.md:1:1: error: cannot read the file: it is a named pipe, not a file")
	})

	os.Remove(fifo)
	sciatica := filepath.Join(dir, "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)
	os.WriteFile(sciatica+".new", bytes.Replace(text, []byte(`title: "Sciatica"`), []byte(`title: "Sciatica (after the pipe)"`), 1), 0o644)
	os.Rename(sciatica+".new", sciatica)
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor("the reload", func() bool { return strings.Contains(stderr.String(), "site reloaded") })
	res, err := http.Get("http://" + addr + "/conditions/sciatica")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !bytes.Contains(body, []byte("Sciatica (after the pipe)")) {
		t.Error("after the second SIGHUP the page is not the new one")
	}

	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("after SIGTERM: %v, want exit status 0", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("relief did not stop within 30 s of SIGTERM")
	}
}

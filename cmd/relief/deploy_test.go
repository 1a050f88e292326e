package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
)

// readmeBlocks returns the fenced code blocks of README.md written in
// lang, each as its lines.
func readmeBlocks(t *testing.T, lang string) [][]string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks [][]string
	var cur []string
	in := false
	for line := range strings.SplitSeq(string(data), "\n") {
		switch {
		case !in && line == "```"+lang:
			in, cur = true, nil
		case in && line == "```":
			in = false
			blocks = append(blocks, cur)
		case in:
			cur = append(cur, line)
		}
	}
	return blocks
}

// readmeBlock returns the one block of lang that contains want.
func readmeBlock(t *testing.T, lang, want string) []string {
	t.Helper()
	for _, b := range readmeBlocks(t, lang) {
		if strings.Contains(strings.Join(b, "\n"), want) {
			return b
		}
	}
	t.Fatalf("README.md has no %s block with %q", lang, want)
	return nil
}

// TestReadmeSystemdUnit checks the README's unit file: every ExecStart,
// the commented one too, is a command line relief serve accepts (a note
// after the command would become an argument), its state folder is the
// unit's StateDirectory, both folders are in ReadWritePaths (editing in
// the browser writes them), and ExecReload sends SIGHUP. With systemd-analyze
// installed, systemd itself checks the file.
func TestReadmeSystemdUnit(t *testing.T) {
	unit := readmeBlock(t, "ini", "[Service]")
	starts, reload, stateDir := 0, "", ""
	var writable []string // ReadWritePaths: ProtectSystem=strict leaves nothing else writable
	for _, line := range unit {
		if v, ok := strings.CutPrefix(line, "ReadWritePaths="); ok {
			writable = append(writable, strings.Fields(v)...)
		}
	}
	for _, line := range unit {
		if v, ok := strings.CutPrefix(line, "StateDirectory="); ok {
			stateDir = "/var/lib/" + v
		}
		if v, ok := strings.CutPrefix(line, "ExecReload="); ok {
			reload = v
		}
		cmd, ok := strings.CutPrefix(strings.TrimPrefix(line, "# "), "ExecStart=")
		if !ok {
			continue
		}
		starts++
		args := strings.Fields(cmd)
		if len(args) < 2 || args[0] != "/usr/local/bin/relief" || args[1] != "serve" {
			t.Errorf("%q: want /usr/local/bin/relief serve ...", line)
			continue
		}
		f, err := parseServe(args[2:], io.Discard, io.Discard)
		if err != nil {
			t.Errorf("%q: relief serve refuses it: %v", line, err)
			continue
		}
		if f.dirs.content == "" || f.state == "" || !strings.HasPrefix(f.state, stateDir) {
			t.Errorf("%q: want -content and a -state inside the StateDirectory %s", line, stateDir)
		}
		if !slices.Contains(writable, f.dirs.content) || !slices.Contains(writable, f.state) {
			t.Errorf("ReadWritePaths=%s: want the content folder %s and the state folder %s (editing writes both)", strings.Join(writable, " "), f.dirs.content, f.state)
		}
	}
	if starts != 2 {
		t.Errorf("the unit has %d ExecStart lines (with the commented one), want 2", starts)
	}
	if reload != "/bin/kill -HUP $MAINPID" {
		t.Errorf("ExecReload=%q, want /bin/kill -HUP $MAINPID", reload)
	}
	checkUnitUser(t, unit)

	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "relief.service")
	text := strings.ReplaceAll(strings.Join(unit, "\n"), "/usr/local/bin/relief", exe)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("systemd-analyze", "verify", "--man=no", file).CombinedOutput(); err != nil {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// checkUnitUser checks that the unit runs relief as a fixed user, which
// the README's first-time steps make and give the content folder to: the
// files the editor writes must stay relief's across restarts, which a
// DynamicUser does not promise. MemoryDenyWriteExecute stays off: the
// WebP encoder compiles WebAssembly as it runs.
func checkUnitUser(t *testing.T, unit []string) {
	t.Helper()
	user := ""
	for _, line := range unit {
		if v, ok := strings.CutPrefix(line, "User="); ok {
			user = v
		}
		if strings.HasPrefix(line, "DynamicUser=yes") || strings.HasPrefix(line, "MemoryDenyWriteExecute=yes") {
			t.Errorf("the unit says %s", line)
		}
	}
	if user == "" {
		t.Fatal("the unit has no User= line")
	}
	steps := strings.Join(readmeBlock(t, "sh", "useradd"), "\n")
	for _, want := range []string{"useradd --system --user-group", " " + user + "\n", "chown -R " + user + ":" + user + " /srv/relief/content"} {
		if !strings.Contains(steps, want) {
			t.Errorf("the README's first-time steps lack %q:\n%s", want, steps)
		}
	}
}

// TestReadmeCIPublish runs the README's CI job (publishing path B) in a
// site's folder: a good commit is checked and built, and the folder it
// writes serves the site from a plain file server; a commit with a mistake
// fails the check and leaves the last build alone.
func TestReadmeCIPublish(t *testing.T) {
	job := readmeBlock(t, "sh", "relief build -out public")
	root := t.TempDir()
	for name, fsys := range map[string]fs.FS{"content": relief.Content(), "templates": relief.Templates(), "static": relief.Static()} {
		if err := os.CopyFS(filepath.Join(root, name), fsys); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	runJob := func() error {
		for _, line := range job {
			line, _, _ = strings.Cut(line, " #")
			args := strings.Fields(line)
			if len(args) == 0 {
				continue
			}
			if args[0] != "relief" {
				t.Fatalf("the CI job runs %q: want only relief commands in that block", line)
			}
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), args[1:], noEnv, &stdout, &stderr); err != nil {
				t.Logf("%s:\n%s%s", line, stdout.String(), stderr.String())
				return err
			}
		}
		return nil
	}
	if err := runJob(); err != nil {
		t.Fatalf("the CI job fails on the shipped site: %v", err)
	}
	files := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(root, "public"))))
	defer files.Close()
	get := func() string {
		res, err := http.Get(files.URL + "/conditions/sciatica/")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("GET /conditions/sciatica/ from the export: status %d", res.StatusCode)
		}
		return string(b)
	}
	if !strings.Contains(get(), "<h1>Sciatica</h1>") {
		t.Error("the exported /conditions/sciatica/ is not the Sciatica page")
	}

	sciatica := filepath.Join(root, "content", "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)
	os.WriteFile(sciatica, bytes.Replace(text, []byte(`title: "Sciatica"`), []byte(`title: "Sciatica (new)"`+"\nsumary: x"), 1), 0o644)
	if err := runJob(); err == nil {
		t.Fatal("the CI job passed a commit with an unknown key")
	}
	if strings.Contains(get(), "Sciatica (new)") {
		t.Error("a commit with a mistake changed the published folder")
	}
}

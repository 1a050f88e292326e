//go:build unix

package guard

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// hostile builds a folder holding every kind of file that must be refused,
// beside one good file, and a secret outside it.
func hostile(t *testing.T) (dir, secret string) {
	t.Helper()
	dir, outside := t.TempDir(), t.TempDir()
	secret = filepath.Join(outside, "shadow")
	write(t, secret, "root:$6$secret")
	write(t, filepath.Join(dir, "ok.md"), "fine")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink(t, "/dev/zero", filepath.Join(dir, "z.md"))
	symlink(t, secret, filepath.Join(dir, "site.yaml"))
	symlink(t, "ok.md", filepath.Join(dir, "inside.md"))
	symlink(t, outside, filepath.Join(dir, "linked-folder"))
	huge := filepath.Join(dir, "huge.md")
	write(t, huge, "")
	if err := os.Truncate(huge, 3<<30); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	return dir, secret
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

const (
	wantLink = "it is a symbolic link: relief reads only real files"
	wantPipe = "it is a named pipe, not a file"
	wantBig  = "the file is 3221225472 bytes (3072.0 MiB); the limit is 1048576 bytes (1.0 MiB)"
)

func TestReadFileOnDisk(t *testing.T) {
	dir, _ := hostile(t)
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(Limits{File: 1 << 20})
	tests := []struct{ name, want string }{
		{"ok.md", ""},
		{"fifo.md", wantPipe},
		{"z.md", wantLink},
		{"site.yaml", wantLink},
		{"inside.md", wantLink},
		{"huge.md", wantBig},
		{"linked-folder/shadow", "path escapes from parent"},
		{"../outside", "invalid argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			var data []byte
			var err error
			go func() { data, err = r.ReadFile(f, tt.name); close(done) }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("ReadFile(%s) hangs", tt.name)
			}
			checkErr(t, tt.name, err, tt.want)
			if tt.want == "" && string(data) != "fine" {
				t.Errorf("ReadFile(%s) = %q, want fine", tt.name, data)
			}
		})
	}
}

func checkErr(t *testing.T, name string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("ReadFile(%s): %v, want no error", name, err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("ReadFile(%s) error = %v, want it to contain %q", name, err, want)
	}
}

func TestFolderOpenRefuses(t *testing.T) {
	dir, _ := hostile(t)
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, want := range map[string]string{"fifo.md": wantPipe, "z.md": wantLink, "site.yaml": wantLink, "linked-folder": wantLink} {
		if _, err := fs.ReadFile(f, name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("fs.ReadFile(%s) error = %v, want %q", name, err, want)
		}
	}
	if _, err := fs.ReadDir(f, "linked-folder"); err == nil || !strings.Contains(err.Error(), wantLink) {
		t.Errorf("ReadDir(linked-folder) error = %v, want %q", err, wantLink)
	}
}

func TestReadFileMapFS(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.md":   {Data: []byte("fine")},
		"fifo.md": {Mode: fs.ModeNamedPipe},
		"dev.md":  {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"sock.md": {Mode: fs.ModeSocket},
		"z.md":    {Data: []byte("ok.md"), Mode: fs.ModeSymlink},
		"big.md":  {Data: make([]byte, 11)},
	}
	r := NewReader(Limits{File: 10})
	for name, want := range map[string]string{
		"ok.md": "", "fifo.md": wantPipe, "dev.md": "it is a device", "sock.md": "it is a socket",
		"z.md": wantLink, "big.md": "the file is 11 bytes; the limit is 10 bytes",
	} {
		_, err := r.ReadFile(fsys, name)
		checkErr(t, name, err, want)
	}
}

func TestBudget(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("12345")}, "b": {Data: []byte("12345")}, "c": {Data: []byte("1")}}
	r := NewReader(Limits{File: 10, Total: 10})
	for _, name := range []string{"a", "b"} {
		if _, err := r.ReadFile(fsys, name); err != nil {
			t.Fatalf("ReadFile(%s): %v", name, err)
		}
	}
	_, err := r.ReadFile(fsys, "c")
	if !errors.Is(err, ErrBudget) || !strings.Contains(err.Error(), "add up to more than 10 bytes") {
		t.Errorf("third file: error = %v, want the budget refusal", err)
	}
}

func TestSnapshot(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), "a")
	write(t, filepath.Join(dir, ".swp"), "x")
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before, err := Take(f)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "a.md"), "a longer")
	write(t, filepath.Join(dir, "b.md"), "b")
	write(t, filepath.Join(dir, ".swp"), "changed")
	after, _ := Take(f)
	if got := strings.Join(before.Changed(after), " "); got != "a.md b.md" {
		t.Errorf("Changed = %q, want \"a.md b.md\"", got)
	}
	if before.Newest().IsZero() {
		t.Error("Newest is zero")
	}
}

// TestOpenThroughLink: the folder itself may be reached through a link
// (a deployment's "current" link); only links inside it are refused.
func TestOpenThroughLink(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "real"), 0o755)
	write(t, filepath.Join(dir, "real", "a.md"), "fine")
	symlink(t, "real", filepath.Join(dir, "current"))
	f, err := Open(filepath.Join(dir, "current"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if data, err := NewReader(Limits{File: 10}).ReadFile(f, "a.md"); err != nil || string(data) != "fine" {
		t.Errorf("ReadFile through the folder's link = %q, %v; want fine", data, err)
	}
}

func TestHidden(t *testing.T) {
	for name, want := range map[string]bool{
		".git": true, ".DS_Store": true, ".sciatica.md.swp": true, ".": false,
		"sciatica.md": false, "sciatica.md~": false, "site.css": false,
	} {
		if got := Hidden(name); got != want {
			t.Errorf("Hidden(%q) = %v, want %v", name, got, want)
		}
	}
}

// memoryFS is a MapFS that hands out its bytes (Memory).
type memoryFS struct{ fstest.MapFS }

func (m memoryFS) Bytes(name string) ([]byte, bool) {
	f := m.MapFS[name]
	if f == nil {
		return nil, false
	}
	return f.Data, true
}

// TestReadFileMemory: a Memory's bytes are given as they are, not copied,
// after the same checks and counted against the same budget.
func TestReadFileMemory(t *testing.T) {
	fsys := memoryFS{fstest.MapFS{
		"a.md":    {Data: []byte("12345")},
		"b.md":    {Data: []byte("123456")},
		"big.md":  {Data: make([]byte, 11)},
		"fifo.md": {Mode: fs.ModeNamedPipe},
	}}
	r := NewReader(Limits{File: 10, Total: 10})
	data, err := r.ReadFile(fsys, "a.md")
	if err != nil || &data[0] != &fsys.MapFS["a.md"].Data[0] {
		t.Errorf("ReadFile(a.md) = %q, %v: want the Memory's own bytes", data, err)
	}
	_, err = r.ReadFile(fsys, "big.md")
	checkErr(t, "big.md", err, "the file is 11 bytes; the limit is 10 bytes")
	_, err = r.ReadFile(fsys, "fifo.md")
	checkErr(t, "fifo.md", err, wantPipe)
	if _, err = r.ReadFile(fsys, "b.md"); !errors.Is(err, ErrBudget) {
		t.Errorf("b.md past the budget: error = %v, want the budget refusal", err)
	}
}

// TestReadFileInSubFolder: the files of a sub-folder, which a Reader
// opens from the sub-folder it keeps open, are refused as those at the
// top are, and every error names the file by its whole path.
func TestReadFileInSubFolder(t *testing.T) {
	dir, _ := hostile(t)
	sub := filepath.Join(dir, "conditions")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(sub, "ok.md"), "fine")
	if err := syscall.Mkfifo(filepath.Join(sub, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink(t, "/dev/zero", filepath.Join(sub, "z.md"))
	symlink(t, "ok.md", filepath.Join(sub, "inside.md"))
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(Limits{File: 1 << 20})
	defer r.Close()
	for _, tt := range []struct{ name, want string }{
		{"conditions/ok.md", ""},
		{"conditions/fifo.md", wantPipe},
		{"conditions/z.md", wantLink},
		{"conditions/inside.md", wantLink},
		{"conditions/ok.md", ""}, // again, from the sub-folder kept open
		{"linked-folder/shadow", "path escapes from parent"},
		{"conditions/../ok.md", "invalid argument"},
	} {
		data, err := r.ReadFile(f, tt.name)
		checkErr(t, tt.name, err, tt.want)
		if tt.want == "" && string(data) != "fine" {
			t.Errorf("ReadFile(%s) = %q, want fine", tt.name, data)
		}
		var pe *fs.PathError
		if err != nil && (!errors.As(err, &pe) || pe.Path != tt.name) {
			t.Errorf("ReadFile(%s) error = %#v, want a *fs.PathError naming %s", tt.name, err, tt.name)
		}
	}
	for _, name := range []string{"conditions/gone.md", "gone/x.md"} {
		if _, err := r.ReadFile(f, name); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), name) {
			t.Errorf("ReadFile(%s) error = %v, want one that names it and is fs.ErrNotExist", name, err)
		}
	}
	r.Close()
	if data, err := r.ReadFile(f, "conditions/ok.md"); err != nil || string(data) != "fine" {
		t.Errorf("ReadFile after Close = %q, %v; want fine (the sub-folder opened again)", data, err)
	}
}

package history

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// write puts files (path → text; "" removes it) into dir.
func write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if text == "" {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func open(t testing.TB, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return r
}

func commit(t testing.TB, r *Repo, author, msg string, paths ...string) Version {
	t.Helper()
	v, err := r.Commit(author, msg, paths...)
	if err != nil {
		t.Fatalf("Commit(%s): %v", msg, err)
	}
	return v
}

func file(t testing.TB, r *Repo, path, hash string) string {
	t.Helper()
	b, err := r.File(path, hash)
	if err != nil {
		t.Fatalf("File(%s, %s): %v", path, hash, err)
	}
	return string(b)
}

// summary is "author: message" per version, newest first.
func summary(t testing.TB, r *Repo, path string) []string {
	t.Helper()
	vs, err := r.Log(path, 0)
	if err != nil {
		t.Fatalf("Log(%s): %v", path, err)
	}
	var out []string
	for _, v := range vs {
		s := v.Author + ": " + v.Message
		if v.Deleted {
			s += " (deleted)"
		}
		if v.Path != path {
			s += " [" + v.Path + "]"
		}
		out = append(out, s)
	}
	return out
}

func same(t testing.TB, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

// gitCheck runs the real git, when installed, over the repository: fsck
// must pass and the committed paths must not show as changed.
func gitCheck(t *testing.T, dir string, clean ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		return
	}
	if out, err := exec.Command("git", "-C", dir, "fsck", "--strict").CombinedOutput(); err != nil {
		t.Errorf("git fsck: %v\n%s", err, out)
	}
	out, err := exec.Command("git", "-C", dir, "status", "--porcelain").CombinedOutput()
	if err != nil {
		t.Fatalf("git status: %v\n%s", err, out)
	}
	for _, p := range clean {
		if strings.Contains(string(out), p) {
			t.Errorf("git status shows %s as changed after its commit:\n%s", p, out)
		}
	}
}

func TestOpenCreatesWithFirstCommit(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"conditions/sciatica.md":                   "---\ntitle: Sciatica\n---\n",
		"site.yaml":                                "name: Calm Hands\n",
		"conditions/sciatica.md~":                  "backup",
		"conditions/.sciatica.md.swp":              "swap",
		"conditions/sciatica (conflicted copy).md": "sync",
		".DS_Store":                                "mac",
	})
	r := open(t, dir)
	same(t, "log", summary(t, r, "conditions/sciatica.md"), []string{"relief: First version of the content"})
	vs, _ := r.Log("site.yaml", 1)
	if got := file(t, r, "site.yaml", vs[0].Hash); got != "name: Calm Hands\n" {
		t.Errorf("site.yaml at first version = %q", got)
	}
	for _, p := range []string{"conditions/sciatica.md~", "conditions/.sciatica.md.swp", "conditions/sciatica (conflicted copy).md", ".DS_Store"} {
		if _, err := r.File(p, vs[0].Hash); !errors.Is(err, ErrNotFound) {
			t.Errorf("File(%s) = %v, want ErrNotFound: left by an editor, never committed", p, err)
		}
	}
	if head, err := r.repo.Head(); err != nil || head.Name() != "refs/heads/main" {
		t.Errorf("HEAD = %v, %v; want branch main (the README pushes main)", head, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, ".gitignore")); err != nil || string(b) != Ignore {
		t.Errorf(".gitignore = %q, %v; want Ignore", b, err)
	}
	gitCheck(t, dir, "sciatica.md\n", "site.yaml")

	// Opening again makes no second first commit.
	r = open(t, dir)
	same(t, "log after reopening", summary(t, r, "site.yaml"), []string{"relief: First version of the content"})
}

func TestCommitLogFileDiff(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"conditions/neck-pain.md": "one\ntwo\n", "index.md": "home\n"})
	r := open(t, dir)
	write(t, dir, map[string]string{"conditions/neck-pain.md": "one\n2\n", "index.md": "home, changed on disk\n"})
	v1 := commit(t, r, "Anna Berg", "Edited Neck pain", "conditions/neck-pain.md")
	write(t, dir, map[string]string{"conditions/neck-pain.md": "one\n2\nthree\n"})
	v2 := commit(t, r, "tom", "Edited Neck pain again", "conditions/neck-pain.md")

	same(t, "log", summary(t, r, "conditions/neck-pain.md"), []string{
		"tom: Edited Neck pain again", "Anna Berg: Edited Neck pain", "relief: First version of the content"})
	same(t, "index.md log: the unrelated change stays out", summary(t, r, "index.md"), []string{"relief: First version of the content"})
	if got := file(t, r, "index.md", v2.Hash); got != "home\n" {
		t.Errorf("index.md at %s = %q, want the committed text", v2.Hash, got)
	}
	if got := file(t, r, "conditions/neck-pain.md", v1.Hash); got != "one\n2\n" {
		t.Errorf("File at v1 = %q", got)
	}
	vs, _ := r.Log("conditions/neck-pain.md", 2)
	if len(vs) != 2 || vs[0].Hash != v2.Hash || vs[1].Hash != v1.Hash {
		t.Errorf("Log limit 2 = %+v", vs)
	}
	c, err := r.repo.CommitObject(r.mustHead(t))
	if err != nil || c.Author.Email != "anna-berg@relief.invalid" && c.Author.Email != "tom@relief.invalid" {
		t.Errorf("author e-mail = %q, %v", c.Author.Email, err)
	}

	// Nothing changed: no new commit.
	again := commit(t, r, "tom", "Saved without changes", "conditions/neck-pain.md")
	if again.Hash != v2.Hash {
		t.Errorf("unchanged Commit made %s, want the newest %s", again.Hash, v2.Hash)
	}
	gitCheck(t, dir, "neck-pain.md")
}

func (r *Repo) mustHead(t *testing.T) [20]byte {
	t.Helper()
	h, err := r.repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h.Hash()
}

func TestDeleteThenRestore(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"conditions/whiplash.md": "whiplash text\n", "conditions/hip-pain.md": "hip\n"})
	r := open(t, dir)
	write(t, dir, map[string]string{"conditions/whiplash.md": ""})
	del := commit(t, r, "anna", "Deleted Whiplash", "conditions/whiplash.md")
	same(t, "log", summary(t, r, "conditions/whiplash.md"), []string{
		"anna: Deleted Whiplash (deleted)", "relief: First version of the content"})
	if _, err := r.File("conditions/whiplash.md", del.Hash); !errors.Is(err, ErrNotFound) {
		t.Errorf("File at the deleting version: %v, want ErrNotFound", err)
	}
	removed, err := r.Removed()
	if err != nil || len(removed) != 1 || removed[0].Path != "conditions/whiplash.md" || removed[0].Hash != del.Hash {
		t.Fatalf("Removed = %+v, %v", removed, err)
	}
	vs, _ := r.Log("conditions/whiplash.md", 2)
	old := file(t, r, "conditions/whiplash.md", vs[1].Hash)
	write(t, dir, map[string]string{"conditions/whiplash.md": old})
	commit(t, r, "anna", "Restored Whiplash", "conditions/whiplash.md")
	if removed, _ := r.Removed(); len(removed) != 0 {
		t.Errorf("Removed after restoring = %+v, want none", removed)
	}
	gitCheck(t, dir, "whiplash.md")
}

func TestRenameKeepsHistory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"conditions/tmj.md": "jaw\n"})
	r := open(t, dir)
	write(t, dir, map[string]string{"conditions/tmj.md": "jaw pain\n"})
	commit(t, r, "anna", "Edited TMJ", "conditions/tmj.md")
	write(t, dir, map[string]string{"conditions/tmj.md": "", "conditions/jaw-pain.md": "redirect_from: [/conditions/tmj]\njaw pain\n"})
	commit(t, r, "anna", "Renamed TMJ to jaw-pain", "conditions/tmj.md", "conditions/jaw-pain.md")
	same(t, "log of the new name", summary(t, r, "conditions/jaw-pain.md"), []string{
		"anna: Renamed TMJ to jaw-pain",
		"anna: Edited TMJ [conditions/tmj.md]",
		"relief: First version of the content [conditions/tmj.md]"})
	vs, _ := r.Log("conditions/jaw-pain.md", 0)
	if got := file(t, r, vs[1].Path, vs[1].Hash); got != "jaw pain\n" {
		t.Errorf("the version before the rename = %q", got)
	}
	gitCheck(t, dir, "jaw-pain.md", "tmj.md")
}

func TestExistingRepositoryAndDirtyFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"notes.txt": "mine\n", "conditions/sciatica.md": "s\n"})
	g, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := g.Worktree()
	wt.Add("notes.txt")
	wt.Add("conditions/sciatica.md")
	sig := &object.Signature{Name: "Sam", Email: "sam@example.com"}
	theirs, err := wt.Commit("Sam's own commit", &git.CommitOptions{Author: sig})
	if err != nil {
		t.Fatal(err)
	}
	// Unrelated work in progress: a changed tracked file, a staged new
	// file and an untracked one.
	write(t, dir, map[string]string{"notes.txt": "mine, half edited\n", "staged.txt": "staged\n", "untracked.txt": "u\n"})
	wt.Add("staged.txt")

	r := open(t, dir)
	same(t, "Sam's history kept, no first commit", summary(t, r, "notes.txt"), []string{"Sam: Sam's own commit"})
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err == nil {
		t.Error("Open wrote a .gitignore into an existing repository")
	}
	write(t, dir, map[string]string{"conditions/sciatica.md": "sciatica\n"})
	v := commit(t, r, "anna", "Edited Sciatica", "conditions/sciatica.md")
	c, _ := r.repo.CommitObject(r.mustHead(t))
	if c.Hash.String() != v.Hash || len(c.ParentHashes) != 1 || c.ParentHashes[0] != theirs {
		t.Errorf("new commit %s has parents %v, want Sam's %s", c.Hash, c.ParentHashes, theirs)
	}
	if got := file(t, r, "notes.txt", v.Hash); got != "mine\n" {
		t.Errorf("notes.txt in relief's commit = %q, want Sam's committed text", got)
	}
	for _, p := range []string{"staged.txt", "untracked.txt"} {
		if _, err := r.File(p, v.Hash); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s swept into relief's commit (%v)", p, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine, half edited\n" {
		t.Errorf("notes.txt on disk = %q: unrelated work touched", b)
	}
	st, err := wt.Status()
	if err != nil {
		t.Fatal(err)
	}
	if s := st.File("staged.txt"); s.Staging != git.Added {
		t.Errorf("staged.txt staging = %c, want still added", s.Staging)
	}
	if s, listed := st["conditions/sciatica.md"]; listed {
		t.Errorf("sciatica.md status = %c%c, want clean after its commit", s.Staging, s.Worktree)
	}
	gitCheck(t, dir, "sciatica.md")
}

func TestDamagedRepository(t *testing.T) {
	for name, damage := range map[string]func(dir string) error{
		"garbage HEAD": func(dir string) error {
			os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
			return os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("nonsense"), 0o644)
		},
		"empty .git folder": func(dir string) error { return os.MkdirAll(filepath.Join(dir, ".git"), 0o755) },
		".git is a file": func(dir string) error {
			return os.WriteFile(filepath.Join(dir, ".git"), []byte("not git"), 0o644)
		},
		"missing commit": func(dir string) error {
			if _, err := Open(dir); err != nil {
				return err
			}
			return os.RemoveAll(filepath.Join(dir, ".git", "objects"))
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{"index.md": "home\n"})
			if err := damage(dir); err != nil {
				t.Fatal(err)
			}
			_, err := Open(dir)
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "rename that .git folder") {
				t.Fatalf("Open = %v, want ErrDamaged saying what to do", err)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "index.md")); string(b) != "home\n" {
				t.Error("the page was touched")
			}
		})
	}
}

func TestInsideAnotherRepository(t *testing.T) {
	outer := t.TempDir()
	if _, err := git.PlainInit(outer, false); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(outer, "site", "content")
	write(t, dir, map[string]string{"index.md": "home\n"})
	if _, err := Open(dir); !errors.Is(err, ErrInsideRepository) || !strings.Contains(err.Error(), outer) {
		t.Fatalf("Open inside a repository = %v, want ErrInsideRepository naming it", err)
	}
	for _, p := range []string{".git", ".gitignore"} {
		if _, err := os.Lstat(filepath.Join(dir, p)); err == nil {
			t.Errorf("Open wrote %s inside another repository", p)
		}
	}
}

func TestBadPaths(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"index.md": "home\n"})
	r := open(t, dir)
	for _, p := range []string{"../outside.md", "/etc/passwd", ".git/config", "a/../b.md", `conditions\x.md`, "", "."} {
		if _, err := r.Commit("anna", "x", p); err == nil {
			t.Errorf("Commit(%q) = nil error", p)
		}
		if _, err := r.Log(p, 0); err == nil {
			t.Errorf("Log(%q) = nil error", p)
		}
	}
	if _, err := r.File("index.md", "not-a-hash"); !errors.Is(err, ErrNotFound) {
		t.Errorf("File with a bad hash = %v, want ErrNotFound", err)
	}
	if _, err := r.File("index.md", strings.Repeat("ab", 20)); !errors.Is(err, ErrNotFound) {
		t.Errorf("File with an unknown hash = %v, want ErrNotFound", err)
	}
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           []string
	}{
		{"same", "a\nb\n", "a\nb\n", []string{" a", " b"}},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", []string{" a", "-b", "+B", " c"}},
		{"added at end without newline", "a\n", "a\nb", []string{" a", "+b"}},
		{"crlf equals lf", "a\r\nb\r\n", "a\nb\n", []string{" a", " b"}},
		{"from nothing", "", "x\n", []string{"+x"}},
		{"to nothing", "x\n", "", []string{"-x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, l := range Diff([]byte(tc.old), []byte(tc.new)) {
				got = append(got, string(l.Op)+l.Text)
			}
			same(t, "Diff", got, tc.want)
		})
	}
}

// BenchmarkCommit measures one save's commit in a content folder of n
// pages (the sample site has 13 files; a big practice 1,000).
func BenchmarkCommit(b *testing.B) {
	for _, n := range []int{13, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			files := map[string]string{}
			for i := range n {
				files[fmt.Sprintf("conditions/page-%04d.md", i)] = strings.Repeat("A sentence about pain.\n", 40)
			}
			write(b, dir, files)
			r := open(b, dir)
			b.ResetTimer()
			for i := range b.N {
				write(b, dir, map[string]string{"conditions/page-0007.md": fmt.Sprintf("version %d\n", i)})
				commit(b, r, "anna", "Edited", "conditions/page-0007.md")
			}
		})
	}
}

// BenchmarkOpenFirst measures Open on a content folder with no history
// yet: the .gitignore and the first commit of n pages.
func BenchmarkOpenFirst(b *testing.B) {
	for _, n := range []int{13, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			files := map[string]string{}
			for i := range n {
				files[fmt.Sprintf("conditions/page-%04d.md", i)] = strings.Repeat("A sentence about pain.\n", 40)
			}
			for range b.N {
				b.StopTimer()
				dir := b.TempDir()
				write(b, dir, files)
				b.StartTimer()
				open(b, dir)
			}
		})
	}
}

// BenchmarkLog measures a page's history (Log) after 200 commits in a
// folder of 1,000 pages.
func BenchmarkLog(b *testing.B) {
	dir := b.TempDir()
	files := map[string]string{}
	for i := range 1000 {
		files[fmt.Sprintf("conditions/page-%04d.md", i)] = strings.Repeat("A sentence about pain.\n", 40)
	}
	write(b, dir, files)
	r := open(b, dir)
	for i := range 200 {
		p := fmt.Sprintf("conditions/page-%04d.md", i%20)
		write(b, dir, map[string]string{p: fmt.Sprintf("version %d\n", i)})
		commit(b, r, "anna", "Edited", p)
	}
	b.ResetTimer()
	for range b.N {
		if vs, err := r.Log("conditions/page-0007.md", 0); err != nil || len(vs) != 11 {
			b.Fatalf("Log = %d versions, %v", len(vs), err)
		}
	}
}

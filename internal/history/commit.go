package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// renamedTrailer ends the message of a commit that removed one path and
// created another: "Relief-Renamed: old -> new". Log follows it.
const renamedTrailer = "Relief-Renamed: "

// change is what Commit records for one path: its new blob, or its removal.
type change struct {
	hash    plumbing.Hash // zero when the file is gone from disk
	mode    filemode.FileMode
	info    fs.FileInfo
	existed bool // the path was in the last commit
}

// Commit records the current state of paths (written, changed or deleted
// on disk by the caller) as one commit by author with message, and
// returns it. Other changed files in the folder are left out of it: the
// new commit is the last one with only these paths changed, whatever else
// is modified, staged or untracked. The git index is updated for these
// paths too (best effort), so `git status` in the folder agrees.
//
// When nothing changed, no commit is made and the newest commit is
// returned. A commit that removes exactly one path and creates exactly one
// other is recorded as a rename, which Log follows. The author's e-mail is
// NAME@relief.invalid.
func (r *Repo) Commit(author, message string, paths ...string) (Version, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range paths {
		if err := checkPath(p); err != nil {
			return Version{}, err
		}
	}
	head, parent, err := r.head()
	if err != nil {
		return Version{}, err
	}
	baseTree := plumbing.ZeroHash
	if parent != nil {
		baseTree = parent.TreeHash
	}
	changes, err := r.read(parent, paths)
	if err != nil {
		return Version{}, err
	}
	tree, _, err := r.buildTree(baseTree, changes, true)
	if err != nil {
		return Version{}, fmt.Errorf("history: recording %s: %w", strings.Join(paths, ", "), err)
	}
	if parent != nil && tree == baseTree {
		return version(parent), nil
	}
	c := &object.Commit{
		Author:   signature(author),
		Message:  message + renameTrailer(changes),
		TreeHash: tree,
	}
	c.Committer = c.Author
	if parent != nil {
		c.ParentHashes = []plumbing.Hash{parent.Hash}
	}
	if err := r.store(c, head); err != nil {
		return Version{}, err
	}
	r.updateIndex(changes)
	v := version(c)
	v.Message = message
	return v, nil
}

// checkPath refuses anything but a clean relative path inside the folder.
func checkPath(p string) error {
	first, _, _ := strings.Cut(p, "/")
	if !fs.ValidPath(p) || p == "." || strings.Contains(p, `\`) || first == ".git" {
		return fmt.Errorf("history: %q is not a file inside the content folder", p)
	}
	return nil
}

// head returns HEAD's reference name and commit; a nil commit when the
// repository has none yet.
func (r *Repo) head() (plumbing.ReferenceName, *object.Commit, error) {
	ref, err := r.repo.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", nil, fmt.Errorf("history: reading HEAD: %w", err)
	}
	name := plumbing.HEAD
	if ref.Type() == plumbing.SymbolicReference {
		name = ref.Target()
	}
	resolved, err := r.repo.Storer.Reference(name)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return name, nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("history: reading %s: %w", name, err)
	}
	c, err := r.repo.CommitObject(resolved.Hash())
	if err != nil {
		return "", nil, fmt.Errorf("history: reading the newest commit: %w", err)
	}
	return name, c, nil
}

// read stores each path's bytes as a blob, or notes that it is gone.
func (r *Repo) read(parent *object.Commit, paths []string) (map[string]*change, error) {
	var base *object.Tree
	if parent != nil {
		t, err := parent.Tree()
		if err != nil {
			return nil, fmt.Errorf("history: reading the newest commit: %w", err)
		}
		base = t
	}
	changes := make(map[string]*change, len(paths))
	for _, p := range paths {
		ch := &change{}
		if base != nil {
			_, err := base.FindEntry(p)
			ch.existed = err == nil
		}
		changes[p] = ch
		name := filepath.Join(r.dir, filepath.FromSlash(p))
		info, err := os.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		if !info.Mode().IsRegular() {
			return nil, fmt.Errorf("history: %s is not an ordinary file", p)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		if ch.hash, err = r.blob(data); err != nil {
			return nil, fmt.Errorf("history: storing %s: %w", p, err)
		}
		ch.info, ch.mode = info, filemode.Regular
		if info.Mode().Perm()&0o111 != 0 {
			ch.mode = filemode.Executable
		}
	}
	return changes, nil
}

func (r *Repo) blob(data []byte) (plumbing.Hash, error) {
	obj := r.repo.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.repo.Storer.SetEncodedObject(obj)
}

// buildTree returns the tree that is base with changes applied (paths
// relative to it) and its number of entries. An empty tree is stored only
// at the root: an emptied folder disappears, as in git.
func (r *Repo) buildTree(base plumbing.Hash, changes map[string]*change, root bool) (plumbing.Hash, int, error) {
	entries := map[string]object.TreeEntry{}
	if !base.IsZero() {
		t, err := object.GetTree(r.repo.Storer, base)
		if err != nil {
			return plumbing.ZeroHash, 0, err
		}
		for _, e := range t.Entries {
			entries[e.Name] = e
		}
	}
	sub := map[string]map[string]*change{}
	for p, ch := range changes {
		dir, rest, nested := strings.Cut(p, "/")
		if nested {
			if sub[dir] == nil {
				sub[dir] = map[string]*change{}
			}
			sub[dir][rest] = ch
			continue
		}
		delete(entries, p)
		if !ch.hash.IsZero() {
			entries[p] = object.TreeEntry{Name: p, Mode: ch.mode, Hash: ch.hash}
		}
	}
	for dir, chs := range sub {
		old := plumbing.ZeroHash
		if e, ok := entries[dir]; ok && e.Mode == filemode.Dir {
			old = e.Hash
		}
		h, n, err := r.buildTree(old, chs, false)
		if err != nil {
			return plumbing.ZeroHash, 0, err
		}
		delete(entries, dir)
		if n > 0 {
			entries[dir] = object.TreeEntry{Name: dir, Mode: filemode.Dir, Hash: h}
		}
	}
	if len(entries) == 0 && !root {
		return plumbing.ZeroHash, 0, nil
	}
	t := &object.Tree{}
	for _, e := range entries {
		t.Entries = append(t.Entries, e)
	}
	sort.Sort(object.TreeEntrySorter(t.Entries))
	obj := r.repo.Storer.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return plumbing.ZeroHash, 0, err
	}
	h, err := r.repo.Storer.SetEncodedObject(obj)
	return h, len(t.Entries), err
}

// renameTrailer returns the trailer recording a rename when exactly one
// path that existed was removed and exactly one new path was created.
func renameTrailer(changes map[string]*change) string {
	var removed, created []string
	for p, ch := range changes {
		switch {
		case ch.hash.IsZero() && ch.existed:
			removed = append(removed, p)
		case !ch.hash.IsZero() && !ch.existed:
			created = append(created, p)
		}
	}
	if len(removed) != 1 || len(created) != 1 {
		return ""
	}
	return "\n\n" + renamedTrailer + removed[0] + " -> " + created[0]
}

// store writes the commit and moves the branch to it, refusing if the
// branch moved meanwhile (another program committing at the same time).
func (r *Repo) store(c *object.Commit, name plumbing.ReferenceName) error {
	obj := r.repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	h, err := r.repo.Storer.SetEncodedObject(obj)
	if err != nil {
		return fmt.Errorf("history: storing the commit: %w", err)
	}
	c.Hash = h
	var old *plumbing.Reference
	if len(c.ParentHashes) > 0 {
		old = plumbing.NewHashReference(name, c.ParentHashes[0])
	}
	if err := r.repo.Storer.CheckAndSetReference(plumbing.NewHashReference(name, h), old); err != nil {
		return fmt.Errorf("history: moving %s to the new commit: %w (was something else committing at the same moment? try again)", name.Short(), err)
	}
	return nil
}

// updateIndex brings the git index in line for the committed paths. It
// is best effort: an index relief cannot write (a newer format) only
// makes `git status` show those files as changed.
func (r *Repo) updateIndex(changes map[string]*change) {
	idx, err := r.repo.Storer.Index()
	if err != nil {
		return
	}
	for p, ch := range changes {
		if ch.hash.IsZero() {
			_, _ = idx.Remove(p)
			continue
		}
		e, err := idx.Entry(p)
		if err != nil {
			e = idx.Add(p)
		}
		e.Hash, e.Mode = ch.hash, ch.mode
		e.Size = uint32(ch.info.Size())
		e.ModifiedAt = ch.info.ModTime()
	}
	idx.Cache = nil
	_ = r.repo.Storer.SetIndex(idx)
}

// signature is the author line for an editor user.
func signature(author string) object.Signature {
	local := strings.Map(func(c rune) rune {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
			return c
		case c >= 'A' && c <= 'Z':
			return c + 'a' - 'A'
		}
		return '-'
	}, author)
	local = strings.Trim(local, ".-")
	if local == "" {
		local = "editor"
	}
	name := strings.Map(func(c rune) rune {
		if c == '<' || c == '>' || c == '\n' || c == '\r' || c == 0 {
			return -1
		}
		return c
	}, author)
	return object.Signature{Name: name, Email: local + "@relief.invalid", When: time.Now().Round(time.Second)}
}

// version describes commit c; Message without relief's trailers.
func version(c *object.Commit) Version {
	msg, _, _ := strings.Cut(c.Message, "\n\n"+renamedTrailer)
	return Version{Hash: c.Hash.String(), When: c.Author.When, Author: c.Author.Name, Message: strings.TrimSpace(msg)}
}

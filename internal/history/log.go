package history

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/utils/merkletrie"
)

// Log returns the versions that changed path, newest first, at most limit
// (0: all). A renamed file's versions from before the rename are included
// when the rename was committed through Commit with both paths; their
// Version.Path is the older name. A version that removed the file has
// Deleted set. Only the first parent of each commit is followed.
func (r *Repo) Log(path string, limit int) ([]Version, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	_, c, err := r.head()
	if err != nil || c == nil {
		return nil, err
	}
	var out []Version
	cur := path
	now := blobAt(c, cur)
	for c != nil && (limit <= 0 || len(out) < limit) {
		parent, err := firstParent(c)
		if err != nil {
			return out, err
		}
		before := blobAt(parent, cur)
		if now != before {
			v := version(c)
			v.Path, v.Deleted = cur, now.IsZero()
			out = append(out, v)
			if from, to := renamed(c.Message); before.IsZero() && to == cur {
				cur = from
				before = blobAt(parent, cur)
			}
		}
		c, now = parent, before // each tree is looked into once
	}
	return out, nil
}

// Removed returns the files deleted by the newest commits (at most the
// last 1,000 looked at) that are not back in the newest one: the pages
// the dashboard offers to restore. Each Version is the one that deleted
// the file (Path set); restore from Log(Path, 2)[1].
func (r *Repo) Removed() ([]Version, error) {
	_, c, err := r.head()
	if err != nil || c == nil {
		return nil, err
	}
	headTree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	seen := map[string]bool{}
	var out []Version
	for n := 0; c != nil && n < 1000; n++ {
		parent, err := firstParent(c)
		if err != nil || parent == nil {
			return out, err
		}
		changes, err := treeChanges(parent, c)
		if err != nil {
			return out, err
		}
		for _, ch := range changes {
			action, err := ch.Action()
			if err != nil || action != merkletrie.Delete {
				continue
			}
			p := ch.From.Name
			if _, err := headTree.FindEntry(p); err == nil || seen[p] {
				continue
			}
			seen[p] = true
			v := version(c)
			v.Path, v.Deleted = p, true
			out = append(out, v)
		}
		c = parent
	}
	return out, nil
}

// File returns the bytes of path as of the commit hash; ErrNotFound when
// path did not exist there, or hash is not a commit of this history.
func (r *Repo) File(path, hash string) ([]byte, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if !plumbing.IsHash(hash) {
		return nil, fmt.Errorf("%w: %q is not a version", ErrNotFound, hash)
	}
	c, err := r.repo.CommitObject(plumbing.NewHash(hash))
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, hash)
	}
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	f, err := tree.File(path)
	if errors.Is(err, object.ErrFileNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, fmt.Errorf("%w: %s at %s", ErrNotFound, path, hash)
	}
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	rd, err := f.Reader()
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rd.Close()
	return io.ReadAll(rd)
}

func firstParent(c *object.Commit) (*object.Commit, error) {
	if c.NumParents() == 0 {
		return nil, nil
	}
	p, err := c.Parent(0)
	if err != nil {
		return nil, fmt.Errorf("history: reading the commit before %s: %w", c.Hash, err)
	}
	return p, nil
}

// blobAt is the hash of path in commit c; zero when absent (or c is nil).
func blobAt(c *object.Commit, path string) plumbing.Hash {
	if c == nil {
		return plumbing.ZeroHash
	}
	t, err := c.Tree()
	if err != nil {
		return plumbing.ZeroHash
	}
	e, err := t.FindEntry(path)
	if err != nil {
		return plumbing.ZeroHash
	}
	return e.Hash
}

func treeChanges(from, to *object.Commit) (object.Changes, error) {
	a, err := from.Tree()
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	b, err := to.Tree()
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return object.DiffTree(a, b)
}

// renamed reads the rename trailer Commit writes.
func renamed(message string) (from, to string) {
	_, trailer, ok := strings.Cut(message, "\n\n"+renamedTrailer)
	if !ok {
		return "", ""
	}
	from, to, _ = strings.Cut(strings.TrimSpace(trailer), " -> ")
	return from, to
}

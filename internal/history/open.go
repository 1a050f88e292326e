package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/relief-massage/relief/internal/guard"
)

// ErrDamaged says the content folder has a .git folder relief cannot read.
var ErrDamaged = errors.New("history: the content folder's history cannot be read")

// ErrInsideRepository says the content folder has no repository of its
// own but sits inside another one: Open leaves it alone.
var ErrInsideRepository = errors.New("history: no history of its own for a folder inside another git repository")

// enclosing returns the folder above dir that holds a .git, or "".
func enclosing(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// FirstAuthor is the author of the first commit Open makes.
const FirstAuthor = "relief"

// Ignore is the .gitignore Open writes into a content folder that has no
// history yet (an existing .gitignore is never changed): the temporary,
// backup and conflict files that editors and sync tools (Dropbox, iCloud,
// Syncthing, Office) leave beside the pages. The first commit leaves them
// out too.
const Ignore = `# Written by relief. Files that editors and sync tools leave beside the
# pages: never part of the site, never part of its history.
*~
*.swp
*.swo
*.tmp
.*.tmp*
*.bak
.#*
\#*#
.~lock.*
~$*
.DS_Store
Thumbs.db
desktop.ini
*conflicted copy*
*Case Conflict*
*.sync-conflict-*
.syncthing.*
*.icloud
.dropbox
.dropbox.attr
`

// Open opens the git repository in dir, the content folder, creating it
// (branch main, with a .gitignore, see Ignore, and a first commit of
// everything already there) when dir has none. A repository that exists but has no commits
// gets the first commit too. A .git folder that cannot be read is an
// ErrDamaged error saying what to do; it is never replaced.
//
// Only a repository whose top folder is dir itself is used. A content
// folder inside a bigger repository (a site kept in git, or relief's own
// source) gets no history of its own: that is ErrInsideRepository, and
// nothing is written.
func Open(dir string) (*Repo, error) {
	gitDir := filepath.Join(dir, ".git")
	repo, err := git.PlainOpen(dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if _, statErr := os.Lstat(gitDir); statErr == nil {
			return nil, damaged(gitDir, err)
		}
		if outer := enclosing(dir); outer != "" {
			return nil, fmt.Errorf("%w: %s is inside the git repository %s, which already keeps its versions; "+
				"commit the editor's changes there with git, or serve a content folder outside it to have relief keep them", ErrInsideRepository, dir, outer)
		}
		repo, err = git.PlainInitWithOptions(dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
		if err != nil {
			return nil, fmt.Errorf("history: starting the history in %s: %w (check that relief may write to that folder)", dir, err)
		}
	} else if err != nil {
		return nil, damaged(gitDir, err)
	}
	r := &Repo{dir: dir, repo: repo}
	if err := r.check(gitDir); err != nil {
		return nil, err
	}
	return r, nil
}

// check reads HEAD and its commit, and makes the first commit when there
// is none.
func (r *Repo) check(gitDir string) error {
	head, err := r.repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return r.first()
	}
	if err != nil {
		return damaged(gitDir, err)
	}
	c, err := r.repo.CommitObject(head.Hash())
	if err != nil {
		return damaged(gitDir, err)
	}
	if _, err := c.Tree(); err != nil {
		return damaged(gitDir, err)
	}
	return nil
}

func damaged(gitDir string, err error) error {
	return fmt.Errorf("%w (%s: %v). To start a fresh history, rename that .git folder "+
		"(for example to .git-damaged) and start relief again; the pages themselves are untouched. "+
		"To keep the old history, ask someone who knows git to repair it (git fsck)",
		ErrDamaged, gitDir, err)
}

// first writes the .gitignore when missing and commits every file in the
// folder that is neither hidden (guard.Hidden) nor ignored.
func (r *Repo) first() error {
	ignorePath := filepath.Join(r.dir, ".gitignore")
	if _, err := os.Lstat(ignorePath); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(ignorePath, []byte(Ignore), 0o644); err != nil {
			return fmt.Errorf("history: writing %s: %w (check that relief may write to the content folder)", ignorePath, err)
		}
	}
	ignored := matcher()
	paths := []string{".gitignore"}
	err := guard.Files(os.DirFS(r.dir), func(name string, info fs.FileInfo) error {
		if info.Mode().IsRegular() && !ignored.Match(strings.Split(name, "/"), false) {
			paths = append(paths, name)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("history: listing the content folder %s: %w", r.dir, err)
	}
	_, err = r.Commit(FirstAuthor, "First version of the content", paths...)
	return err
}

// matcher is Ignore as a gitignore matcher.
func matcher() gitignore.Matcher {
	var ps []gitignore.Pattern
	for _, line := range strings.Split(Ignore, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			ps = append(ps, gitignore.ParsePattern(line, nil))
		}
	}
	return gitignore.NewMatcher(ps)
}

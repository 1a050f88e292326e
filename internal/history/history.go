// Package history keeps every version of the therapist's content: each
// save, restore, rename and delete made in the browser editor is a commit
// in a git repository inside the content folder (created when missing),
// authored by the editor's user, written with a pure-Go git library, so the
// binary stays one static file and the folder stays an ordinary git
// repository anyone can clone, inspect or push to a backup.
//
// Paths are slash-separated and relative to the content folder
// ("conditions/sciatica.md").
//
// This file fixes the API the editor is built against; the implementation
// is still to do (every method returns ErrNotBuilt).
package history

import (
	"errors"
	"time"
)

// ErrNotBuilt is returned until the implementation lands.
var ErrNotBuilt = errors.New("history: not built yet")

// ErrNotFound says a path has no version with that hash.
var ErrNotFound = errors.New("history: no such version")

// Version is one commit that touched a file.
type Version struct {
	Hash    string    // the commit's full hash
	When    time.Time // when it was made
	Author  string    // the editor user who made it
	Message string    // what was done, in the therapist's words ("Edited Sciatica")
}

// Repo is the content folder's history.
type Repo struct {
	dir string
}

// Open opens the git repository in dir, the content folder, creating it
// (with a first commit of everything already there) when dir has none.
func Open(dir string) (*Repo, error) { return &Repo{dir: dir}, ErrNotBuilt }

// Commit records the current state of paths (written, changed or deleted
// on disk by the caller) as one commit by author with message, and
// returns it. Other changed files in the folder are left out of it.
func (r *Repo) Commit(author, message string, paths ...string) (Version, error) {
	return Version{}, ErrNotBuilt
}

// Log returns the versions that changed path, newest first, at most limit
// (0: all). A renamed file's versions from before the rename are included
// when the rename was committed through Commit with both paths.
func (r *Repo) Log(path string, limit int) ([]Version, error) { return nil, ErrNotBuilt }

// File returns the bytes of path as of the commit hash; ErrNotFound when
// path did not exist there.
func (r *Repo) File(path, hash string) ([]byte, error) { return nil, ErrNotBuilt }

// Line is one line of a readable diff.
type Line struct {
	Op   byte   // ' ' unchanged, '-' only in the old text, '+' only in the new
	Text string // the line, without its line break
}

// Diff returns a line-by-line diff of old and new, in order, for showing
// side by side or one under the other.
func Diff(old, new []byte) []Line { return nil }

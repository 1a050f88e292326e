// Package history keeps every version of the therapist's content: each
// save, restore, rename and delete made in the browser editor is a commit
// in a git repository inside the content folder (created when missing),
// authored by the editor's user, written with a pure-Go git library
// (go-git), so the binary stays one static file and the folder stays an
// ordinary git repository anyone can clone, inspect or push to a backup.
//
// Paths are slash-separated and relative to the content folder
// ("conditions/sciatica.md").
//
// The pieces: open.go finds or creates the repository (with a .gitignore
// for the temporary and conflict files editors and sync tools leave);
// commit.go records chosen files as one commit, building the new tree from
// the last commit's so nothing else in the folder (changed, staged or
// untracked) is swept into it; log.go lists a file's versions, following
// renames made through Commit, and the files deleted through it; diff.go
// compares two texts line by line.
package history

import (
	"errors"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
)

// ErrNotBuilt was returned while the implementation was still to do; no
// method returns it any more. It stays so code written against the first
// API keeps compiling.
var ErrNotBuilt = errors.New("history: not built yet")

// ErrNotFound says a path has no version with that hash.
var ErrNotFound = errors.New("history: no such version")

// Version is one commit that touched a file.
type Version struct {
	Hash    string    // the commit's full hash
	When    time.Time // when it was made
	Author  string    // the editor user who made it
	Message string    // what was done, in the therapist's words ("Edited Sciatica")
	// Path is the file's path in this version: in Log, the older name for
	// versions from before a rename. Commit leaves it empty.
	Path string
	// Deleted reports that this version removed the file (File at this
	// hash returns ErrNotFound; restore from the version before it).
	Deleted bool
}

// Repo is the content folder's history. It is safe for concurrent use
// within one process: commits are made one at a time.
type Repo struct {
	dir  string
	repo *git.Repository
	mu   sync.Mutex // held while a commit is built and HEAD moved
}

// Line is one line of a readable diff.
type Line struct {
	Op   byte   // ' ' unchanged, '-' only in the old text, '+' only in the new
	Text string // the line, without its line break
}

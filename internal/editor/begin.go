package editor

import (
	"fmt"
	"net/http"

	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/site"
)

// Every action that writes to the content folder (save, new condition,
// new translation, restore, delete, rename, site settings) starts with
// begin, so the rules before a write live in one place:
//
//   - the built-in content cannot be changed: refused, nothing opened;
//   - one write at a time (e.saving), held until the action ends;
//   - the folders are opened afresh;
//   - the file the action is about is read, and its version compared with
//     the one the form was opened from: a file changed since (another tab,
//     another person, an edit over SSH, a replayed form) is refused and
//     nothing is written;
//   - the content folder is listed before the action's check, for
//     live.go.

// action is a writing action to begin.
type action struct {
	title   string // heads a refusal: "Not deleted"
	target  target // the file the action is about
	version string // the version of target the form was opened from; "" when it must not exist yet
	// readOnly shows the refusal of the built-in content in the action's
	// own form; nil: a page headed title says it.
	readOnly func()
	// changed shows that target is not at version (current is its bytes,
	// nil when it does not exist); nil: a page says someone else changed
	// it.
	changed func(current []byte)
}

// job is a writing action under way, between begin and end.
type job struct {
	files   site.Files
	current []byte         // the action's file as it is on disk; nil when there is none
	before  guard.Snapshot // the content folder as listed before the check (live.go)
	done    func()
	e       *Editor
}

// end closes the folders and lets the next write begin.
func (j *job) end() {
	j.done()
	j.e.saving.Unlock()
}

// begin starts a; see the top of this file. When it returns false it has
// answered the request (and holds nothing); else the caller must call
// end.
func (e *Editor) begin(w http.ResponseWriter, r *http.Request, a action) (*job, bool) {
	if e.readOnly() {
		if a.readOnly != nil {
			a.readOnly()
		} else {
			e.message(w, r, http.StatusForbidden, a.title, readOnlyText(true))
		}
		return nil, false
	}
	e.saving.Lock()
	files, done, ok := e.open(w, r)
	if !ok {
		e.saving.Unlock()
		return nil, false
	}
	j := &job{files: files, done: done, e: e}
	current, err := readFile(files, a.target)
	if err != nil {
		j.end()
		e.refuse(w, r, http.StatusInternalServerError, a.title, fmt.Errorf("%s could not be read to check it: %w", a.target.Path, err))
		return nil, false
	}
	if now := versionOrNone(current); now != a.version {
		j.end()
		if a.changed != nil {
			a.changed(current)
		} else {
			e.log.Warn("editor: refused, the page changed since it was opened", "user", e.opts.User(r), "path", a.target.Path)
			e.message(w, r, http.StatusConflict, "Someone else changed this page",
				"The page changed since you opened this screen (in another tab, or by another person), so nothing was done. Go back, reload the screen to see the page as it is now, and choose again.")
		}
		return nil, false
	}
	j.current, j.before = current, e.snapshot(files)
	return j, true
}

// versionOrNone is the version of data, or "" for a file that does not
// exist (nil).
func versionOrNone(data []byte) string {
	if data == nil {
		return ""
	}
	return version(data)
}

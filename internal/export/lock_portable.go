//go:build !unix || portable

package export

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// staleLock is how old a spare's lock file must be to be taken as left
// by a build that was stopped before it could delete it: far longer than
// any build takes.
const staleLock = time.Hour

// lockSpare takes the spare folder dir for this build, or returns false
// when another build holds it (see openSpare): the file dir+".lock",
// created only if it does not exist, and deleted by release. A lock is
// taken by a file beside the folder, not by holding the folder open,
// because Windows refuses to rename a folder that is open (swap renames
// it). A build that was killed leaves its lock file: after staleLock it
// is deleted and taken again.
func lockSpare(dir string) (release func(), ok bool) {
	name := dir + ".lock"
	for range 2 {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(name) }, true
		}
		st, serr := os.Lstat(name)
		if !errors.Is(err, fs.ErrExist) || serr != nil || time.Since(st.ModTime()) < staleLock {
			return nil, false
		}
		os.Remove(name) // left by a build that was killed
	}
	return nil, false
}

//go:build unix && !portable

package export

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockSpare takes the spare folder dir for this build, or returns false
// when another build holds it (see openSpare): a lock on the folder
// itself (flock), which the system drops when the build ends, however it
// ends. release drops it.
func lockSpare(dir string) (release func(), ok bool) {
	lock, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	if unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB) != nil {
		lock.Close()
		return nil, false
	}
	return func() { lock.Close() }, true // closing drops the lock
}

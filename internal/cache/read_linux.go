//go:build linux && !portable

package cache

import (
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// readHead returns at most the first n bytes of the regular file name (all
// of it when it is shorter) and when it was last modified. It asks the
// system for no more than it needs (open, stat, read, close), without the
// runtime's poller, which an ordinary file never uses: a start reads one
// entry per page, thousands of them.
func readHead(name string, n int) ([]byte, time.Time, bool) {
	fd, err := unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	if err != nil {
		return nil, time.Time{}, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, time.Time{}, false
	}
	data, ok := readFD(fd, min(st.Size, int64(n)))
	return data, time.Unix(st.Mtim.Unix()), ok
}

// readFD reads size bytes from the open file fd.
func readFD(fd int, size int64) ([]byte, bool) {
	data := make([]byte, size)
	for n := 0; n < len(data); {
		m, err := unix.Read(fd, data[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil || m == 0 {
			return nil, false // shorter than it said: a damaged entry is a miss
		}
		n += m
	}
	return data, true
}

// identity describes the open file f by what changes when its bytes do:
// device, inode, size, and the time of its last change (which writing,
// renaming over and copying all move on, and no call sets back).
func identity(f *os.File) (string, bool) {
	var st unix.Stat_t
	if unix.Fstat(int(f.Fd()), &st) != nil {
		return "", false
	}
	return fmt.Sprintf("%d:%d:%d:%d.%09d:%d.%09d", st.Dev, st.Ino, st.Size, st.Ctim.Sec, st.Ctim.Nsec, st.Mtim.Sec, st.Mtim.Nsec), true
}

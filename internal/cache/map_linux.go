//go:build linux && !portable

package cache

import (
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// mapEntry returns the regular file name mapped into memory, read-only,
// and when it was last modified (see Store.MapEntries). The mapping is
// never undone: it lasts as long as the program. The file is closed at
// once; the mapping keeps its bytes even when the file is deleted or
// another file renamed over it, which is all the cache ever does to an
// entry (it never writes into one). An empty entry is an empty slice.
//
// A process may hold only so many mappings (vm.max_map_count, 65,530 by
// default, which the runtime's own memory counts against too): past
// maxMaps, and when mapping fails, the entry is read instead.
func mapEntry(name string, maps *atomic.Int64) ([]byte, time.Time, bool) {
	fd, err := unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	if err != nil {
		return nil, time.Time{}, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size < 0 || st.Size > maxMapped {
		return nil, time.Time{}, false
	}
	mtime := time.Unix(st.Mtim.Unix())
	if st.Size == 0 {
		return []byte{}, mtime, true
	}
	if maps.Add(1) <= maxMaps {
		if data, err := unix.Mmap(fd, 0, int(st.Size), unix.PROT_READ, unix.MAP_SHARED); err == nil {
			return data, mtime, true
		}
	}
	data, ok := readFD(fd, st.Size)
	return data, mtime, ok
}

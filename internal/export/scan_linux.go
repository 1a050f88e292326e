//go:build linux && !portable

package export

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"path"
	"time"

	"golang.org/x/sys/unix"
)

// The calls to the system behind scan (scan.go): each folder's names in
// large reads (getdents64), and a file asked about by its folder and name.

// stateOf returns the state (see folderState) the system gave of a folder.
func stateOf(st *unix.Stat_t) folderState {
	return folderState{uint64(st.Dev), uint64(st.Ino), st.Mtim.Nano(), st.Ctim.Nano()}
}

// lstatFolder returns the state of the folder dir, or the zero state
// when it is not a folder.
func lstatFolder(dir string) (folderState, error) {
	var st unix.Stat_t
	if err := unix.Lstat(dir, &st); err != nil {
		return folderState{}, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return folderState{}, nil
	}
	return stateOf(&st), nil
}

// folder scans the folder dir, at rel under the root.
func (s *scanner) folder(dir, rel string) {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	if err == unix.EINTR {
		fd, err = unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	}
	if err != nil {
		s.stop = !s.visit(cmp.Or(rel, "."), scanned{})
		return
	}
	if s.record != nil {
		var st unix.Stat_t
		if unix.Fstat(fd, &st) == nil {
			s.record[rel] = stateOf(&st)
		}
	}
	var subs []string
	for !s.stop {
		n, err := unix.Getdents(fd, s.buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			s.stop = !s.visit(cmp.Or(rel, "."), scanned{})
		}
		if n <= 0 {
			break
		}
		for b := s.buf[:n]; len(b) >= 19 && !s.stop; {
			// struct linux_dirent64: inode (8 bytes), offset (8), length
			// of this record (2), type (1), name ending with a zero byte.
			size := int(binary.NativeEndian.Uint16(b[16:18]))
			if size < 19 || size > len(b) {
				break
			}
			typ, name := b[18], b[19:size]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			b = b[size:]
			if string(name) == "." || string(name) == ".." {
				continue
			}
			s.entry(fd, path.Join(rel, string(name)), string(name), typ, &subs)
		}
	}
	unix.Close(fd)
	s.subfolders(dir, rel, subs)
}

// entry visits the file name (at rel) of the open folder fd, or notes it
// in subs when it is a folder.
func (s *scanner) entry(fd int, rel, name string, typ uint8, subs *[]string) {
	f := scanned{regular: typ == unix.DT_REG}
	if typ == unix.DT_UNKNOWN || (s.dates && typ == unix.DT_REG) {
		var st unix.Stat_t
		if err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			s.stop = !s.visit(rel, scanned{})
			return
		}
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFDIR:
			typ = unix.DT_DIR
		case unix.S_IFREG:
			f.regular = true
		}
		f.mtime = time.Unix(st.Mtim.Unix())
	}
	if typ == unix.DT_DIR {
		*subs = append(*subs, name)
		return
	}
	s.stop = !s.visit(rel, f)
}

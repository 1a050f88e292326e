//go:build linux && !portable

package export

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// The calls to the system that make an export's folders and files, made
// directly, without the runtime's poller, which an ordinary file never
// uses: an export creates thousands. sys_portable.go makes the same with
// the standard library, on every other system (and on Linux with the
// build tag portable, which tests it).

// mkdir makes the folder dir (see mkdirAll).
func mkdir(dir string) error { return unix.Mkdir(dir, 0o755) }

// createFile writes body as the new file name (fileMode), and fails
// with an error that is fs.ErrExist when name exists: open, write, close.
func createFile(name string, body []byte) error {
	fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, fileMode)
	if err == unix.EINTR {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, fileMode)
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for b := body; len(b) > 0; {
		n, err := unix.Write(fd, b)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		b = b[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

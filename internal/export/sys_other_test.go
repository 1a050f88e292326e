//go:build !unix

package export

import (
	"errors"
	"io/fs"
)

// mkfifo: this system has no named pipes.
func mkfifo(string) error { return errors.ErrUnsupported }

// links cannot tell how many names a file has here: one.
func links(fs.FileInfo) uint64 { return 1 }

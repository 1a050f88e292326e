//go:build unix

package auth

import (
	"os"
	"syscall"
)

// matchOwner gives the file f the owner of the folder dir when relief
// runs as root (sudo relief user add): the server, running as the state
// folder's owner, must be able to read the accounts file root writes.
func matchOwner(f *os.File, dir string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	return f.Chown(int(st.Uid), int(st.Gid))
}

//go:build unix

package auth

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestAddAsRootKeepsOwner: sudo relief user add writes a file the server's
// user (the state folder's owner) can read.
func TestAddAsRootKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	dir := filepath.Join(t.TempDir(), "state")
	os.Mkdir(dir, 0o700)
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	u := OpenUsers(dir)
	u.p = cheap
	if _, err := u.Add("anna", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(u.Path())
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 65534 || st.Gid != 65534 {
		t.Errorf("the accounts file is owned by %d:%d, want the folder's owner 65534:65534", st.Uid, st.Gid)
	}
}

//go:build unix

package publish

import (
	"os/exec"
	"syscall"
)

// killGroup makes a timeout stop the command and everything it started
// (sh, then git, then ssh): they share a process group.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}

//go:build !unix

package publish

import "os/exec"

// killGroup stops only the shell where process groups are not available.
func killGroup(cmd *exec.Cmd) {}

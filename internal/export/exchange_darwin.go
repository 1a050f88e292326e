//go:build darwin && !portable

package export

import "golang.org/x/sys/unix"

// exchange makes the folders a and b trade places in one step (see swap):
// renamex_np with RENAME_SWAP, which APFS offers (HFS+ refuses it, and
// swap then renames twice).
func exchange(a, b string) error {
	return unix.RenamexNp(a, b, unix.RENAME_SWAP)
}

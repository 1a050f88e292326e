//go:build (!linux && !darwin) || portable

package export

import "errors"

// exchange cannot make two folders trade places in one step on this
// system (or the build tag portable asked to test without it): swap
// renames twice.
func exchange(a, b string) error { return errors.ErrUnsupported }

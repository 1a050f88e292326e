//go:build !linux || portable

package export

import (
	"errors"
	"io/fs"
	"os"
)

// The export's folders and files made with the standard library (see
// sys_linux.go).

// mkdir makes the folder dir (see mkdirAll).
func mkdir(dir string) error {
	err := os.Mkdir(dir, 0o755)
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err // mkdirAll says which folder
	}
	return err
}

// createFile writes body as the new file name (fileMode), and fails
// with an error that is fs.ErrExist when name exists.
func createFile(name string, body []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return err
	}
	_, err = f.Write(body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
)

// Dir returns the folder the cache lives in: $RELIEF_CACHE when it is set,
// else relief/ in the user's cache folder ($XDG_CACHE_HOME, else
// $HOME/.cache, else %LocalAppData% on Windows, which sets no HOME). It
// returns "" when the cache is switched off (RELIEF_CACHE=off) or there
// is nowhere to put it.
func Dir(getenv func(string) string) string {
	switch v := getenv("RELIEF_CACHE"); {
	case v == "off":
		return ""
	case v != "":
		return v
	}
	if x := getenv("XDG_CACHE_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "relief")
	}
	if h := getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, ".cache", "relief")
	}
	if l := getenv("LocalAppData"); filepath.IsAbs(l) {
		return filepath.Join(l, "relief")
	}
	return ""
}

// ExecutableVersion returns a version for Open that names the running
// program's file, so that a new build of relief, even one with the same
// version number, never reads what an older one cached. Where the system
// says so (identity), it is the file's identity: its device, inode, size
// and change time, which any new bytes change (the change time cannot be
// set back); else the SHA-256 of its bytes, which is the same for a copy
// but means reading the whole program (tens of megabytes) on every run.
func ExecutableVersion() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if id, ok := identity(f); ok {
		return "file " + id, nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

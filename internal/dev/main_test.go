package dev_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/relief-massage/relief/internal/cache"
)

// pictures is the disk cache every preview of these tests shares, as
// relief serve -dev shares one across restarts: the built-in pictures
// are made once for the package instead of once per preview, which on a
// busy 2-core machine kept a preview's reload waiting for the cores.
var pictures *cache.Store

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "relief-dev-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pictures, err = cache.Open(dir, "test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	pictures.Wait()
	os.RemoveAll(dir)
	os.Exit(code)
}

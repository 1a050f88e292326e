package images

import (
	"os"
	"testing"
)

// TestShippedImages: every image of the example practice passes Check.
func TestShippedImages(t *testing.T) {
	lib := Scan(os.DirFS("../../content/" + Folder))
	if len(lib.Names()) == 0 {
		t.Fatal("the example practice has no images")
	}
	for _, im := range lib.Images() {
		if im.Err != nil {
			t.Errorf("content/images/%s: %v", im.Name, im.Err)
		}
	}
}

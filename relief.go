// Package relief holds the practice's website files that are built into the
// binary: the Markdown content, the HTML templates and the static assets.
//
// The go:embed directive cannot reach outside this file's folder, so this
// file sits beside the three folders. Each function returns a sub-tree
// rooted at its folder, so callers see "conditions/sciatica.md", not
// "content/conditions/sciatica.md", exactly as with os.DirFS("content").
package relief

import (
	"embed"
	"io/fs"
)

//go:embed content templates static
var files embed.FS

// Content returns the embedded content/ folder.
func Content() fs.FS { return sub("content") }

// Templates returns the embedded templates/ folder.
func Templates() fs.FS { return sub("templates") }

// Static returns the embedded static/ folder.
func Static() fs.FS { return sub("static") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		// fs.Sub only fails for an invalid path, and dir is a constant.
		panic("relief: " + err.Error())
	}
	return f
}

package site

import (
	"io/fs"
	"time"

	"github.com/relief-massage/relief/internal/content"
)

// Files are the three folders a site is made from.
type Files struct {
	Content   fs.FS
	Templates fs.FS
	Static    fs.FS
	// ContentDir is how the content folder is named in problems ("content").
	ContentDir string
}

// Load loads and validates the content, then builds the site. Content
// problems come back as a content.Problems error; template problems as an
// error naming the template file.
func Load(files Files, opts Options) (*Site, error) {
	cs, err := content.Load(files.Content, content.Options{Dir: files.ContentDir, Static: files.Static, Now: time.Now()})
	if err != nil {
		return nil, err
	}
	return Build(cs, files.Templates, files.Static, opts)
}

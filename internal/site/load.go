package site

import (
	"cmp"
	"io/fs"
	"time"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/route"
)

// Files are the three folders a site is made from.
type Files struct {
	Content   fs.FS
	Templates fs.FS
	Static    fs.FS
	// ContentDir is how the content folder is named in problems ("content").
	ContentDir string
	// Disk, when set, keeps what Load computes from these folders for the
	// next run (see package cache and Options.Disk).
	Disk *cache.Store
	// Images, when set, makes the pictures' variants (Options.Images):
	// a running server passes the same one to every load, so a reload
	// finds its pictures already made, in memory, with no work at all.
	Images *images.Processor
	// BuiltinTemplates says Templates are the templates built into relief
	// (see Options.BuiltinTemplates).
	BuiltinTemplates bool
	// CompressAfter holds back the compression of the bodies until it is
	// closed (Options.CompressAfter).
	CompressAfter <-chan struct{}
}

// Load loads and validates the content, then builds the site. Content
// problems come back as a content.Problems error; template problems as an
// error naming the template file.
func Load(files Files, opts Options) (*Site, error) {
	opts.Disk = cmp.Or(opts.Disk, files.Disk)
	opts.Images = cmp.Or(opts.Images, files.Images)
	opts.BuiltinTemplates = opts.BuiltinTemplates || files.BuiltinTemplates
	opts.CompressAfter = cmp.Or(opts.CompressAfter, files.CompressAfter)
	cs, err := content.Load(files.Content, content.Options{URLs: route.Names{}, Dir: files.ContentDir, Static: files.Static, Now: time.Now(), Disk: opts.Disk})
	if err != nil {
		return nil, err
	}
	return Build(cs, files.Templates, files.Static, opts)
}

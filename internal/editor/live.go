package editor

import (
	"context"
	"path"
	"slices"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/site"
)

// A save puts its change live the quick way when it can (Options.Swap):
// the content it has just checked with the change in memory is the
// content now on disk, so it builds the public site from that and hands
// it to the reload service, instead of the service reading and building
// every file again (seconds at a thousand pages). It takes the slow way,
// Options.Reload, whenever it cannot be sure what it built is what is on
// disk: any other content file changed between the check and the write
// (an edit over SSH, a deploy), the content folder cannot be listed, or
// the build fails (the reload then reports why).
//
// The build is site.Rebuild from the site the last save swapped in, when
// that site is still the one served and no file but the saved condition
// changed on disk since; it re-renders only the pages the change can
// touch. Otherwise (the first save, after a SIGHUP or a change by
// another route, a plain page or the home page) it is a full site.Build
// of the checked content, which still skips reading and parsing the
// files.

// snapshot lists the content folder before a save's check, for goLive;
// nil when there is no quick way or the folder cannot be listed.
func (e *Editor) snapshot(files site.Files) guard.Snapshot {
	if e.opts.Swap == nil {
		return nil
	}
	snap, err := guard.Take(files.Content)
	if err != nil {
		return nil
	}
	return snap
}

// goLive serves the site as it is after t's file was written with the
// content cs was checked with; before is snapshot's list from before the
// check. It returns the problems of the swap or the reload (nil: the
// new site is served). The caller holds e.saving.
func (e *Editor) goLive(ctx context.Context, files site.Files, t target, cs *content.Site, before guard.Snapshot) content.Problems {
	after, err := guard.Take(files.Content)
	if before == nil || err != nil || slices.ContainsFunc(before.Changed(after), func(p string) bool { return p != t.Path }) {
		e.live.site, e.live.files = nil, nil
		return e.opts.Reload(ctx)
	}
	st, err := e.public(files, cs, t, before)
	if err != nil {
		e.log.Warn("editor: the saved site could not be built in place; reading the folders again", "path", t.Path, "err", err)
		e.live.site, e.live.files = nil, nil
		return e.opts.Reload(ctx)
	}
	ps := e.opts.Swap(ctx, st)
	if ps.Count(content.Error) == 0 {
		e.live.site, e.live.files = st, after
	}
	return ps
}

// public builds the public site (no drafts) from cs, the checked content
// with t's file changed; before is the content folder as it was listed
// before the check.
func (e *Editor) public(files site.Files, cs *content.Site, t target, before guard.Snapshot) (*site.Site, error) {
	opts := site.Options{Disk: files.Disk}
	prev := e.live.site
	if prev == nil || prev != e.opts.Site() || t.Kind != content.KindCondition ||
		slices.ContainsFunc(e.live.files.Changed(before), func(p string) bool { return p != t.Path || path.Ext(p) != ".md" }) {
		return site.Build(cs, files.Templates, files.Static, opts)
	}
	return site.Rebuild(prev, cs, files.Templates, files.Static, opts, map[string]bool{t.Path: true})
}

package editor

import (
	"context"
	"path"
	"slices"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/site"
)

// Every change the editor writes (a save, a new page, a restore, a
// delete, a rename, the site settings) puts itself live the quick way
// when it can (Options.Swap): the content it has just checked with the
// change in memory is the content now on disk, so it builds the public
// site from that and hands it to the reload service, instead of the
// service reading and building every file again (seconds at a thousand
// pages). It takes the slow way, Options.Reload, whenever it cannot be
// sure what it built is what is on disk: any other content file changed
// between the check and the write (an edit over SSH, a deploy), the
// content folder cannot be listed, or the build fails (the reload then
// reports why).
//
// The build is site.Rebuild from the site the last change swapped in,
// when that site is still the one served, every changed file is a
// condition, and no other file changed on disk since; it re-renders only
// the pages the change can touch. Otherwise (the first change, after a
// SIGHUP or a change by another route, a plain page, the home page or
// site.yaml) it is a full site.Build of the checked content, which still
// skips reading and parsing the files.

// snapshot lists the content folder before a change's check, for goLive;
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

// goLive serves the site as it is after the files changed (paths inside
// the content folder, written or removed) were changed as cs was checked
// with; before is snapshot's list from before the check. It returns the
// problems of the swap or the reload (nil: the new site is served). The
// caller holds e.saving.
func (e *Editor) goLive(ctx context.Context, files site.Files, cs *content.Site, changed []string, before guard.Snapshot) content.Problems {
	after, err := guard.Take(files.Content)
	if before == nil || err != nil || slices.ContainsFunc(before.Changed(after), func(p string) bool { return !slices.Contains(changed, p) }) {
		e.live.site, e.live.files = nil, nil
		return e.opts.Reload(ctx)
	}
	st, err := e.public(files, cs, changed, before)
	if err != nil {
		e.log.Warn("editor: the changed site could not be built in place; reading the folders again", "paths", changed, "err", err)
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
// with the files changed; before is the content folder as it was listed
// before the check.
func (e *Editor) public(files site.Files, cs *content.Site, changed []string, before guard.Snapshot) (*site.Site, error) {
	opts := site.Options{Disk: files.Disk, Images: e.processor(files.Disk)}
	prev := e.live.site
	notCondition := func(p string) bool { t, err := parseTarget(p); return err != nil || t.Kind != content.KindCondition }
	sinceLast := func(p string) bool { return !slices.Contains(changed, p) || path.Ext(p) != ".md" }
	if prev == nil || prev != e.opts.Site() || slices.ContainsFunc(changed, notCondition) ||
		slices.ContainsFunc(e.live.files.Changed(before), sinceLast) {
		return site.Build(cs, files.Templates, files.Static, opts)
	}
	set := map[string]bool{}
	for _, p := range changed {
		set[p] = true
	}
	return site.Rebuild(prev, cs, files.Templates, files.Static, opts, set)
}

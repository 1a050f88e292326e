// Package reload is the one way a running server takes up changed
// folders: it loads a new site off to the side, validates it, swaps it in
// at once, keeps the old one when anything is wrong, and reports every
// problem.
//
// SIGHUP (cmd/relief) calls Service.Request, which folds signals that
// arrive while a reload runs; a caller that wants an answer, such as the
// coming browser editor, calls Service.Now and gets the Problems back.
// Both run the same reload:
//
//  1. Open the folders afresh (Config.Open), so a folder replaced by a
//     deploy is read anew.
//  2. Read settled files only: wait until the newest content file is
//     Config.Settle old, load the site (Config.Load, which validates it:
//     a site with any error is refused), then check that no content file
//     changed meanwhile. If one did, wait Settle and try again; after
//     Config.Tries loads refuse the reload, naming the files.
//  3. Swap the new site into Config.Target in one step: requests see the
//     old site or the new one, never half of either. On refusal the
//     target keeps serving what it had, every problem is logged one a
//     line (errors as errors, warnings as warnings), and the error is
//     returned.
//  4. Tell Config.Done how the reload ended (nil: the new site is served).
//
// Reloads are numbered as they start. The newest reload that succeeds
// wins: an older one finishing later is dropped, and logged as dropped.
// A reload running longer than Config.Stall is logged as stalled and no
// longer holds Request back: the next Request starts a fresh reload at
// once.
//
// The preview (internal/dev) still rebuilds on its own, because it builds
// incrementally and shows broken pages as error pages instead of keeping
// the old site; moving it onto this service is still to do.
package reload

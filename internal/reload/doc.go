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
// The editor's save has already built and validated the new site (the
// whole site with the change in memory, then the same file written to
// disk): it calls Service.Swap with that site, which skips steps 1 and 2
// and runs 3 and 4 as any reload does. The editor falls back to Now when
// any other content file changed since it read the folder.
//
// Reloads are numbered as they start. The newest reload that succeeds
// wins: an older one finishing later is dropped, and logged as dropped.
// A reload running longer than Config.Stall is logged as stalled and no
// longer holds Request back: the next Request starts a fresh reload at
// once.
//
// The preview (internal/dev) reloads through the same service on every
// save, with its own loader and Config.ErrorPages set: it gives no Open
// (its Load reads the content tree it keeps in memory, standing in the
// last good version of a broken file, and renders only what changed), so
// step 2 is one Load and no settle check, since the preview's watcher
// already waits for the folders to go quiet. Its Load returns a site with
// an error page for every broken file together with their problems, and
// step 3 swaps that site in instead of keeping the old one: the
// therapist sees the mistake where they look for the page. The problems
// are still logged and returned, and a warning is logged only on the
// first reload that has it. The loading differs; the swapping and the
// reporting are this package's alone.
package reload

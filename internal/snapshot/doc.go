// Package snapshot keeps a copy of the last site folders that loaded
// without errors, so that a server restarted with a broken edit on disk
// can keep serving the last good version instead of refusing to start.
//
// After a load from the folders succeeds, the caller copies them (Save),
// file by file, never the whole site in memory. A file edited in the
// moment between the two could make the snapshot differ from what was
// served; then the snapshot may not load, and a restart with errors on
// disk refuses to start, as it would without one. A snapshot lives in a state
// folder as
//
//	STATE/last-good/saved      when it was saved (RFC 3339)
//	STATE/last-good/content/   one folder per site folder that came from disk
//	STATE/last-good/templates/
//	STATE/last-good/static/
//
// Save writes a new snapshot beside the old one and swaps them with
// renames, so a crash at any moment leaves a whole snapshot behind
// (last-good, or last-good.old while the swap is half done); Open reads
// whichever is there.
package snapshot

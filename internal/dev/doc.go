// Package dev is the preview server's engine (relief serve -dev): it watches
// the content, templates and static folders, rebuilds the site when a file
// changes, and tells every open browser tab to reload.
//
// The pieces:
//   - watch.go watches folders recursively with fsnotify, including folders
//     created later, and coalesces the burst of events an editor makes
//     when it saves (write a temp file, rename it over the old one): it
//     acts once the folders have been quiet for DefaultQuiet (5ms; editors'
//     bursts last well under a millisecond), giving a file moved aside in
//     the middle of a save a little longer to come back. It also notices
//     a watched folder removed, moved away or replaced (a backup copied
//     back, even one given the old folder's inode number, as ext4 does),
//     holds its changes while it is gone, and watches it again,
//     rebuilding, when it is back.
//   - broker.go serves the Server-Sent Events stream /_relief/events that
//     static/js/dev-reload.js listens to, and sends "reload" to every tab;
//     it takes at most 64 streams and answers more with 503.
//   - host.go says which Host names the preview answers to (this
//     computer's), which server.Options.AllowHost enforces against DNS
//     rebinding.
//   - preview.go is the loader the reload service (internal/reload, with
//     ErrorPages) calls after every change: it reads the content tree into
//     memory (tree.go), keeps the last good bytes of every file, and when a
//     file is broken builds the site from the last good version of that
//     file instead (load.go), so every other page keeps working; a broken
//     file without one (at start, or a new file) stays in the tree for the
//     checks that span files but out of the site (content.Options.LeftOut),
//     so the pages that link to it or translate it do not break in turn.
//     A save costs what it changes, not the size of the site: only the
//     changed files are read from disk again; the content loader takes
//     the others' bytes from memory without copying them (guard.Memory)
//     and their parsed documents from its cache (content.Cache), while
//     every check that spans files still runs over the whole site; and
//     when only condition files changed, site.Rebuild renders only the
//     pages the change touches, keeping the templates, static files,
//     related conditions and sitemap of the last site when nothing they
//     depend on changed. The search index is made only when someone
//     searches. A test (incremental_test.go) holds the result to a full
//     load, byte for byte, after a table of edits. The service swaps the
//     site in, logs the problems and tells the broker to reload the
//     tabs, exactly as it does for SIGHUP.
//   - errpage.go renders the page a broken file (or a broken template)
//     shows instead: the file, line and message, with the lines quoted.
//
// Nothing here serves pages or swaps sites: the reload service swaps each
// new *site.Site into the server, exactly as a production reload does.
package dev

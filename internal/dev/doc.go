// Package dev is the preview server's engine (relief serve -dev): it watches
// the content, templates and static folders, rebuilds the site when a file
// changes, and tells every open browser tab to reload.
//
// The pieces:
//   - watch.go watches folders recursively with fsnotify, including folders
//     created later, and debounces the bursts of events an editor makes
//     when it saves (write a temp file, rename it over the old one). It
//     also notices a watched folder removed, moved away or replaced (a
//     backup copied back), holds its changes while it is gone, and watches
//     it again, rebuilding, when it is back.
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
//     file instead (load.go), so every other page keeps working; when only
//     condition files changed it renders only those pages again. The
//     service swaps the site in, logs the problems and tells the broker
//     to reload the tabs, exactly as it does for SIGHUP.
//   - errpage.go renders the page a broken file (or a broken template)
//     shows instead: the file, line and message, with the lines quoted.
//
// Nothing here serves pages or swaps sites: the reload service swaps each
// new *site.Site into the server, exactly as a production reload does.
package dev

// Package dev is the preview server's engine (relief serve -dev): it watches
// the content, templates and static folders, rebuilds the site when a file
// changes, and tells every open browser tab to reload.
//
// The pieces:
//   - watch.go watches folders recursively with fsnotify, including folders
//     created later, and debounces the bursts of events an editor makes
//     when it saves (write a temp file, rename it over the old one).
//   - broker.go serves the Server-Sent Events stream /_relief/events that
//     static/js/dev-reload.js listens to, and sends "reload" to every tab.
//   - preview.go rebuilds: it reads the content tree into memory, keeps the
//     last good bytes of every file, and when a file is broken builds the
//     site from the last good version of that file instead, so every other
//     page keeps working.
//   - errpage.go renders the page a broken file (or a broken template)
//     shows instead: the file, line and message, with the lines quoted.
//
// Nothing here serves pages: the preview swaps a new *site.Site into the
// server, exactly as a production reload does.
package dev

// Package publish runs the command the person who deploys the site chose
// to run after each successful publish from the browser editor
// (`relief serve -on-publish "git push backup main"`): a backup push, or
// `relief build` and an upload to a static host.
//
// A Runner runs the command through `sh -c` in the content folder, in the
// background, with a timeout, at most one at a time: a publish while it
// runs queues one more run, and further publishes fold into that one (its
// RELIEF_CHANGED lists every file changed meanwhile). The command's output
// is kept (only its end, bounded) and logged; its last status is there for
// the dashboard. The command never touches the publish it follows: a
// failure is reported, never undone.
//
// The command's environment is relief's own plus:
//
//	RELIEF_CONTENT  the content folder (also the working folder)
//	RELIEF_CHANGED  the changed files, relative to the content folder,
//	                one per line (names may contain spaces)
package publish

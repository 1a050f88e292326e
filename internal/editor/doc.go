// Package editor is the therapist's browser editor: every page under
// /_relief/ but the preview's event stream. Package auth stands in front of
// it (a login, or no login for relief serve -dev on this computer); the
// server gives its responses the Editor row of the header policy
// (no-store, noindex, the editor's CSP).
//
// What the therapist can do, and where (routes.go is the one list):
//
//   - /_relief/edit/ is the dashboard: every page (conditions, plain pages,
//     the home page, site settings) with its title, published or draft, when
//     it was last reviewed and when it is due (overdue is marked, by the
//     rule content.Condition.NextReview holds), and how many warnings the
//     checker has for it. A filter box (a GET form: it works without
//     JavaScript) narrows the list; "New condition" starts one.
//   - /_relief/edit/{file} opens one page in a form generated from
//     content.Fields: text boxes, body areas as checkboxes from site.yaml,
//     lists one item a line, related conditions by name, the reviewed date
//     with a "Reviewed today" button, draft, weight, and the Markdown body.
//     Every form carries the path of its file and the version (a hash of the
//     bytes) it was opened from.
//   - POST /_relief/preview renders the form as the page would look, with
//     the real templates and CSS, into the preview frame beside the form
//     (behind a tab on a phone). The Preview button does it without
//     JavaScript; with JavaScript it happens as the therapist types.
//   - POST /_relief/check answers the problems of the form as JSON, each
//     tied to a field or a body line, for showing as the therapist types,
//     and the "Worth a look" list as the top of the form shows it.
//   - POST /_relief/save saves. The whole site is loaded with the change
//     applied in memory (the file on disk is untouched); with an error
//     nothing is written and the form comes back with every problem beside
//     its field or line, and at its top a list of every error, each
//     linked to its field or line (then the page-wide warnings). Warnings
//     never stop a save; the page after a save (and a page opened) shows
//     them beside their field or line and in a "Worth a look" list at the
//     top of the form, each linked there. The notice after a save says
//     what Save did (published now; in the preview, Options.Preview,
//     seen by visitors at the site's next update; a draft, not seen) and
//     how many things are worth a look, with "Show me" leading to that
//     list (notice.go). A key of the page's settings the form has no
//     field for ("summry:") is shown in a box at the top of the form, with
//     the field it probably meant, to move into it or delete, so that
//     the page can be saved (keep.go). Settings that cannot be read at
//     all are shown as written in one box instead of the fields, with the
//     checker's messages by line; a save reads that box ("settings") as
//     the file's top again (form.unreadable). Another page's errors are
//     named by its title and linked to its form (elsewhere). A form whose version is not the file's version
//     on disk (another tab, another person, an edit over SSH, a replayed
//     form) is refused with both texts side by side, naming what differs
//     (which fields, the text), and a choice: keep mine, take theirs, or
//     copy mine and start again from theirs. Then the file is written atomically
//     (guard.WriteFile), the reload service swaps the site in, and the
//     change is committed to the history (Options.History). One save
//     runs at a time. The site swapped in is the one just checked, built
//     as the public site is (Options.Swap; live.go says when it reads the
//     folders again through Options.Reload instead): at a thousand pages
//     the save is live in a fraction of a second, not after a full
//     reload.
//   - /_relief/new makes a new condition from the scaffold relief new
//     writes, and opens it.
//   - POST /_relief/upload puts an image into the content folder's images/
//     (through images.Check: the type sniffed from its bytes, size and
//     pixel limits), commits it to the history, and answers the Markdown to
//     insert, with the alt text the therapist must give.
//   - /_relief/history/{file} lists the versions of a page (or of
//     site.yaml), newest first: date, author, what was done, and what
//     changed against the version before, line by line. "Restore this
//     version" (POST /_relief/restore) checks the site with that text as a
//     save does, writes it, and records it as a new version: nothing is
//     ever lost.
//   - /_relief/delete/{file} asks first (naming the conditions that still
//     list the page as related, which must change first); POST
//     /_relief/delete removes the file, committed, so /_relief/deleted
//     lists it with "Restore".
//   - /_relief/rename/{file} gives a condition a new address: the file
//     moves to conditions/NEW.md, the old address joins redirect_from, and
//     both are one commit, so the history follows the page.
//   - /_relief/settings edits site.yaml (its comments and unknown keys
//     kept). A body area that pages still use cannot be removed or have
//     its short name changed; the refusal names those pages, each linked
//     to its form. A refused settings save shows the form again as she
//     sent it, why at the top and a box's own mistakes beside it
//     (settingsMistakes), so nothing she typed is lost.
//   - Every action that writes (save, new, translate, restore, delete,
//     rename, settings) starts with begin (begin.go: the read-only
//     refusal, one write at a time, the version check). Restore, delete,
//     rename and settings then go through change.go: the whole site is
//     checked with the change in memory (a refusal lists each error by
//     its page's title, linked to the page's form, and the site's settings
//     linked to theirs: refusal in history.go), then files are written
//     (guard.WriteFile) or removed, the checked site swapped in as a
//     save's is (live.go), one commit recorded, and the -on-publish
//     command started (Options.Publish), whose last failure the
//     dashboard shows.
//   - A page is written back in its own format (frontmatter.go): YAML or
//     TOML, its comments and order kept, only the changed fields' lines
//     rewritten.
//   - /_relief/assets/ serves the editor's own script (CodeMirror 6 and the
//     editor's code, bundled by scripts/build-editor.sh into
//     assets/editor.js) and stylesheet, from the binary. Public pages never
//     load them.
//
// Without a content folder on disk (the built-in content) everything can
// be read and previewed, but nothing saved: the editor says so.
//
// Every save, upload and new page is logged with the user (Options.User).
// Bad input (a path outside the content folder, a field the schema does not
// have, an unknown body area, invalid UTF-8, a body over the size limit)
// gets a message saying what to do, writes nothing and never panics.
package editor

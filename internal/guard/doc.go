// Package guard is the one way relief reads the site's folders from disk:
// the content, templates and static folders, for check, build, serve, the
// SIGHUP reload and the preview alike. It exists so that no file in those
// folders can make relief hang, read outside the site, or run out of
// memory.
//
// The rules, applied to every file:
//   - Only ordinary files are read. A named pipe (FIFO), a device or a
//     socket is refused; on disk, files are opened with O_NONBLOCK and
//     checked again after opening, so a pipe can never block a read.
//   - Symbolic links are refused, wherever they point, even inside the
//     folder. (The folder itself may be reached through a link: -content
//     /srv/site/current is fine.) A link could point at /dev/zero or at
//     /etc/shadow; copying the file in is always possible instead.
//   - A file's size is checked before it is read, and the read itself
//     stops one byte past the limit, so a file that grows while it is read
//     is still refused.
//   - A Reader counts the bytes of every file it reads and refuses the
//     next one once the site's total budget is spent.
//
// Open returns a Folder: an fs.FS over a folder on disk (through os.Root,
// so no path can leave it) that applies the first two rules on every open.
// Reader.ReadFile applies all four to any fs.FS: a Folder gets the real
// Lstat and O_NONBLOCK checks, an fstest.MapFS in tests is judged by its
// mode bits (fs.ModeNamedPipe, fs.ModeSymlink), and the embedded files
// pass. A Reader opens each sub-folder it reads several files in once
// and keeps it open until Close, so that a file is looked up there in one
// step (one Reader per load, so a folder replaced since is read anew).
// Take makes a Snapshot of a tree's sizes and times without reading
// it; comparing two tells whether files were still being written while
// they were read (see cmd/relief's reload).
//
// Every refusal is a *fs.PathError whose Err says what is wrong and what
// to do, in words for someone who has never seen a terminal; callers put
// the file's name in front, e.g. "content/z.md:1:1: error: ...".
package guard

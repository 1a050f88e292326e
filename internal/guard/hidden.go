package guard

import "strings"

// Hidden reports whether a file or folder name (one element of a path, not
// the path) is one relief leaves alone in every folder it reads: a
// dot-file or dot-folder, such as .git, .DS_Store, or an editor's swap file
// (.sciatica.md.swp). Such files are never pages, assets or templates,
// never listed as ignored, and never watched. This is the one place that
// decides it.
func Hidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." }

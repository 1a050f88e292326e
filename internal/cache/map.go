package cache

// The limits of mapping entries into memory (map_linux.go; elsewhere, and
// with the build tag portable, entries are read: map_portable.go).

// maxMaps is how many entries a process maps at most: room for a site of
// 15,000 pages (a parse and a page each), and half the system's default
// limit left to everything else.
const maxMaps = 30_000

// maxMapped is the largest entry mapEntry maps: 1 GiB, far above any
// page's.
const maxMapped = 1 << 30

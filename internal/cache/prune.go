package cache

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The limits of the cache folder (see the package comment).
const (
	// MaxAge is how long an entry no run has used is kept.
	MaxAge = 30 * 24 * time.Hour
	// MaxBytes is the most the entries may take together, by default:
	// about three times the cache of a site of 10,000 pages (with the
	// stored files of its export, about 0.4 GB of it).
	MaxBytes = 2 << 30
	// touchAfter is how old an entry's date may get before Get marks it
	// used again: a day, so that a run rewrites few dates.
	touchAfter = 24 * time.Hour
	// pruneEvery is how often Prune looks at the folder at most.
	pruneEvery = 24 * time.Hour
	// pruneStamp is the file whose date says when the folder was last
	// pruned.
	pruneStamp = "pruned"
)

// MaxBytesFrom returns the size limit $RELIEF_CACHE_MAX_MB sets (in
// megabytes), or MaxBytes when it is unset, and an error saying what to
// write when it is not a whole number above zero.
func MaxBytesFrom(getenv func(string) string) (int64, error) {
	v := getenv("RELIEF_CACHE_MAX_MB")
	if v == "" {
		return MaxBytes, nil
	}
	mb, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || mb <= 0 || mb > 1<<40 {
		return MaxBytes, errors.New("RELIEF_CACHE_MAX_MB=" + v + " is not a size in megabytes: write a whole number, such as 2048, or leave it unset for 2 GiB")
	}
	return mb << 20, nil
}

// PruneIfDue runs Prune with maxAge and maxBytes when the folder was not
// pruned in the last day, and returns the number of entries deleted. Runs
// call it once their own entries are written (after Wait, or in the
// background after Flush), so that what they used is marked used.
func (s *Store) PruneIfDue(maxAge time.Duration, maxBytes int64) (int, error) {
	if s == nil {
		return 0, nil
	}
	stamp := filepath.Join(s.dir, pruneStamp)
	if st, err := os.Stat(stamp); err == nil && time.Since(st.ModTime()) < pruneEvery {
		return 0, nil
	}
	if err := os.WriteFile(stamp, nil, 0o644); err != nil {
		return 0, err
	}
	return s.Prune(time.Now(), maxAge, maxBytes)
}

// Prune deletes the entries not used since maxAge before now, then the
// least recently used ones until the rest take at most maxBytes, and
// temporary files left for an hour (by a run that was stopped while
// writing). It returns the number of files deleted.
func (s *Store) Prune(now time.Time, maxAge time.Duration, maxBytes int64) (int, error) {
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	var total int64
	deleted := 0
	remove := func(path string) {
		if os.Remove(path) == nil {
			deleted++
		}
	}
	dirs, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, err
	}
	for _, d := range dirs {
		if !d.IsDir() || len(d.Name()) != 2 {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(s.dir, d.Name()))
		if err != nil {
			continue
		}
		for _, e := range entries {
			info, err := e.Info()
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			f := file{filepath.Join(s.dir, d.Name(), e.Name()), info.Size(), info.ModTime()}
			switch age := now.Sub(f.used); {
			case strings.HasPrefix(e.Name(), ".tmp-"):
				if age > time.Hour {
					remove(f.path)
				}
			case age > maxAge:
				remove(f.path)
			default:
				files = append(files, f)
				total += f.size
			}
		}
	}
	slices.SortFunc(files, func(a, b file) int { return a.used.Compare(b.used) })
	for _, f := range files {
		if total <= maxBytes {
			break
		}
		remove(f.path)
		total -= f.size
	}
	return deleted, nil
}

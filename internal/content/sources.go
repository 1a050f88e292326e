package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/relief-massage/relief/internal/strs"
)

// Sources are the SHA-256 digests of the files a Site was loaded from,
// for the caches of what is made from the site (the rendered pages: see
// package site), so that they can tell exactly what changed without
// reading anything again. Load records every file it reads; the images
// are summed by Images.Digest.
//
// A condition's file counts twice: whole, for its own page (File), and
// by its frontmatter alone, for every other page (Digest): what one
// condition's page shows of another (its card: title, summary, areas,
// symptoms, picture, its place in the lists) comes from the frontmatter,
// so editing a condition's text changes its own page only.
//
// While Load reads, the digests are a map; once it is done (finish) they
// are a list sorted by name, searched by halves: a served site keeps them,
// and a map keyed by strings is objects for the collector to mark on every
// cycle, a strs.List of names and a list of digests is none per file.
type Sources struct {
	mu    sync.Mutex
	files map[string]sums // by Path as problems name the file: "content/conditions/sciatica.md"; nil once done
	// Once done: the names in order, and each one's digests.
	names strs.List
	sums  []sums
}

type sums struct {
	all   [sha256.Size]byte // the whole file
	front [sha256.Size]byte // what other pages may show of it: see frontOf
}

func newSources() *Sources { return &Sources{files: map[string]sums{}} }

// add records the bytes of the file rel, named name in problems, and
// returns their SHA-256 (which the parse cache's key takes instead of
// hashing the bytes again). Only Load adds, and only before finish: once
// done, s has no map to add to.
func (s *Sources) add(name, rel string, data []byte) [sha256.Size]byte {
	x := sums{all: sha256.Sum256(data)}
	if s == nil {
		return x.all
	}
	x.front = x.all
	if path.Dir(rel) == "conditions" {
		x.front = sha256.Sum256(frontOf(data))
	}
	s.mu.Lock()
	s.files[name] = x
	s.mu.Unlock()
	return x.all
}

// finish makes the digests the sorted list a served site keeps.
func (s *Sources) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done()
}

// done is finish with s.mu held.
func (s *Sources) done() {
	if s.files == nil {
		return
	}
	names := slices.Sorted(maps.Keys(s.files))
	s.names, s.sums = strs.Of(names), make([]sums, len(names))
	for i, n := range names {
		s.sums[i] = s.files[n]
	}
	s.files = nil
}

// get returns the digests of the file name, or zeros.
func (s *Sources) get(name string) sums {
	if s.files != nil {
		return s.files[name]
	}
	if i, ok := s.names.Search(name); ok {
		return s.sums[i]
	}
	return sums{}
}

// File returns the digest of the whole file at name (a Page's Path), or
// zeros when Load did not read it.
func (s *Sources) File(name string) [sha256.Size]byte {
	if s == nil {
		return [sha256.Size]byte{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.get(name).all
}

// Digest returns one digest of every file Load read, each with its name;
// condition files count by their frontmatter alone unless bodies is set
// (for templates that may show one condition's text on another's page).
func (s *Sources) Digest(bodies bool) [sha256.Size]byte {
	h := sha256.New()
	if s == nil {
		return [sha256.Size]byte(h.Sum(nil))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done()
	var n [binary.MaxVarintLen64]byte
	for i, x := range s.sums {
		name := s.names.At(i)
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(name)))])
		h.Write([]byte(name))
		if bodies {
			h.Write(x.all[:])
		} else {
			h.Write(x.front[:])
		}
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// frontOf returns the start of a condition file up to and including its
// closing --- line: its frontmatter. It errs on the side of more: a file
// that does not open with exactly "---" on the first line (TOML, a
// byte-order mark, no fence at all), or whose frontmatter is never closed
// by a line of exactly "---", is returned whole, so no part of the
// frontmatter is ever left out.
func frontOf(data []byte) []byte {
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || strings.TrimSuffix(string(first), "\r") != "---" {
		return data
	}
	end := len(first) + 1
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		end += len(line) + 1
		if strings.TrimSuffix(string(line), "\r") == "---" {
			return data[:min(end, len(data))]
		}
		rest = after
	}
	return data
}

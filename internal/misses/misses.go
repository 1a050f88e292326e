// Package misses counts the searches that found nothing, per day, so the
// therapist can see what visitors looked for and did not find: the pages
// to write next. `relief report` prints them.
//
// # What is stored, and why it is private
//
// Only the day (in UTC, no time of day) and the words of the query, with
// how many times that day someone searched for them and found nothing. No
// IP address, cookie, user agent, referrer, session or any other mark of
// who searched is read or kept, so no line can be tied to a person or
// linked to another line. Queries that look like they carry personal
// details (an "@", a run of four or more digits, a web address) are not
// kept at all, and queries are cut at 60 characters.
//
// # The store
//
// A small text file of our own, rewritten whole (temp file, fsync,
// rename) at most every FlushEvery and on Close, so a reader or a crash
// never sees half a file. Each line is "YYYY-MM-DD<TAB>count<TAB>query",
// sorted. It keeps the last KeepDays days and at most MaxPerDay different
// queries a day (later ones that day count under OtherQueries), so it
// stays under about a megabyte whatever visitors type. A file format of
// our own was chosen over an embedded database because the data is a few
// thousand short lines, a person can read it, and it needs no dependency.
package misses

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Bounds of the store.
const (
	KeepDays     = 90
	MaxPerDay    = 200
	MaxQuery     = 60 // characters
	FlushEvery   = 30 * time.Second
	OtherQueries = "(other searches)"
)

// Log counts searches that found nothing. It is safe for concurrent use.
type Log struct {
	path string
	now  func() time.Time

	mu      sync.Mutex
	days    map[string]map[string]int // day → query → count
	dirty   bool
	flushed time.Time
}

// Open reads the store at path, if there is one, and returns a Log that
// writes to it. now gives the time (time.Now outside tests).
func Open(path string, now func() time.Time) (*Log, error) {
	l := &Log{path: path, now: now, days: map[string]map[string]int{}}
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("misses: %w", err)
	}
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" {
			continue
		}
		day, count, query, ok := parseLine(line)
		if !ok {
			return nil, fmt.Errorf("misses: %s:%d: expected day, count and query separated by tabs: delete the line or the file", path, n+1)
		}
		l.add(day, query, count)
	}
	return l, nil
}

func parseLine(line string) (day string, count int, query string, ok bool) {
	parts := strings.SplitN(line, "\t", 3)
	if len(parts) != 3 {
		return "", 0, "", false
	}
	if _, err := time.Parse(time.DateOnly, parts[0]); err != nil {
		return "", 0, "", false
	}
	count, err := strconv.Atoi(parts[1])
	return parts[0], count, parts[2], err == nil && count > 0
}

// Record counts one search for query that found nothing. Queries that are
// empty or look personal are dropped (see the package comment).
func (l *Log) Record(query string) {
	q, ok := normalize(query)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.add(l.now().UTC().Format(time.DateOnly), q, 1)
	l.dirty = true
	if l.now().Sub(l.flushed) >= FlushEvery {
		_ = l.flushLocked() // a failed write is retried on the next flush
	}
}

// add counts n searches for q on day, within MaxPerDay.
func (l *Log) add(day, q string, n int) {
	m := l.days[day]
	if m == nil {
		m = map[string]int{}
		l.days[day] = m
	}
	if _, seen := m[q]; !seen && len(m) >= MaxPerDay {
		q = OtherQueries
	}
	m[q] += n
}

// normalize lower-cases query, collapses its spaces and cuts it at
// MaxQuery characters; it reports false for a query to drop.
func normalize(query string) (string, bool) {
	q := strings.ToLower(strings.Join(strings.Fields(strings.ToValidUTF8(query, "")), " "))
	if q == "" || strings.ContainsAny(q, "@<>") || strings.Contains(q, "http") || strings.Contains(q, "www.") {
		return "", false
	}
	digits := 0
	for _, r := range q {
		if unicode.IsDigit(r) {
			if digits++; digits >= 4 {
				return "", false
			}
		} else {
			digits = 0
		}
		if unicode.IsControl(r) {
			return "", false
		}
	}
	if utf8.RuneCountInString(q) > MaxQuery {
		q = string([]rune(q)[:MaxQuery])
	}
	return q, true
}

// Close writes what is not written yet.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.flushLocked()
}

// flushLocked drops days older than KeepDays and rewrites the store.
func (l *Log) flushLocked() error {
	l.flushed = l.now()
	if !l.dirty {
		return nil
	}
	oldest := l.now().UTC().AddDate(0, 0, -KeepDays+1).Format(time.DateOnly)
	for day := range l.days {
		if day < oldest {
			delete(l.days, day)
		}
	}
	var b bytes.Buffer
	for _, day := range slices.Sorted(maps.Keys(l.days)) {
		for _, q := range slices.Sorted(maps.Keys(l.days[day])) {
			fmt.Fprintf(&b, "%s\t%d\t%s\n", day, l.days[day][q], q)
		}
	}
	if err := writeAtomic(l.path, b.Bytes()); err != nil {
		return fmt.Errorf("misses: %w", err)
	}
	l.dirty = false
	return nil
}

// writeAtomic writes data to a temp file beside path, syncs it and renames
// it over path, then syncs the folder.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".misses-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Report writes the searches that found nothing over the last days days,
// ending today: for each query, how many times, most first; then each day.
func (l *Log) Report(w io.Writer, days int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	from := l.now().UTC().AddDate(0, 0, -days+1).Format(time.DateOnly)
	totals := map[string]int{}
	var inRange []string
	for day, m := range l.days {
		if day >= from {
			inRange = append(inRange, day)
			for q, n := range m {
				totals[q] += n
			}
		}
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Searches that found nothing, last %d days (since %s)\n", days, from)
	if len(totals) == 0 {
		fmt.Fprintln(bw, "\nNone: every search found at least one page.")
		return bw.Flush()
	}
	queries := slices.Collect(maps.Keys(totals))
	slices.SortFunc(queries, func(a, b string) int { return cmp.Or(cmp.Compare(totals[b], totals[a]), strings.Compare(a, b)) })
	fmt.Fprintln(bw, "\nMost searched:")
	for _, q := range queries {
		fmt.Fprintf(bw, "%6d  %s\n", totals[q], q)
	}
	fmt.Fprintln(bw, "\nBy day:")
	slices.Sort(inRange)
	for _, day := range inRange {
		n := 0
		for _, c := range l.days[day] {
			n += c
		}
		fmt.Fprintf(bw, "  %s  %d\n", day, n)
	}
	return bw.Flush()
}

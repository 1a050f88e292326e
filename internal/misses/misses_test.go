package misses

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clock is a settable now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// TestStoreBytes checks exactly what reaches the disk: the day, the count
// and the query, and nothing about who searched.
func TestStoreBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "misses.log")
	c := &clock{time.Date(2026, 11, 30, 23, 59, 0, 0, time.FixedZone("PST", -8*3600))}
	l, err := Open(path, c.now)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"Knee  Pain", "knee pain", "migraine",
		"call me on 555 0142 368", "anna@example.com", "see http://x.example", "  ", "",
		strings.Repeat("long ", 30),
	} {
		l.Record(q)
	}
	c.t = c.t.Add(24 * time.Hour)
	l.Record("knee pain")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-12-01\t2\tknee pain\n" +
		"2026-12-01\t1\tlong long long long long long long long long long long long \n" +
		"2026-12-01\t1\tmigraine\n" +
		"2026-12-02\t1\tknee pain\n"
	if string(got) != want {
		t.Errorf("store =\n%s\nwant\n%s", got, want)
	}
	// It survives a restart.
	l2, err := Open(path, c.now)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := l2.Report(&b, 7); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"     3  knee pain", "     1  migraine", "  2026-12-01  4", "  2026-12-02  1"} {
		if !strings.Contains(b.String(), line+"\n") {
			t.Errorf("report lacks %q:\n%s", line, b.String())
		}
	}
}

// TestBounds checks that the store keeps KeepDays days and MaxPerDay
// queries a day.
func TestBounds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "misses.log")
	c := &clock{time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	l, err := Open(path, c.now)
	if err != nil {
		t.Fatal(err)
	}
	for i := range MaxPerDay + 50 {
		l.Record("query " + string(rune('a'+i%26)) + string(rune('a'+i/26)))
	}
	c.t = c.t.AddDate(0, 0, KeepDays+5)
	l.Record("later")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "2026-04-06\t1\tlater\n"; string(got) != want {
		t.Errorf("after %d days the store = %q, want only %q", KeepDays+5, got, want)
	}
	l2, _ := Open(path, c.now)
	for i := range MaxPerDay + 50 {
		l2.Record("q" + string(rune('a'+i%26)) + string(rune('a'+i/26)))
	}
	l2.Close()
	got, _ = os.ReadFile(path)
	if n := strings.Count(string(got), "\n"); n != MaxPerDay+1 {
		t.Errorf("store has %d lines for one day, want %d and the rest under %q", n, MaxPerDay+1, OtherQueries)
	}
	if !strings.Contains(string(got), "\t51\t"+OtherQueries+"\n") {
		t.Errorf("store lacks the %q line with 51 (250 queries after \"later\", 199 fit)", OtherQueries)
	}
}

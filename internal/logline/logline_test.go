package logline

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestRequestMatchesSlog checks that the fast request line is, byte for
// byte, the line slog's own handler writes for the same record, in both
// formats, for ordinary requests and for ones that go through slog.
func TestRequestMatchesSlog(t *testing.T) {
	utc := time.Date(2026, 11, 30, 6, 7, 46, 123456789, time.UTC)
	paris := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CET", 3600))
	ok := Request{Method: "GET", Path: "/conditions/sciatica", Status: 200, Bytes: 12345, Duration: 1234567 * time.Nanosecond, ID: "0123456789abcdef", Remote: "192.0.2.1"}
	with := func(f func(*Request)) Request { r := ok; f(&r); return r }
	tests := []struct {
		name  string
		t     time.Time
		level slog.Level
		r     Request
	}{
		{"ordinary", utc, slog.LevelInfo, ok},
		{"server error", utc, slog.LevelError, with(func(r *Request) { r.Status = 500 })},
		{"other zone, whole second", paris, slog.LevelInfo, ok},
		{"monotonic clock reading", time.Now(), slog.LevelInfo, ok},
		{"zero duration", utc, slog.LevelInfo, with(func(r *Request) { r.Duration = 0 })},
		{"under a microsecond", utc, slog.LevelInfo, with(func(r *Request) { r.Duration = 999 })},
		{"microseconds", utc, slog.LevelInfo, with(func(r *Request) { r.Duration = 1500 })},
		{"whole milliseconds", utc, slog.LevelInfo, with(func(r *Request) { r.Duration = 20 * time.Millisecond })},
		{"seconds", utc, slog.LevelInfo, with(func(r *Request) { r.Duration = 3*time.Second + 7*time.Microsecond })},
		{"hours", utc, slog.LevelInfo, with(func(r *Request) { r.Duration = 26 * time.Hour })},
		{"ipv6", utc, slog.LevelInfo, with(func(r *Request) { r.Remote = "2001:db8::1" })},
		{"no address", utc, slog.LevelError, with(func(r *Request) { r.Remote = "" })},
		{"no address, slow", utc, slog.LevelWarn, with(func(r *Request) { r.Remote, r.Duration = "", 1500*time.Millisecond })},
		{"html characters", utc, slog.LevelInfo, with(func(r *Request) { r.Path = "/a<b>&c'd" })},
		{"space in path", utc, slog.LevelInfo, with(func(r *Request) { r.Path = "/chronic back pain" })},
		{"quote and backslash", utc, slog.LevelInfo, with(func(r *Request) { r.Path = `/"a\b"` })},
		{"equals sign", utc, slog.LevelInfo, with(func(r *Request) { r.Path = "/a=b" })},
		{"accented", utc, slog.LevelInfo, with(func(r *Request) { r.Path = "/conditions/ménière" })},
		{"control byte", utc, slog.LevelInfo, with(func(r *Request) { r.Method = "G\x01T" })},
		{"invalid utf-8", utc, slog.LevelInfo, with(func(r *Request) { r.Path = "/\xff" })},
		{"line separator", utc, slog.LevelInfo, with(func(r *Request) { r.Path = "/\u2028" })},
		{"empty fields", utc, slog.LevelInfo, with(func(r *Request) { r.Path, r.Remote = "", "" })},
		{"zero time", time.Time{}, slog.LevelInfo, ok},
	}
	for _, json := range []bool{true, false} {
		for _, tt := range tests {
			var fast, want bytes.Buffer
			if err := New(&fast, json).Request(context.Background(), tt.t, tt.level, tt.r); err != nil {
				t.Fatal(err)
			}
			rec := slog.NewRecord(tt.t, tt.level, "request", 0)
			rec.AddAttrs(tt.r.Attrs()...)
			if err := New(&want, json).Handler.Handle(context.Background(), rec); err != nil {
				t.Fatal(err)
			}
			if fast.String() != want.String() {
				t.Errorf("json=%v %s:\n got %q\nwant %q", json, tt.name, fast.String(), want.String())
			}
		}
	}
}

// TestOtherLines checks that lines other than requests are slog's, with
// durations in JSON as milliseconds.
func TestOtherLines(t *testing.T) {
	var out bytes.Buffer
	slog.New(New(&out, true)).Info("shutting down", "timeout", 1500*time.Millisecond)
	if !strings.Contains(out.String(), `"msg":"shutting down","timeout_ms":1500}`) {
		t.Errorf("JSON line = %q, want the timeout in milliseconds", out.String())
	}
	out.Reset()
	slog.New(New(&out, false)).Info("shutting down", "timeout", 1500*time.Millisecond)
	if !strings.Contains(out.String(), `msg="shutting down" timeout=1.5s`) {
		t.Errorf("text line = %q", out.String())
	}
}

// BenchmarkRequest compares the fast request line with slog's, in JSON.
func BenchmarkRequest(b *testing.B) {
	r := Request{Method: "GET", Path: "/conditions/sciatica", Status: 200, Bytes: 12345, Duration: 1234567, ID: "0123456789abcdef", Remote: "192.0.2.1"}
	h := New(io.Discard, true)
	ctx := context.Background()
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h.Request(ctx, time.Now(), slog.LevelInfo, r)
		}
	})
	b.Run("slog", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rec := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
			rec.AddAttrs(r.Attrs()...)
			h.Handler.Handle(ctx, rec)
		}
	})
}

// TestRequestTimes checks the time of request lines written one after
// another by one handler, as a server writes them (the formatted second
// is reused while it lasts): within a second, across seconds, in another
// zone at the same second, with every length of fraction, in both formats.
func TestRequestTimes(t *testing.T) {
	base := time.Date(2026, 3, 29, 0, 59, 59, 0, time.UTC)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		london = time.FixedZone("BST", 3600)
	}
	var times []time.Time
	for _, ns := range []int{0, 1, 10, 120, 999999999, 100000000, 123456789, 5000, 999000000} {
		times = append(times, base.Add(time.Duration(ns)))
	}
	times = append(times, base.Add(time.Second), base.Add(time.Second+7), base.Add(time.Second).In(london),
		base.Add(time.Second+1).In(london), base.Add(-time.Second).In(london), base.Add(time.Second+3),
		time.Date(1, 1, 1, 0, 0, 0, 5, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", -9000)),
		time.Now(), time.Now().Add(time.Millisecond))
	r := Request{Method: "GET", Path: "/", Status: 200, Bytes: 1, Duration: time.Millisecond, ID: "a", Remote: "192.0.2.1"}
	for _, json := range []bool{true, false} {
		var fast bytes.Buffer
		h := New(&fast, json)
		for _, tm := range times {
			fast.Reset()
			if err := h.Request(context.Background(), tm, slog.LevelInfo, r); err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			rec := slog.NewRecord(tm, slog.LevelInfo, "request", 0)
			rec.AddAttrs(r.Attrs()...)
			if err := New(&want, json).Handler.Handle(context.Background(), rec); err != nil {
				t.Fatal(err)
			}
			if fast.String() != want.String() {
				t.Errorf("json=%v %v:\n got %q\nwant %q", json, tm, fast.String(), want.String())
			}
		}
	}
}

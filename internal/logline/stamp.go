package logline

import (
	"sync/atomic"
	"time"
)

// stamps writes the time of request lines as slog does (RFC 3339 with
// nanoseconds in JSON, milliseconds in text), formatting the date, the
// clock to the second and the zone once a second rather than on every
// line: a busy server writes thousands of lines within each second, and
// time.Time.AppendFormat was the largest part of writing one. Safe for
// use by several goroutines at once.
type stamps struct {
	last atomic.Pointer[stamp]
}

// stamp is one second, formatted.
type stamp struct {
	unix int64          // the second
	loc  *time.Location // and the zone it was formatted in
	date []byte         // "2006-01-02T15:04:05"
	zone []byte         // "Z" or "+01:00"
}

// get returns the formatted second of t.
func (s *stamps) get(t time.Time) *stamp {
	unix, loc := t.Unix(), t.Location()
	if st := s.last.Load(); st != nil && st.unix == unix && st.loc == loc {
		return st
	}
	st := &stamp{unix: unix, loc: loc,
		date: t.AppendFormat(nil, "2006-01-02T15:04:05"), // no fraction in the layout: none written
		zone: t.AppendFormat(nil, "Z07:00")}
	s.last.Store(st)
	return st
}

// appendRFC3339Nano appends t as t.AppendFormat(b, time.RFC3339Nano)
// does: the fraction of a second with its trailing zeros cut, none when
// it is zero. t's year must be within 0 to 9999.
func (s *stamps) appendRFC3339Nano(b []byte, t time.Time) []byte {
	st := s.get(t)
	b = append(b, st.date...)
	if ns := t.Nanosecond(); ns != 0 {
		digits := 9
		for ns%10 == 0 {
			ns /= 10
			digits--
		}
		b = appendFraction(b, ns, digits)
	}
	return append(b, st.zone...)
}

// appendRFC3339Millis appends slog's text time: RFC 3339 with exactly
// three digits of milliseconds ("2006-01-02T15:04:05.000Z07:00"), cut,
// not rounded.
func (s *stamps) appendRFC3339Millis(b []byte, t time.Time) []byte {
	st := s.get(t)
	b = append(b, st.date...)
	b = appendFraction(b, t.Nanosecond()/1e6, 3)
	return append(b, st.zone...)
}

// appendFraction appends '.' and v in exactly digits decimal digits.
func appendFraction(b []byte, v, digits int) []byte {
	b = append(b, '.')
	n := len(b)
	for range digits {
		b = append(b, '0')
	}
	for i := len(b) - 1; i >= n; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}

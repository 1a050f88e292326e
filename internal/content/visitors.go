package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// The warnings in this file protect visitors: a page they cannot reach, a
// condition that does not say when to get urgent help, text too hard to
// read when in pain, and words that promise what massage cannot do. Each
// names the line to change and how.

// promises are words that promise what massage cannot do. A page may say
// "massage cannot cure fibromyalgia": a promise word shortly after "not",
// "cannot", "never" and the like is not a promise.
var promises = []string{
	"cure", "cures", "cured", "curing", "guarantee", "guarantees", "guaranteed",
	"permanent fix", "permanent relief", "permanently", "heals", "miracle", "miraculous",
	"instant relief", "100% effective", "risk-free",
}

// negations are the words that turn a promise word around when they come
// up to three words before it.
var negations = []string{"not", "no", "cannot", "can't", "never", "won't", "doesn't", "isn't", "nor", "without"}

var promiseRE = func() *regexp.Regexp {
	alts := make([]string, len(promises))
	for i, p := range promises {
		alts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`(?i)(?:^|[^\pL\d])(` + strings.Join(alts, "|") + `)(?:$|[^\pL\d])`)
}()

// promiseIn returns the first promise word in s that is not negated, and
// its byte offset, or "" when there is none.
func promiseIn(s string) (string, int) {
	if !hasPromiseWord(s) {
		return "", 0 // the common case, without the regular expression
	}
	for _, m := range promiseRE.FindAllStringSubmatchIndex(s, -1) {
		before := strings.Fields(strings.ToLower(s[:m[2]]))
		negated := false
		for _, w := range before[max(0, len(before)-3):] {
			negated = negated || slices.Contains(negations, strings.Trim(w, ",.;:'’\"()"))
		}
		if !negated {
			return s[m[2]:m[3]], m[2]
		}
	}
	return "", 0
}

// promiseStems are the shortest pieces of text that every promise word
// holds one of ("cure" is in "cures" and "cured", "mirac" in "miracle"
// and "miraculous"): hasPromiseWord looks for these 9 rather than the 16
// words, in every page's whole text while the content loads.
var promiseStems = []string{"cure", "curing", "guarantee", "permanent", "heals", "mirac", "instant relief", "100% effective", "risk-free"}

// hasPromiseWord reports whether s may hold a promise word: a quick test
// before the exact one (promiseRE), which it may let through more often.
// It goes over s once, without a lower-case copy of it: promiseBytes
// tells, for each of a stem's first three bytes, which stems may have it
// there (either case), so that only a place where all three fit is
// compared with the stems ("the" starts no stem though "he" starts
// "heals"). The stems are ASCII, and the only other letters promiseRE's
// (?i) takes for one of theirs, the Kelvin sign (k) and the long s (ſ),
// let s through to promiseRE whenever they appear.
func hasPromiseWord(s string) bool {
	for i := 0; i < len(s); i++ {
		m := promiseBytes[0][s[i]]
		if m == 0 {
			continue
		}
		if m&promiseOdd != 0 && (strings.HasPrefix(s[i:], "\u212a") || strings.HasPrefix(s[i:], "\u017f")) {
			return true
		}
		if i+2 >= len(s) {
			continue // too short for any stem
		}
		m &= promiseBytes[1][s[i+1]] & promiseBytes[2][s[i+2]]
		for j, p := range promiseStems {
			if m&(1<<j) != 0 && hasFoldedPrefix(s[i:], p) {
				return true
			}
		}
	}
	return false
}

// promiseOdd marks, in promiseBytes[0], the first byte of the Kelvin sign
// and of the long s.
const promiseOdd = 1 << 15

// promiseBytes maps a byte to the stems (bit j for promiseStems[j]) that
// may have it, in either case, as their first, second and third byte
// (every stem is longer); the first byte's table also marks promiseOdd.
var promiseBytes = func() (t [3][256]uint16) {
	for j, p := range promiseStems {
		for k := range t {
			t[k][p[k]] |= 1 << j
			if 'a' <= p[k] && p[k] <= 'z' {
				t[k][p[k]-'a'+'A'] |= 1 << j
			}
		}
	}
	t[0]["\u212a"[0]] |= promiseOdd
	t[0]["\u017f"[0]] |= promiseOdd
	return t
}()

// hasFoldedPrefix reports whether s starts with lower, a lower-case ASCII
// text, ignoring the case of ASCII letters in s.
func hasFoldedPrefix(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for j := 0; j < len(lower); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}

func promiseMessage(word string) string {
	return fmt.Sprintf("%q promises what massage cannot: say what it can do instead, like \"can ease\" or \"many people find it helps\" (careful words keep visitors' trust)", word)
}

// warnProse reports the promise words and the reading level of a page's
// title, summary and body sentences (of body, which starts on the file's
// line p.bodyLine). promiseIn's quick test (hasPromiseWord) goes over each
// sentence once, no more text than the whole page.
func warnProse(p *Page, body []byte, ss []sentence, target int, ps problems) {
	locate := func(s sentence) sentence { return s.locate(body, p.bodyLine) }
	for _, f := range []struct {
		text string
		at   pos
	}{{p.Title, p.titleAt}, {p.Summary, p.summaryAt}} {
		if w, _ := promiseIn(f.text); w != "" {
			ps.warnf(f.at.Line, f.at.Col, "%s", promiseMessage(w))
		}
	}
	for _, s := range ss {
		if w, _ := promiseIn(s.Text); w != "" {
			s = locate(s)
			ps.warnf(s.Line, s.Col, "%s", promiseMessage(w))
		}
	}
	if msg, at := readingWarning(ss, float64(target), locate); msg != "" {
		ps.warnf(at.Line, at.Col, "%s", msg)
	}
}

// urgentCareAlerts are the callouts that tell a visitor when to get help
// at once: the red-flag box and the urgent ("Get help today if…") and
// emergency ("Call 911 if…") care-advice boxes. A condition's caution
// section must have one; the non-urgent "See a doctor if…" box is not
// enough on its own.
var urgentCareAlerts = []string{"caution", "urgent", "emergency"}

// cautionHeadings are words (or their start: "cautio" for caution and
// cautious) of the ## heading that starts a condition's
// caution section: "When to be cautious and see a doctor".
var cautionHeadings = []string{"cautio", "see a doctor", "get help", "seek help", "when to stop"}

// warnUrgentCare reports a condition without an urgent-care callout in its
// caution section.
func warnUrgentCare(c *Condition, ps problems) {
	section := -1
	for i, h := range c.Headings {
		if h.Level != 2 {
			continue
		}
		if text := strings.ToLower(h.Text); slices.ContainsFunc(cautionHeadings, func(w string) bool { return strings.Contains(text, w) }) {
			section = i
			break
		}
	}
	if section < 0 {
		ps.warnf(c.bodyLine, 1, "no caution section: add a section \"## When to be cautious and see a doctor\" with a \"> [!CAUTION]\" box listing the signs that need a doctor today")
		return
	}
	elsewhere := 0
	for _, co := range c.callouts {
		if slices.Contains(urgentCareAlerts, co.Alert) {
			if co.Section == section {
				return
			}
			elsewhere = co.Line
		}
	}
	line := c.bodyLine
	if section < len(c.headLines) {
		line += c.headLines[section] - 1
	}
	msg := fmt.Sprintf("the section %q has no urgent-care box: add a \"> [!CAUTION]\" box to it listing the signs that need a doctor today", c.Headings[section].Text)
	if elsewhere > 0 {
		msg += fmt.Sprintf(" (the box on line %d is outside this section: move it here)", c.bodyLine+elsewhere-1)
	}
	ps.warnf(line, 1, "%s", msg)
}

// warnUnreachable reports the plain pages no visitor can reach: not in
// the menu, and not linked from any other page.
func (l *loader) warnUnreachable(site *Site, pages []*Page) {
	linked := map[string]bool{}
	for _, p := range pages {
		for _, ln := range p.links {
			dest, _, _ := strings.Cut(ln.Dest, "#")
			if dest != l.opts.URLs.URL(kindPage, p.Slug) || p == site.Home {
				linked[strings.TrimSuffix(dest, "/")] = true
			}
		}
	}
	for _, p := range site.Pages {
		if p.Menu || p.Draft || linked[l.opts.URLs.URL(kindPage, p.Slug)] {
			continue
		}
		l.problemsAt(p).warnf(p.menuAt.Line, p.menuAt.Col, "no visitor can reach this page: it is not in the menu and no other page links to it: set menu: true, or link to it from another page, like [%s](%s)", p.Title, l.opts.URLs.URL(kindPage, p.Slug))
	}
}

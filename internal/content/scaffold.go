package content

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// placeholders are the prompts NewCondition writes for the therapist to
// replace. A published page (not a draft) that still has one is an error:
// "a symptom, in a client's words" must never reach a visitor. Each is a
// part of its line that does not depend on the title.
var placeholders = []string{
	"One or two sentences: what ",
	"a symptom, in a client's words",
	"Write one or two short paragraphs here",
	"Explain the usual reasons in plain words.",
	"A cause, in plain words",
	"A symptom, as a client would describe it",
	"Describe what you do in a session, and why it helps.",
	"A situation in which massage helps most",
	"a red flag that needs a doctor today",
	"A reason to talk to a doctor before booking",
}

// NewCondition returns the text of a new condition page (relief new): a
// draft with every frontmatter key filled in, each with a comment saying
// what it is for, and the standard sections as prompts. regions, the body
// areas of site.yaml, are offered in a comment; none is chosen, because
// the therapist must choose.
func NewCondition(title, slug string, regions []string, now time.Time) string {
	q := strconv.Quote
	comment := "choose one or more body areas from site.yaml, like [back]"
	if len(regions) > 0 {
		comment = "choose one or more of: " + strings.Join(regions, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n", q(title))
	fmt.Fprintf(&b, "summary: %s\n", q(placeholders[0]+title+" is and how massage can help."))
	fmt.Fprintf(&b, "slug: %s\n", slug)
	fmt.Fprintf(&b, "regions: []  # %s\n", comment)
	fmt.Fprintf(&b, "symptoms:  # short phrases a visitor would recognise\n  - %s\n", q(placeholders[1]))
	b.WriteString("aliases: []  # other names people search for, like [\"lumbago\"]\n")
	b.WriteString("related: []  # slugs of related conditions, like [sciatica]\n")
	b.WriteString("redirect_from: []  # old addresses of this page, like [/old-page.html]\n")
	fmt.Fprintf(&b, "reviewed: %s  # the day you last checked the page\n", now.Format("2006-01-02"))
	b.WriteString("weight: 100  # lower comes first on the home page\n")
	b.WriteString("draft: true  # change to false to publish the page\n")
	b.WriteString("extra: {}  # your own notes for the templates\n---\n")
	b.WriteString(strings.ReplaceAll(newBody, "TITLE", title))
	return b.String()
}

const newBody = `Write one or two short paragraphs here: what TITLE is, how it feels, and what massage can and cannot do for it.

## Why does TITLE happen?

Explain the usual reasons in plain words.

### Causes

- A cause, in plain words

### Symptoms

- A symptom, as a client would describe it

## How massage therapy can help

Describe what you do in a session, and why it helps.

## When massage helps most

- A situation in which massage helps most

## When to be cautious and see a doctor

> [!CAUTION]
> **Seek urgent care** if you notice any of these red flags:
> - a red flag that needs a doctor today

- A reason to talk to a doctor before booking
`

// checkScaffold reports, on a published page, every line of data (the
// whole file) that still holds a prompt of NewCondition.
func checkScaffold(data []byte, ps problems) {
	if !slices.ContainsFunc(placeholders, func(ph string) bool { return bytes.Contains(data, []byte(ph)) }) {
		return
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		for _, ph := range placeholders {
			if col := bytes.Index(line, []byte(ph)); col >= 0 {
				ps.errorf(i+1, len([]rune(string(line[:col])))+1, "%q is a prompt from relief new, not your words: replace it (or keep the page a draft with draft: true until it is written)", strings.TrimSpace(ph))
				break
			}
		}
	}
}

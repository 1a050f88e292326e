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
// draft with every frontmatter key of a condition (FieldsFor(KindCondition),
// in schema order) filled in, each with its Help as a comment, and the
// standard sections as prompts. The title, summary and slug are written
// from the title, without a comment; lists start empty, other keys at
// their Example. regions, the body areas of site.yaml, are offered in a
// comment; none is chosen, because the therapist must choose.
func NewCondition(title, slug string, regions []string, now time.Time) string {
	q := strconv.Quote
	filled := map[string]string{
		"title":   q(title),
		"summary": q(placeholders[0] + title + " is and how massage can help."),
		"slug":    slug,
	}
	var b strings.Builder
	b.WriteString("---\n")
	for _, f := range FieldsFor(KindCondition) {
		if v, ok := filled[f.Name]; ok {
			fmt.Fprintf(&b, "%s: %s\n", f.Name, v)
			continue
		}
		value, help := f.Example, f.Help
		switch {
		case f.Name == "regions" && len(regions) > 0:
			help = "choose one or more of: " + strings.Join(regions, ", ")
		case f.Name == "symptoms":
			fmt.Fprintf(&b, "%s:  # %s\n  - %s\n", f.Name, help, q(placeholders[1]))
			continue
		case f.Name == "image" || f.Name == "image_alt":
			value = `""`
		case f.Type == TypeDate:
			value = now.Format(time.DateOnly)
		}
		if f.Type == TypeList {
			value = "[]"
		}
		fmt.Fprintf(&b, "%s: %s  # %s\n", f.Name, value, help)
	}
	b.WriteString("---\n")
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

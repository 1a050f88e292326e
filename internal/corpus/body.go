package corpus

import "strings"

// body writes a condition's body as Markdown and as plain text side by side,
// and collects its headings.
type body struct {
	md, text strings.Builder
	headings []string
}

func (b *body) heading(level int, s string) {
	b.md.WriteString(strings.Repeat("#", level) + " " + s + "\n\n")
	b.text.WriteString(s + "\n\n")
	b.headings = append(b.headings, s)
}

// para writes one paragraph of sentences, capitalizing each.
func (b *body) para(sentences ...string) {
	s := strings.Join(capitalize(sentences), " ")
	b.md.WriteString(s + "\n\n")
	b.text.WriteString(s + "\n\n")
}

// link writes a paragraph ending in a link: "before [label](url)."
func (b *body) link(before, label, url string) {
	b.md.WriteString(before + " [" + label + "](" + url + ").\n\n")
	b.text.WriteString(before + " " + label + ".\n\n")
}

func (b *body) list(items []string) {
	for _, it := range items {
		b.md.WriteString("- " + it + "\n")
		b.text.WriteString(it + "\n")
	}
	b.md.WriteString("\n")
	b.text.WriteString("\n")
}

func (b *body) table(head [2]string, rows [][2]string) {
	b.md.WriteString("| " + head[0] + " | " + head[1] + " |\n| --- | --- |\n")
	for _, r := range rows {
		b.md.WriteString("| " + r[0] + " | " + r[1] + " |\n")
		b.text.WriteString(r[0] + ": " + r[1] + "\n")
	}
	b.md.WriteString("\n")
	b.text.WriteString("\n")
}

// caution writes a "> [!CAUTION]" callout: a lead line, then items.
func (b *body) caution(lead string, items []string) {
	b.md.WriteString("> [!CAUTION]\n> " + lead + "\n")
	b.text.WriteString(lead + "\n")
	for _, it := range items {
		b.md.WriteString("> - " + it + "\n")
		b.text.WriteString(it + "\n")
	}
	b.md.WriteString("\n")
	b.text.WriteString("\n")
}

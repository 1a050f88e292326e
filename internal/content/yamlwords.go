package content

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file turns YAML mistakes into plain words. The YAML parser's own
// messages ("mapping values are not allowed in this context") mean nothing
// to someone who has never heard of YAML, and often point at the line after
// the mistake. So when parsing fails, explainYAML looks at the frontmatter's
// lines itself for the mistakes people make, and names the first one at its
// exact line and column, with the line quoted and any invisible character
// shown. Only when it recognises nothing does it pass the parser's message
// on, in gentler words.

// yamlMistake is one recognised mistake, at a 0-based line of the
// frontmatter and a 1-based column.
type yamlMistake struct {
	line, col int
	msg       string
}

// keyLineRE matches a "key: value" line, capturing the indent, the key and
// the value.
var keyLineRE = regexp.MustCompile(`^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*):(.*)$`)

// itemLineRE matches a "- item" line, capturing the dash and the item.
var itemLineRE = regexp.MustCompile(`^(\s*-\s+)(.*)$`)

// explainYAML returns the first mistake it recognises in the frontmatter
// lines, or the parser's message at parserLine (1-based, 0 for unknown) in
// plain words.
func explainYAML(lines []string, parserLine int, parserMsg string) yamlMistake {
	for i, line := range lines {
		if m, ok := lineMistake(line); ok {
			m.line = i
			return m
		}
	}
	return yamlMistake{line: max(parserLine-1, 0), col: 1, msg: parserWords(parserMsg)}
}

// lineMistake recognises a mistake within one line.
func lineMistake(line string) (yamlMistake, bool) {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return yamlMistake{}, false
	}
	if i := strings.IndexAny(line, "\t\u00a0"); i >= 0 && strings.TrimSpace(line[:i]) == "" {
		what := "a tab"
		if line[i] != '\t' {
			what = "a non-breaking space"
		}
		return yamlMistake{col: utf8.RuneCountInString(line[:i]) + 1, msg: fmt.Sprintf(
			"this line starts with %s (shown as → in %q): these lines may only be indented with ordinary spaces: delete it and type two spaces instead", what, visible(line))}, true
	}
	m := keyLineRE.FindStringSubmatch(line)
	if m == nil {
		if it := itemLineRE.FindStringSubmatch(line); it != nil {
			return valueMistake("this list item", it[2], utf8.RuneCountInString(it[1])+1)
		}
		return yamlMistake{}, false
	}
	key, rest := m[2], m[3]
	valueCol := utf8.RuneCountInString(m[1]+key) + 2
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' && !strings.HasPrefix(rest, "//") {
		return yamlMistake{col: valueCol, msg: fmt.Sprintf(
			"put a space after the colon of %s: write %s: %s", key, key, strings.TrimSpace(rest))}, true
	}
	value := strings.TrimSpace(rest)
	valueCol += utf8.RuneCountInString(rest) - utf8.RuneCountInString(strings.TrimLeft(rest, " \t"))
	return valueMistake(key, value, valueCol)
}

// valueMistake recognises a mistake in the value of key, which starts at
// column col.
func valueMistake(key, value string, col int) (yamlMistake, bool) {
	if value == "" {
		return yamlMistake{}, false
	}
	text := stripComment(value)
	switch q := value[0]; {
	case q == '\'' || q == '"':
		end := closingQuote(value, q)
		if end < 0 {
			return yamlMistake{col: col, msg: fmt.Sprintf(
				"%s: the text opens with %c but never closes it: put %c at the end of the text too, like %s: %c%s%c", key, q, q, key, q, strings.Trim(text, `"'`), q)}, true
		}
		after := strings.TrimSpace(value[end+1:])
		if after != "" && !strings.HasPrefix(after, "#") {
			if q == '\'' {
				return yamlMistake{col: col, msg: fmt.Sprintf(
					"%s: the apostrophe in %s ends the text that ' started: write the text in double quotes instead, like %s: %q", key, value, key, strings.Trim(value, "'"))}, true
			}
			return yamlMistake{col: col + utf8.RuneCountInString(value[:end+1]), msg: fmt.Sprintf(
				"%s: there is more after the closing \": put the whole text inside the quotes, and write a \" inside it as \\\"", key)}, true
		}
	case q == '[':
		if !strings.Contains(text, "]") {
			return yamlMistake{col: col, msg: fmt.Sprintf(
				"%s: the list opens with [ but never closes: end it with ] on the same line, like %s: [first, second]", key, key)}, true
		}
	case q == '{', q == '|', q == '>', q == '&', q == '*', q == '!':
	default:
		if i := strings.Index(text, ": "); i >= 0 || strings.HasSuffix(text, ":") {
			if i < 0 {
				i = len(text) - 1
			}
			return yamlMistake{col: col + utf8.RuneCountInString(text[:i]), msg: fmt.Sprintf(
				"%s: the colon in the text is read as the start of a new key: put the whole text in double quotes, like %s: %q", key, key, text)}, true
		}
	}
	return yamlMistake{}, false
}

// closingQuote returns the index in s of the quote that closes the one at
// s[0], or -1. In single quotes ” is a quote inside the text; in double
// quotes \" is.
func closingQuote(s string, q byte) int {
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

// stripComment removes a trailing " # comment".
func stripComment(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		return strings.TrimSpace(v[:i])
	}
	return v
}

// visible shows the invisible characters of a line: a tab as →, a
// non-breaking space as ·.
func visible(line string) string {
	return strings.NewReplacer("\t", "→", "\u00a0", "·").Replace(line)
}

// parserWords says in plain words what the YAML parser's message means.
func parserWords(msg string) string {
	for _, w := range []struct{ parser, words string }{
		{"did not find expected ',' or ']'", "a list in [ ] is not closed: end it with ] on the same line, like regions: [back, neck]"},
		{"did not find expected key", "this line is not lined up with the lines above it: start each key at the beginning of its line, and indent list items (\"- item\") by two spaces"},
		{"mapping values are not allowed", "a colon in a value is read as the start of a new key: put the value in double quotes"},
		{"could not find expected ':'", "every line of the frontmatter is \"key: value\": add the colon, or start the line with # to make it a note"},
		{"found unexpected end of stream", "a quote or bracket opened here is never closed: close it on the same line"},
		{"found character that cannot start any token", "a value starts with a character YAML reserves (such as @, ` or a tab): put the value in double quotes"},
		{"block sequence entries are not allowed", "a list item (\"- item\") must be on its own line, under its key, indented by two spaces"},
	} {
		if strings.Contains(msg, w.parser) {
			return w.words
		}
	}
	return "the frontmatter cannot be read (" + msg + "): check this line's indentation and quotes"
}

// tomlDateRE finds a date in a line of TOML.
var tomlDateRE = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// tomlWords says in plain words what the TOML parser's message about the
// 1-based line means.
func tomlWords(lines []string, line int, msg string) string {
	text := ""
	if line >= 1 && line <= len(lines) {
		text = lines[line-1]
	}
	key, _, _ := strings.Cut(text, "=")
	key = strings.TrimSpace(key)
	switch {
	case strings.Contains(msg, "impossible date") && tomlDateRE.MatchString(text):
		d := tomlDateRE.FindString(text)
		return fmt.Sprintf("%s: %s: %s: check the date", key, d, impossibleDate(d))
	case strings.Contains(msg, "cannot have new lines"), strings.Contains(msg, "unterminated"):
		return fmt.Sprintf("%s: the text opens with \" but never closes it: put \" at the end of the text too", key)
	}
	return "the frontmatter cannot be read (" + strings.TrimPrefix(msg, "toml: ") + "): TOML lines are written key = \"value\", with text in double quotes"
}

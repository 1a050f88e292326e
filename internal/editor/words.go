package editor

import (
	"regexp"
	"strings"
)

// plainWords is a checker's message as the editor shows it: its advice in
// the form's way of doing it (formWords), and the words of the file's
// format ("key", "frontmatter", "YAML", a parser's own message) in the
// editor's, which calls them the page's settings. relief check keeps the
// checker's wording for whoever reads the files at a terminal. Only what
// the checker writes is rewritten: whole phrases, and the few messages
// with a value inside (settingsRE).
func plainWords(msg string) string {
	msg = formWords.Replace(msg)
	for _, r := range settingsRE {
		msg = r.re.ReplaceAllString(msg, r.words)
	}
	return settingsWords.Replace(msg)
}

// settingsRE are the checker's messages about the page's settings that
// hold a value, each with its plain words ($1 is the value).
var settingsRE = []struct {
	re    *regexp.Regexp
	words string
}{
	{regexp.MustCompile(`expected a whole number like 10, got the text "(.*?)"$`), "write a whole number in digits, like 10, not “$1”"},
	{regexp.MustCompile(`expected a whole number like 10, got (.*)$`), "write a whole number in digits, like 10, not “$1”"},
	{regexp.MustCompile(`^unknown key "(.*?)": `), "the form has no place for the setting “$1”: "},
	{regexp.MustCompile(`^the required key (\S+) is missing: add a line like (.*) to the frontmatter$`), "the setting $1 is missing: add a line like $2 to the page's settings"},
	{regexp.MustCompile(`^the frontmatter cannot be read \(.*\): check this line's indentation and quotes$`), "this line cannot be read: check the spaces at its start and its quotes"},
	{regexp.MustCompile(`^the frontmatter cannot be read \(.*\): TOML lines are written key = "value", with text in double quotes$`), `this line cannot be read: each line is written name = "words", with the words in double quotes`},
	{regexp.MustCompile(`^frontmatter: .*$`), "the page's settings cannot be read: check the spaces at the start of each line, and the quotes"},
	{regexp.MustCompile(`^the frontmatter is more than (\d+) lines long: it holds the page's title, summary and a few other keys;`), "the page's settings are more than $1 lines long: they hold the page's title, summary and a few more;"},
	{regexp.MustCompile(`^the frontmatter opened with (\S+) on line (\d+) is never closed: add a line (\S+) after the last key$`), "the page's settings opened with $1 on line $2 are never closed: add a line $3 after the last setting"},
}

// settingsWords are the phrases of the checker's messages about the
// page's settings that speak of the file's format, in plain words.
var settingsWords = strings.NewReplacer(
	"the keys you can use are", "the settings it can have are",
	"(put your own data under extra:)", "(put your own under extra:)",
	"the colon in the text is read as the start of a new key", "the colon in the text is read as the start of a new setting",
	"the colon in it is read as a key", "the colon in it is read as the start of a setting",
	`expected a group of keys (one "name: value" per indented line)`, "expected settings, one “name: value” a line",
	"a group of keys", "a group of settings",
	"start each key at the beginning of its line", "start each setting at the beginning of its line",
	"a colon in a value is read as the start of a new key: put the value in double quotes", "a colon in the words is read as the start of a new setting: put the words in double quotes",
	`every line of the frontmatter is "key: value"`, "every line of the settings is “name: words”",
	"a value starts with a character YAML reserves (such as @, ` or a tab): put the value in double quotes", "the words start with a character that means something else here (such as @, ` or a tab): put them in double quotes",
	`frontmatter must be a list of "key: value" lines, like "title: Sciatica"`, "the settings must be lines of “name: words”, like “title: Sciatica”",
)

package content

import (
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"unicode"

	yaml "go.yaml.in/yaml/v3"
)

// SynonymsFile is the optional file of words that mean the same thing to a
// visitor, which search uses (see search.Synonyms). It is in the site's
// first language; each other language has its own beside it, named as
// translations are (LangFile): synonyms.es.yaml for Spanish.
const SynonymsFile = "synonyms.yaml"

// synonymExample shows the file's shape in error messages.
const synonymExample = "write each group on its own line, like\n  - [tired, exhausted, fatigue]"

// maxSynonymRunes bounds one word or phrase of a group.
const maxSynonymRunes = 60

// synonyms reads rel, SynonymsFile or its translation, when there is
// one, into site.Synonyms.
func (l *loader) synonyms(site *Site, rel string) {
	data, err := fs.ReadFile(l.fsys, rel)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err == nil && len(data) > MaxFileSize {
		err = errors.New("the file is too large")
	}
	ps := l.ps(rel)
	if err != nil {
		ps.errorf(1, 1, "cannot read the file: %v", err)
		return
	}
	l.sources.add(path.Join(l.opts.Dir, rel), rel, data)
	if !checkUTF8(data, ps) {
		return
	}
	site.Synonyms = decodeSynonyms(normalize(data), ps)
}

// decodeSynonyms reads a YAML list of groups, each a list of two or more
// words or phrases. Every mistake is reported; the good groups are kept.
func decodeSynonyms(data []byte, ps problems) [][]string {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 1
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil && m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg := yamlLineRE.ReplaceAllString(err.Error(), "")
		if strings.Contains(msg, "expected ',' or ']'") {
			msg = `a group is missing its closing "]", or has a stray bracket or colon`
		}
		ps.errorf(line, 1, "%s: %s", msg, synonymExample)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil // an empty file, or only comments
	}
	root := doc.Content[0]
	if root.Kind != yaml.SequenceNode {
		ps.errorf(root.Line, root.Column, "expected a list of groups of words: %s", synonymExample)
		return nil
	}
	var groups [][]string
	seen := map[string]int{} // member, folded → line of its group
	for _, g := range root.Content {
		if group, ok := synonymGroup(g, seen, ps); ok {
			groups = append(groups, group)
		}
	}
	return groups
}

// synonymGroup checks one group and returns its members.
func synonymGroup(g *yaml.Node, seen map[string]int, ps problems) ([]string, bool) {
	if g.Kind != yaml.SequenceNode || len(g.Content) < 2 {
		ps.errorf(g.Line, g.Column, "a group needs two or more words or phrases that mean the same, in square brackets: %s", synonymExample)
		return nil, false
	}
	var out []string
	ok := true
	for _, m := range g.Content {
		w := strings.Join(strings.Fields(m.Value), " ")
		key := strings.ToLower(w)
		switch {
		case m.Kind != yaml.ScalarNode:
			ps.errorf(m.Line, m.Column, "expected a word or phrase, not a list: %s", synonymExample)
			ok = false
		case !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
			ps.errorf(m.Line, m.Column, "%q has no letters: remove it from the group", m.Value)
			ok = false
		case len([]rune(w)) > maxSynonymRunes:
			ps.errorf(m.Line, m.Column, "%q is longer than %d characters: use a short phrase a visitor would type", w, maxSynonymRunes)
			ok = false
		case seen[key] != 0:
			ps.errorf(m.Line, m.Column, "%q is already in the group on line %d: a word belongs to one group, so put the two groups together", w, seen[key])
			ok = false
		default:
			seen[key] = g.Line
			out = append(out, w)
		}
	}
	return out, ok
}

package content

import (
	"bytes"
	"testing"

	"github.com/adrg/frontmatter"
)

// librarySplit is how adrg/frontmatter's Parse splits data (a normalized
// file whose first non-blank line is delim): the lines it hands the
// format's decoder, the body, and whether it found the closing fence.
func librarySplit(data []byte, delim string) (raw, body []byte, found bool) {
	f := frontmatter.NewFormat(delim, delim, func(b []byte, v any) error {
		raw, found = b, true
		return nil
	})
	body, err := frontmatter.Parse(bytes.NewReader(data), new(int), f)
	if err != nil {
		panic(err) // a bytes.Reader does not fail
	}
	return raw, body, found
}

var splitSamples = []string{
	"---\ntitle: A\n---\nbody\n", "---\ntitle: A\n---", "---\ntitle: A\n", "---", "\n\n  ---  \na: 1\n --- \n\nb",
	"---\n---\n", "+++\na = 1\n+++\nbody", "---\na: 1\n+++\n---\n---\n", "---\r\na\n---\n", "---\na: |\n  ---x\n---\nrest\n---\n",
}

// FuzzFrontmatterSplit holds parseDocument's own split of a file to the
// library's: the same frontmatter lines, the same body, the same files
// without a closing fence.
func FuzzFrontmatterSplit(f *testing.F) {
	for _, s := range splitSamples {
		f.Add(s)
	}
	f.Fuzz(checkSplitSameAsLibrary)
}

func TestFrontmatterSplit(t *testing.T) {
	for _, s := range splitSamples {
		checkSplitSameAsLibrary(t, s)
	}
}

func checkSplitSameAsLibrary(t *testing.T, s string) {
	data := normalize([]byte(s))
	fence, delim := openingFence(data)
	if delim == "" {
		return
	}
	fm := frontmatterBlock(data, fence, delim)
	if fm.lines > MaxFrontmatterLines {
		return
	}
	raw, body, found := librarySplit(data, delim)
	switch {
	case found != (fm.body >= 0):
		t.Errorf("%q: closing fence found = %v, the library says %v", s, fm.body >= 0, found)
	case found && (!bytes.Equal(data[fm.start:fm.end], raw) || !bytes.Equal(data[fm.body:], body)):
		t.Errorf("%q: frontmatter %q and body %q, the library says %q and %q", s, data[fm.start:fm.end], data[fm.body:], raw, body)
	}
}

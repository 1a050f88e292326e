package search

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/corpus"
	"github.com/relief-massage/relief/internal/passage"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// goldenQueries are what TestSearchGolden searches: the benchmark mix, what
// people type on the search-load script, and words of the synonym groups
// of goldenSynonyms.
func goldenQueries() []string {
	return append(benchQueries(),
		"lower back pain", "pins and needles in my leg", "stiff neck after sleeping",
		"headache behind eyes", "sholder pain", "nee pain", "cant lift my arm above my head",
		"pain all over", "bottom of my foot hurts", "tingling", "pain", "rotator cuff",
		"post-surgical", "see a doctor", "chest pain", "weakness getting worse", "",
		"the and of", "zzzz qqqq", "fever chills", "shortness of breath", "rhomboids", "effleurage", "stiff", "neck",
	)
}

// goldenSynonyms are a few groups like those of content/synonyms.yaml.
func goldenSynonyms() Synonyms {
	return Synonyms{
		{"raise", "lift", "reach up"},
		{"everywhere", "all over", "widespread", "whole body"},
		{"bottom", "bum", "buttock", "glute"},
		{"sole", "bottom of the foot"},
	}
}

// passageDocs returns n generated conditions as Docs with Passages, as the
// site makes them: paragraphs and list items under their heading, the
// caution callout's items marked urgent, tables left out.
func passageDocs(n int, seed int64) []Doc {
	docs := corpusDocs(n, seed)
	for i, c := range corpus.Generate(n, seed) {
		docs[i].Body, docs[i].Passages = "", markdownPassages(c.Markdown)
		docs[i].Urgent = func(callout string) bool { return callout == "caution" }
	}
	return docs
}

// markdownPassages cuts generated Markdown into passages: a paragraph or a
// list item each, under the last heading; the callout's lines are urgent.
func markdownPassages(md string) passage.Passages {
	var out passage.Builder
	heading := ""
	for _, block := range strings.Split(md, "\n\n") {
		urgent := strings.HasPrefix(block, "> ")
		callout := ""
		if urgent {
			callout = "caution"
		}
		switch {
		case strings.HasPrefix(block, "#"):
			heading = strings.TrimSpace(strings.TrimLeft(block, "#"))
		case strings.HasPrefix(block, "|"):
		case strings.HasPrefix(block, "- "), urgent:
			for _, line := range strings.Split(block, "\n") {
				line = strings.TrimPrefix(strings.TrimPrefix(line, "> "), "- ")
				if line != "" && !strings.HasPrefix(line, "[!") {
					out.Add(heading, line, !urgent, callout)
				}
			}
		default:
			out.Add(heading, strings.ReplaceAll(strings.TrimSpace(block), "\n", " "), false, "")
		}
	}
	return out.Passages()
}

// describe writes everything a search returns, exactly: every hit's
// document, score (all its digits), field, matched text, section, urgency
// and excerpt, and the suggestions.
func describe(r Results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "query %q: %d hits\n", r.Query, len(r.Hits))
	for _, h := range r.Hits {
		fmt.Fprintf(&b, "%s %s %s %q %q %v %q\n", h.Doc.URL, strconv.FormatFloat(h.Score, 'g', -1, 64),
			h.Field, h.Matched, h.Section, h.Urgent, h.Excerpt)
	}
	for _, d := range r.Suggestions {
		fmt.Fprintf(&b, "suggest %s\n", d.URL)
	}
	return b.String()
}

// TestSearchGolden searches 1,000 generated conditions, with a plain body
// and with passages, and compares every result with testdata/golden.txt:
// the first three hits of each query in full, and a hash of the whole
// answer. It guards the index's layout: packing it differently must not
// change a single hit, score or excerpt. Run with -update after a
// deliberate change to ranking or excerpts.
func TestSearchGolden(t *testing.T) {
	var got strings.Builder
	for _, corpus := range []struct {
		name string
		docs []Doc
	}{{"body", corpusDocs(1000, 1)}, {"passages", passageDocs(1000, 1)}} {
		ix := New(corpus.docs, goldenSynonyms())
		for _, q := range goldenQueries() {
			full := describe(ix.Search(q))
			lines := strings.SplitAfterN(full, "\n", 5)
			fmt.Fprintf(&got, "== %s %x\n%s", corpus.name, sha256.Sum256([]byte(full)), strings.Join(lines[:min(4, len(lines))], ""))
		}
	}
	path := filepath.Join("testdata", "golden.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestSearchGolden -update to write it)", err)
	}
	if got.String() != string(want) {
		g, w := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("search results differ from %s at line %d:\n got %s\nwant %s", path, i+1, g[i], w[i])
			}
		}
		t.Fatalf("search results differ from %s: %d lines, want %d", path, len(g), len(w))
	}
}

// TestSearchFirstIsSearchCut checks that SearchFirst(q, n) gives the first
// n of Search(q)'s hits, the same in every field (a results page shows
// those and offers the rest by a link), and Search's count as Total.
func TestSearchFirstIsSearchCut(t *testing.T) {
	for _, corpus := range []struct {
		name string
		docs []Doc
	}{{"body", corpusDocs(300, 1)}, {"passages", passageDocs(300, 1)}} {
		ix := New(corpus.docs, goldenSynonyms())
		for _, q := range goldenQueries() {
			all := ix.Search(q)
			if all.Total != len(all.Hits) {
				t.Errorf("%s: Search(%q): Total %d, want len(Hits) %d", corpus.name, q, all.Total, len(all.Hits))
			}
			for _, n := range []int{0, 1, 10, 30, 50} {
				first := ix.SearchFirst(q, n)
				want := all.Hits[:min(n, len(all.Hits))]
				if first.Total != all.Total || len(first.Hits) != len(want) {
					t.Errorf("%s: SearchFirst(%q, %d): %d hits of %d, want %d of %d", corpus.name, q, n, len(first.Hits), first.Total, len(want), all.Total)
					continue
				}
				for i := range want {
					if first.Hits[i] != want[i] {
						t.Errorf("%s: SearchFirst(%q, %d): hit %d = %+v, want %+v", corpus.name, q, n, i, first.Hits[i], want[i])
					}
				}
			}
		}
	}
}

package site

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
)

// TestRecentBounded checks that the cache keeps what was searched
// last and often, and never more than two generations of pages.
func TestRecentBounded(t *testing.T) {
	c := newRecent(10_000)
	page := func(i int) cachedPage {
		return cachedPage{body: []byte(strings.Repeat("x", 900) + fmt.Sprint(i)), hits: i}
	}
	c.put("back pain", page(1))
	for i := range 1000 {
		c.put(fmt.Sprint("query ", i), page(i))
		if _, ok := c.get("back pain"); !ok {
			t.Fatalf("after %d other queries: the query searched every time was dropped", i+1)
		}
		held := 0
		for q, p := range c.cur {
			held += cachedSize(q, p)
		}
		for q, p := range c.old {
			held += cachedSize(q, p)
		}
		if held > 2*c.max {
			t.Fatalf("after %d queries the cache holds %d bytes, over twice %d", i+1, held, c.max)
		}
	}
	if _, ok := c.get("query 3"); ok {
		t.Errorf("a query searched once, 996 queries ago, is still kept")
	}
	if p, ok := c.get("query 999"); !ok || p.hits != 999 {
		t.Errorf("the last query: %v %v, want its page", p.hits, ok)
	}
	c.put("huge", cachedPage{body: make([]byte, 2000)})
	if _, ok := c.get("huge"); ok {
		t.Errorf("a page over an eighth of a generation was kept")
	}
}

// TestSearchCacheSamePage checks that a page or a /search.json answer
// from the cache is the one made without it, query for query, in both
// languages.
func TestSearchCacheSamePage(t *testing.T) {
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for lang, st := range map[string]*Site{"en": s, "es": s.In("es")} {
		for _, q := range shellQueries {
			for _, all := range []bool{false, true, false} { // the first page and the page of all are kept apart
				first, n1, err1 := st.SearchPageHits(q, all)
				again, n2, err2 := st.SearchPageHits(q, all)
				made, n3, err3 := st.searchPage(cutQuery(q), all, st.parts(), false)
				if err1 != nil || err2 != nil || err3 != nil {
					t.Fatalf("%s %q all=%v: %v %v %v", lang, q, all, err1, err2, err3)
				}
				if !bytes.Equal(first, made) || !bytes.Equal(again, made) || n1 != n3 || n2 != n3 {
					t.Errorf("%s %q all=%v: the page kept (%d results) differs from the page made (%d)", lang, q, all, n2, n3)
				}
			}
			for range 2 { // made, then kept
				if kept, made := st.SearchJSON(q), st.searchJSON(cutQuery(q)); !bytes.Equal(kept, made) {
					t.Errorf("%s %q: /search.json kept %s, made %s", lang, q, kept, made)
				}
			}
		}
	}
}

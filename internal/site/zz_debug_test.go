package site

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
)

func TestZZDebug(t *testing.T) {
	qs := os.Getenv("Q")
	if qs == "" {
		t.Skip()
	}
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range strings.Split(qs, "|") {
		var res struct{ Results []SearchResult }
		json.Unmarshal(s.SearchJSON(q), &res)
		fmt.Println("==", q)
		for i, r := range res.Results[:min(4, len(res.Results))] {
			fmt.Printf("  %d %-28s %7.2f %s %q\n", i+1, r.URL, r.Score, r.Matched, r.Text)
		}
	}
}

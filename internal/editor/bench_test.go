package editor

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/relief-massage/relief/internal/corpus"
	"github.com/relief-massage/relief/internal/history"
)

// benchFixture is the editor on the 13 built-in conditions (n = 13), or
// on n generated ones, with the page the benchmarks edit.
func benchFixture(b *testing.B, n int) (*fixture, string) {
	if n == 13 {
		return newFixture(b), backPain
	}
	fx := newFixtureWith(b, func(dir string) error { return corpus.Write(dir, n, 1) })
	entries, _ := os.ReadDir(fx.dir + "/conditions")
	return fx, path.Join("conditions", entries[0].Name())
}

// BenchmarkSaveToLive is one save through the editor, from the POST to the
// new site swapped in (validating the whole site with the change in
// memory, the atomic write, and the swap), on the 13 built-in conditions
// and on 1,000 generated ones. swap=handover is relief serve's way: the
// save hands the site it checked to the reload service (Options.Swap);
// swap=reload reads and builds the whole folder again, as it did before
// (Options.Reload only). Before timing, one check of the page fills the
// editor's cache, as the therapist's typing does while the page is open.
func BenchmarkSaveToLive(b *testing.B) {
	for _, n := range []int{13, 1000} {
		for _, handover := range []bool{true, false} {
			b.Run(fmt.Sprintf("conditions=%d/swap=%s", n, map[bool]string{true: "handover", false: "reload"}[handover]), func(b *testing.B) {
				fx, page := benchFixture(b, n)
				if !handover {
					fx.ed.opts.Swap = nil
				}
				if w := fx.do("POST", "/_relief/check", fx.formOf(page)); w.Code != http.StatusOK {
					b.Fatalf("check: status = %d\n%s", w.Code, w.Body)
				}
				b.ResetTimer()
				for i := range b.N {
					b.StopTimer()
					v := fx.formOf(page)
					v.Set("summary", fmt.Sprintf("A summary saved from the editor, version %d.", i))
					b.StartTimer()
					if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
						b.Fatalf("save: status = %d\n%s", w.Code, w.Body)
					}
				}
			})
		}
	}
}

// BenchmarkCheck is the editor's own share of a save or a keystroke: the
// whole site loaded with the change in memory (the content cache keeps
// every unchanged file's parse).
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{13, 1000} {
		b.Run(fmt.Sprintf("conditions=%d", n), func(b *testing.B) {
			fx, page := benchFixture(b, n)
			b.ResetTimer()
			for i := range b.N {
				v := fx.formOf(page)
				v.Set("summary", fmt.Sprintf("A summary typed in the editor, version %d.", i))
				if w := fx.do("POST", "/_relief/check", v); w.Code != http.StatusOK {
					b.Fatalf("check: status = %d\n%s", w.Code, w.Body)
				}
			}
		})
	}
}

// BenchmarkRestoreToLive is one "Restore this version" from a page's
// history, from the POST to the site swapped in, alternating between the
// page's two versions: the same steps as BenchmarkSaveToLive (check,
// write, swap, and a commit to the history), on 13 and 1,000 conditions.
func BenchmarkRestoreToLive(b *testing.B) {
	for _, n := range []int{13, 1000} {
		for _, handover := range []bool{true, false} {
			b.Run(fmt.Sprintf("conditions=%d/swap=%s", n, map[bool]string{true: "handover", false: "reload"}[handover]), func(b *testing.B) {
				fx, page := benchFixture(b, n)
				repo, err := history.Open(fx.dir)
				if err != nil {
					b.Fatal(err)
				}
				fx.ed.opts.History = repo
				if !handover {
					fx.ed.opts.Swap = nil
				}
				v := fx.formOf(page)
				v.Set("summary", "A summary saved from the editor, to restore from.")
				if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
					b.Fatalf("save: status = %d\n%s", w.Code, w.Body)
				}
				vs, err := repo.Log(page, 2)
				if err != nil || len(vs) != 2 {
					b.Fatalf("history of %s: %v, %v", page, vs, err)
				}
				b.ResetTimer()
				for i := range b.N {
					b.StopTimer()
					data, err := os.ReadFile(filepath.Join(fx.dir, page))
					if err != nil {
						b.Fatal(err)
					}
					form := url.Values{"path": {page}, "hash": {vs[1-i%2].Hash}, "version": {version(data)}}
					b.StartTimer()
					if w := fx.do("POST", "/_relief/restore", form); w.Code != http.StatusSeeOther {
						b.Fatalf("restore: status = %d\n%s", w.Code, w.Body)
					}
				}
			})
		}
	}
}

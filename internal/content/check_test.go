package content_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// update is -update: rewrite the golden files. The package's own tests may
// define the flag already (they run first); then it is shared.
var update = func() func() bool {
	if f := flag.Lookup("update"); f != nil {
		return func() bool { return f.Value.String() == "true" }
	}
	b := flag.Bool("update", false, "rewrite golden files under testdata/")
	return func() bool { return *b }
}()

// checkNow is the day the golden files were written for: review dates are
// measured from it.
var checkNow = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// TestCheckGolden checks every tree in testdata/broken, one kind of mistake
// each, against the exact report in its .golden file ("relief check"
// prints the same). Run with -update after a deliberate change.
func TestCheckGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/broken/*")
	if err != nil {
		t.Fatal(err)
	}
	static := os.DirFS("testdata/static")
	for _, dir := range cases {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			r := content.Check(os.DirFS(dir), content.Options{URLs: route.Names{}, Dir: "content", Static: static, Now: checkNow})
			var got bytes.Buffer
			r.WriteTo(&got)
			golden := dir + ".golden"
			if update() {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestCheckGolden -update to create it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("check %s:\n%s\nwant:\n%s", name, got.String(), want)
			}
		})
	}
}

// TestCheckOK checks that the base tree every broken one starts from has
// no problems at all, so that each golden file shows only its mistake.
func TestCheckOK(t *testing.T) {
	r := content.Check(os.DirFS("testdata/ok"), content.Options{URLs: route.Names{}, Dir: "content", Static: os.DirFS("testdata/static"), Now: checkNow})
	if len(r.Problems) > 0 || r.Pages != 4 {
		t.Errorf("testdata/ok: %d pages, problems:\n%v", r.Pages, r.Problems)
	}
}

func TestReportFailed(t *testing.T) {
	r := content.Report{Problems: content.Problems{{Severity: content.Warning}}}
	if r.Failed(false) != 0 || r.Failed(true) != 1 {
		t.Errorf("one warning: Failed(false) = %d, Failed(true) = %d; want 0, 1", r.Failed(false), r.Failed(true))
	}
	if got := (content.Report{Pages: 1}).Summary(); got != "1 page, 0 errors, 0 warnings" {
		t.Errorf("Summary() = %q", got)
	}
}

// baseTree returns testdata/ok in memory, to edit.
func baseTree() fstest.MapFS {
	m := fstest.MapFS{}
	fs.WalkDir(os.DirFS("testdata/ok"), ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(filepath.Join("testdata/ok", name))
			m[name] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	return m
}

func edit(m fstest.MapFS, name, old, new string) {
	m[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(m[name].Data), old, new, 1))}
}

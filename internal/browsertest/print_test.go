package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestPrintHandout prints the chronic back pain page, the longest shipped
// condition, as a visitor would hand it to someone: at most two pages on
// US Letter and on A4. The print-media screenshot goes to testdata/screens/.
func TestPrintHandout(t *testing.T) {
	browser(t)
	v := open(t, route{name: "print", path: "/conditions/chronic-back-pain", status: 200}, desktop, false)
	for _, paper := range []struct {
		name string
		w, h float64 // inches
	}{{"Letter", 8.5, 11}, {"A4", 8.27, 11.69}} {
		var pdf []byte
		_, err := chromedp.Run(v.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: paper.w, PaperHeight: paper.h})
			pdf = res.Data
			return err
		}))
		if err != nil {
			t.Fatalf("%s: print to PDF on %s: %v", v.where, paper.name, err)
		}
		pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
		t.Logf("chronic back pain prints on %d %s pages", pages, paper.name)
		if pages > 2 {
			t.Errorf("%s prints on %d %s pages, want at most 2", v.where, pages, paper.name)
		}
	}
	if _, err := chromedp.Run(v.ctx, media("print", "light")); err != nil {
		t.Fatal(err)
	}
	after := eval[string](t, v, `getComputedStyle(document.querySelector('.prose a[href="/conditions/sciatica"]'), '::after').content`)
	if want := `" (" "https://relief.example.com" "/conditions/sciatica" ")"`; after != want && !strings.Contains(after, "https://relief.example.com/conditions/sciatica") {
		t.Errorf("%s: in print the link to sciatica is followed by %s, want its full address", v.where, after)
	}
	buf, err := chromedp.Run(v.ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "screens")
	if err := os.MkdirAll(dir, 0o755); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "print-chronic-back-pain.jpg"), buf, 0o644)
	}
}

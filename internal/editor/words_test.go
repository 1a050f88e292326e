package editor

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/content"
)

// TestWordsTheTherapistReads: the words after a save and beside an empty
// field say what happened and what to do, in the form's words, not the
// file's.
func TestWordsTheTherapistReads(t *testing.T) {
	fx := newFixture(t)
	if w := fx.do("POST", "/_relief/new", url.Values{"title": {"Runner's Knee"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("new condition: status = %d\n%s", w.Code, w.Body)
	}
	body := fx.do("GET", "/_relief/edit/conditions/runners-knee.md?saved=1", nil).Body.String()
	if !strings.Contains(body, "Saved as a draft") || strings.Contains(body, "The page is live") {
		t.Errorf("a new draft: the notice does not say it is a draft:\n%s", body)
	}
	body = fx.do("GET", "/_relief/edit/", nil).Body.String()
	for _, word := range []string{">plain<", "(slug)"} {
		if strings.Contains(body, word) {
			t.Errorf("the dashboard says %q", word)
		}
	}
	// What the page shows: its text without the tags and the script data.
	text := regexp.MustCompile(`(?s)<datalist.*?</datalist>|<[^>]*>`).ReplaceAllString(fx.do("GET", "/_relief/edit/conditions/runners-knee.md", nil).Body.String(), " ")
	for _, word := range []string{"slug", "site.yaml", "[back]", "frontmatter", "YAML"} {
		if i := strings.Index(text, word); i >= 0 {
			t.Errorf("the form says %q: …%s…", word, text[max(0, i-80):min(len(text), i+80)])
		}
	}
}

func TestBesideField(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"related", `related: there is no condition "x"`, `There is no condition "x"`},
		{"related", `regions: unknown`, `regions: unknown`},
		{"title", "title: ", "title: "},
		{"slug", `slug: "Hip Pain!" cannot be the page's web address, which may have only lowercase letters, digits and hyphens: change it to slug: hip-pain`, `"Hip Pain!" cannot be the page's web address, which may have only lowercase letters, digits and hyphens: change it to hip-pain`},
		{"image", "image: my hip photo.JPG: there is no file my hip photo.JPG among the site's pictures", "There is no file my hip photo.JPG among the site's pictures"},
		{"summary", "summary: first: then", "First: then"},
		{"summary", "summary is 599 characters long: search engines cut it after about 160, so shorten it", "It is 599 characters long: search engines cut it after about 160, so shorten it"},
		{"regions", "regions: choose at least one body area, so visitors find this page: write a line like regions: [head-jaw] between the --- lines at the top, naming one or more of Head and Jaw (head-jaw), Neck (neck) by the name in brackets", "Choose at least one body area, so visitors find this page"},
	} {
		if got := besideField(c.name, c.in); got != c.want {
			t.Errorf("besideField(%q, %q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// TestRefusedSaveSaysSoAtTheTop: after pressing Save the browser shows the
// top of the page, so a refused save says there, first, that nothing was
// saved, and lists every error with a link to its field or line, even when
// each error also sits beside its field far below.
func TestRefusedSaveSaysSoAtTheTop(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	v.Set("regions", "elbow")
	v.Set("body", "See [my page](/conditions/no-such-page) first.\n\n"+v.Get("body"))
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d, want 422\n%s", w.Code, w.Body)
	}
	body := w.Body.String()
	top, _, ok := strings.Cut(body, `id="field-title"`)
	if !ok {
		t.Fatalf("the form has no title field:\n%s", body)
	}
	for _, want := range []string{
		"This page was not saved yet",
		"Nothing on the website has changed",
		"these 2 things",
		`<a href="#field-regions">Body areas</a>: `,
		`<a href="#in-body" data-line="1">Line 1 of the page&#39;s text</a>: link to /conditions/no-such-page`,
	} {
		if !strings.Contains(top, want) {
			t.Errorf("above the first field, the refused form does not say %q:\n%s", want, top)
		}
	}
	// A page opened, not refused, has no such list.
	if body := fx.do("GET", "/_relief/edit/"+backPain, nil).Body.String(); strings.Contains(body, "not saved yet") {
		t.Errorf("a page just opened says it was not saved")
	}
}

// TestRefusedSaveKeepsPageWideWarnings: a refused form's list of errors at
// the top takes the place of the page-wide problems' box, so the warnings
// tied to no field or line are listed after the errors, not hidden until
// the errors are fixed.
func TestRefusedSaveKeepsPageWideWarnings(t *testing.T) {
	fx := newFixture(t)
	target, err := parseTarget(backPain)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(fx.dir, filepath.FromSlash(backPain)))
	if err != nil {
		t.Fatal(err)
	}
	problems := content.Problems{
		{Path: backPain, Severity: content.Error, Message: "regions: choose at least one body area"},
		{Path: backPain, Severity: content.Warning, Message: "the page has no picture yet"},
	}
	w := httptest.NewRecorder()
	fx.ed.showForm(w, httptest.NewRequest("POST", "/_relief/save", nil), http.StatusUnprocessableEntity, formFromFile(target, data), problems)
	top, _, ok := strings.Cut(w.Body.String(), `id="field-title"`)
	if !ok {
		t.Fatalf("the form has no title field:\n%s", w.Body)
	}
	for _, want := range []string{"This page was not saved yet", "Fix this, then", `<li class="warning">the page has no picture yet</li>`} {
		if !strings.Contains(top, want) {
			t.Errorf("above the first field, the refused form does not say %q:\n%s", want, top)
		}
	}
}

// TestEveryFieldHasALabel: the form names each field in words, never by its
// key in the file ("image_alt").
func TestEveryFieldHasALabel(t *testing.T) {
	for _, fd := range content.Fields() {
		if labels[fd.Name] == "" {
			t.Errorf("the field %s has no label in labels (edit.go): the form would show its key", fd.Name)
		}
	}
}

// TestPreviewOfMistakes: while the form has errors, the preview frame says
// what to fix in the form's words (the field's label, the line of the
// text, not the file's line), and holds no editor bar: its links and Log
// out would open inside the frame.
func TestPreviewOfMistakes(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	v.Set("body", "See [my page](/conditions/no-such-page) first.\n\n"+v.Get("body"))
	body := fx.do("POST", "/_relief/preview", v).Body.String()
	for _, want := range []string{"Not yet", "once this is fixed", "<strong>Line 1 of the page&#39;s text</strong>: link to /conditions/no-such-page"} {
		if !strings.Contains(body, want) {
			t.Errorf("the preview of a mistake does not say %q:\n%s", want, body)
		}
	}
	for _, bar := range []string{"Log out", "All pages", backPain + ":"} {
		if strings.Contains(body, bar) {
			t.Errorf("the preview of a mistake has %q in it:\n%s", bar, body)
		}
	}
}

// TestNoBodyAreaBesideTheTicks: a condition with every body area unticked
// is told so beside the ticks, in the form's words, not at the top in the
// file's ("write a line like regions: [head-jaw]").
func TestNoBodyAreaBesideTheTicks(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	v.Del("regions")
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d, want 422", w.Code)
	}
	body := w.Body.String()
	_, field, _ := strings.Cut(body, `id="field-regions"`)
	field, _, _ = strings.Cut(field, `id="field-symptoms"`)
	if !strings.Contains(field, "Choose at least one body area") {
		t.Errorf("the body areas do not say one must be ticked:\n%s", field)
	}
	if strings.Contains(body, "regions: [") {
		t.Errorf("the form tells the therapist to write YAML:\n%s", body)
	}
}

// TestBuilderFieldsUnderMore: the field only the site's templates read
// (extra) waits under "More", closed, with words that say whom it is for;
// a problem in it opens it, so the link to it from the top of a refused
// save arrives somewhere visible.
func TestBuilderFieldsUnderMore(t *testing.T) {
	fx := newFixture(t)
	more := regexp.MustCompile(`<details class="more"( open)?><summary>More, for the person who built the site</summary>\s*<div class="field field-extra" id="field-extra">`)
	body := fx.do("GET", "/_relief/edit/"+backPain, nil).Body.String()
	if m := more.FindStringSubmatch(body); m == nil || m[1] != "" {
		t.Errorf("the design's settings are not under a closed \"More\":\n%s", body)
	}
	if !strings.Contains(body, "Only for the person who built or changes the site&#39;s design") {
		t.Errorf("the design's settings do not say whom they are for")
	}
	v := fx.formOf(backPain)
	v.Set("extra", "[not, a, group")
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("a broken extra: status = %d, want 422", w.Code)
	}
	if m := more.FindStringSubmatch(w.Body.String()); m == nil || m[1] != " open" {
		t.Errorf("a problem in the design's settings leaves \"More\" closed:\n%s", w.Body)
	}
}

// TestPictureAndAddressInTheFormsWords: a picture's name that is not on the
// site, and a web address that cannot be one, are refused beside their
// boxes in the form's words. Before, the picture's said "My hip photo.JPG:
// there is no file my hip photo.JPG in content/images/: put the image in
// that folder", her name capitalised and a folder she cannot reach; the
// address's said "change it to slug: hip-pain", a line of the file.
func TestPictureAndAddressInTheFormsWords(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	v.Set("image", "my hip photo.JPG")
	v.Set("slug", "Back Pain!")
	v.Set("body", "![a stretch](my-stretch.jpg)\n\n"+v.Get("body"))
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d, want 422\n%s", w.Code, w.Body)
	}
	body := strings.ReplaceAll(w.Body.String(), "&#39;", "'")
	for _, want := range []string{
		"There is no file my hip photo.JPG among the site's pictures: add it with the Picture button above the page's text, or fix the name",
		"digits and hyphens: change it to back-pain<",
		"there is no file my-stretch.jpg among the site's pictures: add it with the Picture button",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused form does not say %q", want)
		}
	}
	for _, bad := range []string{"content/images/", "My hip photo", "slug: back-pain"} {
		if strings.Contains(body, bad) {
			t.Errorf("the refused form says %q: %s", bad, body[max(0, strings.Index(body, bad)-300):strings.Index(body, bad)+50])
		}
	}
}

// TestListMarksPastedAreDropped: symptoms pasted from a list elsewhere
// ("- pain in the hip", "• clicking", "1. night pain") are saved without
// their marks, which the site would otherwise show as part of each
// symptom. A dash inside an item stays.
func TestListMarksPastedAreDropped(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	v.Set("symptoms", "- pain in the hip\n\n  * stiffness\n• clicking\n1. night pain\n12) ache – worse at night\n-5 degrees feels worse")
	if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
		t.Fatalf("status = %d, want 303\n%s", w.Code, w.Body)
	}
	f := fx.formOf(backPain)
	want := "pain in the hip\nstiffness\nclicking\nnight pain\nache – worse at night\n-5 degrees feels worse"
	if got := f.Get("symptoms"); got != want {
		t.Errorf("symptoms saved:\n%s\nwant:\n%s", got, want)
	}
}

// TestNewPagePromptsInTheFormsWords: publishing a new condition with its
// prompts still in it is refused, each prompt named, in the form's words.
// It said "is a prompt from relief new, not your words: replace it (or
// keep the page a draft with draft: true until it is written)": a command
// she never ran and a line of the file, eleven times over.
func TestNewPagePromptsInTheFormsWords(t *testing.T) {
	fx := newFixture(t)
	if w := fx.do("POST", "/_relief/new", url.Values{"title": {"Runner's Knee"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("new condition: status = %d\n%s", w.Code, w.Body)
	}
	const page = "conditions/runners-knee.md"
	v := fx.formOf(page)
	v.Del("draft")
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("publish the new page as it is: status = %d, want 422\n%s", w.Code, w.Body)
	}
	body := strings.ReplaceAll(w.Body.String(), "&#34;", `"`)
	if want := `is a prompt, not your words: replace it, or keep the page a draft (tick “Draft” near the end of the form) until it is written`; !strings.Contains(body, want) {
		t.Errorf("the refused form does not say %q\n%s", want, problemsOf(body))
	}
	for _, bad := range []string{"relief new", "draft: true"} {
		if strings.Contains(body, bad) {
			t.Errorf("the refused form says %q", bad)
		}
	}
}

// TestExamplesSayTheyAreExamples: an emptied box shows its example as
// one ("For example: Sciatica"); the bare example, grey in the Title box
// of Hip Pain, read as if the page were now called Sciatica. The web
// address's is the address the page has without one, and stays bare.
func TestExamplesSayTheyAreExamples(t *testing.T) {
	fx := newFixture(t)
	body := fx.do("GET", "/_relief/edit/conditions/hip-pain.md", nil).Body.String()
	for _, want := range []string{
		`id="in-title" name="title" type="text" value="Hip Pain" placeholder="For example: Sciatica"`,
		`id="in-slug" name="slug" type="text" value="" placeholder="hip-pain"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the form does not have %s", want)
		}
	}
}

// TestSummaryCountedInCharacters: the count under the Summary box is of
// characters, as the checker counts them ("café" is 4, not 5 bytes).
func TestSummaryCountedInCharacters(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	v.Set("summary", "Massage at the café: "+strings.Repeat("é", 10))
	v.Set("action", "today") // shows the form again, unsaved
	body := fx.do("POST", "/_relief/save", v).Body.String()
	if want := ">31 of 160 characters<"; !strings.Contains(body, want) {
		t.Errorf("the counter does not say %q", want)
	}
}

// TestPlainWords: the checker's messages about a page's settings, as the
// editor shows them (beside a box, in the box of settings that could not
// be read, for another page), say "setting" and "the page's settings", not
// the file's "key", "frontmatter" or "YAML", and pass no parser's message
// on. relief check keeps the checker's words.
func TestPlainWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`weight: expected a whole number like 10, got the text "ten"`, "weight: write a whole number in digits, like 10, not “ten”"},
		{`weight: expected a whole number like 10, got 1.5`, "weight: write a whole number in digits, like 10, not “1.5”"},
		{`unknown key "summry": did you mean summary?`, "the form has no place for the setting “summry”: did you mean summary?"},
		{`unknown key "colour": the keys you can use are draft, title (put your own data under extra:)`, "the form has no place for the setting “colour”: the settings it can have are draft, title (put your own under extra:)"},
		{`unknown key "colour": a language takes code, name, dir, tagline, disclaimer and regions`, "the form has no place for the setting “colour”: a language takes code, name, dir, tagline, disclaimer and regions"},
		{`the required key title is missing: add a line like "title: Sciatica" to the frontmatter`, `the setting title is missing: add a line like "title: Sciatica" to the page's settings`},
		{`title: the colon in the text is read as the start of a new key: put the whole text in double quotes, like title: "a: b"`, `title: the colon in the text is read as the start of a new setting: put the whole text in double quotes, like title: "a: b"`},
		{`symptoms: item 2: the colon in it is read as a key: put the item in double quotes, like - "a: b"`, `symptoms: item 2: the colon in it is read as the start of a setting: put the item in double quotes, like - "a: b"`},
		{`extra: expected a group of keys (one "name: value" per indented line), got the text "x"`, `extra: expected settings, one “name: value” a line, got the text "x"`},
		{`symptoms: item 1: expected text, got a group of keys`, `symptoms: item 1: expected text, got a group of settings`},
		{`this line is not lined up with the lines above it: start each key at the beginning of its line, and indent list items ("- item") by two spaces`, `this line is not lined up with the lines above it: start each setting at the beginning of its line, and indent list items ("- item") by two spaces`},
		{"a colon in a value is read as the start of a new key: put the value in double quotes", "a colon in the words is read as the start of a new setting: put the words in double quotes"},
		{`every line of the frontmatter is "key: value": add the colon, or start the line with # to make it a note`, "every line of the settings is “name: words”: add the colon, or start the line with # to make it a note"},
		{"a value starts with a character YAML reserves (such as @, ` or a tab): put the value in double quotes", "the words start with a character that means something else here (such as @, ` or a tab): put them in double quotes"},
		{"the frontmatter cannot be read (yaml: line 3: found a tab character where an indentation space is expected): check this line's indentation and quotes", "this line cannot be read: check the spaces at its start and its quotes"},
		{`the frontmatter cannot be read (expected key = value): TOML lines are written key = "value", with text in double quotes`, `this line cannot be read: each line is written name = "words", with the words in double quotes`},
		{"frontmatter: yaml: unmarshal errors", "the page's settings cannot be read: check the spaces at the start of each line, and the quotes"},
		{`frontmatter must be a list of "key: value" lines, like "title: Sciatica"`, "the settings must be lines of “name: words”, like “title: Sciatica”"},
		{"the frontmatter is more than 200 lines long: it holds the page's title, summary and a few other keys; move long text below the closing --- line, or check that the closing --- line is there", "the page's settings are more than 200 lines long: they hold the page's title, summary and a few more; move long text below the closing --- line, or check that the closing --- line is there"},
		{"the frontmatter opened with --- on line 1 is never closed: add a line --- after the last key", "the page's settings opened with --- on line 1 are never closed: add a line --- after the last setting"},
		{"the page has no text below its frontmatter: write the page, or mark it draft: true", "the page has no text: write it, or keep the page a draft (tick “Draft” near the end of the form)"},
		{"title is set twice (first on line 2): keep one", "title is set twice (first on line 2): keep one"},
	} {
		got := plainWords(c.in)
		if got != c.want {
			t.Errorf("plainWords(%q)\n= %q\nwant %q", c.in, got, c.want)
		}
		if w := regexp.MustCompile(`\b(key|keys|frontmatter|YAML|yaml|mapping|sequence|scalar|string)\b`).FindString(got); w != "" {
			t.Errorf("plainWords(%q) still says %q: %q", c.in, w, got)
		}
	}
}

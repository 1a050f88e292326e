package editor

import (
	"html"
	"net/http"
	"strings"
	"testing"
)

// TestWeightAsTyped: the order box (weight) keeps what was typed. A number
// box (type="number") sent "" for "ten" and "3rd" in some browsers, so the
// order was silently taken off the page; it is a text box for digits now,
// and a word comes back in it, refused, with what to write beside it and
// everything else typed still in the form. Digits are saved as the number
// they read as: "010" is 10 (the file's reader would take it for 8).
func TestWeightAsTyped(t *testing.T) {
	const summary = "A summary typed in the same go as the order."
	tests := []struct {
		typed  string
		status int
		want   string // in the file (303), or beside the box (422)
	}{
		{"ten", 422, "Write a whole number in digits, like 10, not “ten”"},
		{"3rd", 422, "Write a whole number in digits, like 10, not “3rd”"},
		{"1.5", 422, "Write a whole number in digits, like 10, not “1.5”"},
		{"12", 303, "\nweight: 12\n"},
		{" 12 ", 303, "\nweight: 12\n"},
		{"010", 303, "\nweight: 10\n"},
		{"", 303, ""},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			fx := newFixture(t)
			before := fx.file(backPain)
			v := fx.formOf(backPain)
			v.Set("weight", tt.typed)
			v.Set("summary", summary)
			w := fx.do("POST", "/_relief/save", v)
			if w.Code != tt.status {
				t.Fatalf("save with the order %q: status = %d, want %d\n%s", tt.typed, w.Code, tt.status, problemsOf(w.Body.String()))
			}
			after := fx.file(backPain)
			if tt.status == http.StatusSeeOther {
				if !strings.Contains(after, tt.want) || tt.typed == "" && strings.Contains(after, "\nweight:") {
					t.Errorf("the order %q: the file has\n%s", tt.typed, after)
				}
				return
			}
			if after != before {
				t.Errorf("the order %q: a refused save changed the file", tt.typed)
			}
			body := html.UnescapeString(w.Body.String())
			_, box, _ := strings.Cut(body, `id="field-weight"`)
			box, _, _ = strings.Cut(box, "</div>")
			for _, want := range []string{
				`<input id="in-weight" name="weight" type="text" inputmode="numeric" pattern="-?[0-9]*" value="` + tt.typed + `"`,
				`aria-describedby="help-weight problems-weight" aria-invalid="true"`,
				`<li class="error">` + tt.want + `</li>`,
			} {
				if !strings.Contains(box, want) {
					t.Errorf("the order %q: the box does not have %q:\n%s", tt.typed, want, box)
				}
			}
			if !strings.Contains(body, summary) {
				t.Errorf("the order %q: the refused form lost the summary typed with it", tt.typed)
			}
		})
	}
}

// TestInvalidOnlyForErrors: a box is marked aria-invalid for an error
// beside it, not for a suggestion ("Worth a look").
func TestInvalidOnlyForErrors(t *testing.T) {
	warning, err := problemView{Severity: "warning", Text: "a long summary"}, problemView{Severity: "error", Text: "a word"}
	for _, tt := range []struct {
		ps   []problemView
		want bool
	}{{nil, false}, {[]problemView{warning}, false}, {[]problemView{warning, err}, true}} {
		if got := (fieldView{Problems: tt.ps}).Invalid(); got != tt.want {
			t.Errorf("Invalid with %v = %v, want %v", tt.ps, got, tt.want)
		}
	}
}

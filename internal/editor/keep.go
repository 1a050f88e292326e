package editor

import (
	"fmt"
	"net/http"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/relief-massage/relief/internal/content"
)

// A page's settings may hold a key the form has no field for, most often
// a known one spelt wrong by a hand edit of the file ("summry:"). The form
// keeps such keys as they are (form.Keep), and the checker refuses the
// save, so without more the therapist could never save the page: there is
// nothing in the form to change. The form therefore shows each one in a
// box at its top (edit.html, #unknown-keys), naming the key, showing its
// line, and saying which field it probably meant; its buttons post the
// form with action "drop:KEY" (delete the line) or "use:KEY" (put its
// value in the field it meant, when that field is empty), which change
// the form only, like "Reviewed today": Save then writes the page without
// the line, and keeps every other line of the file as it was (splice).

// unknownKey is one key of a form's Keep as the box shows it.
type unknownKey struct {
	Key  string // as written in the file
	Line string // the key and its value, as the file has them (one line or a few)
	// Meant is the field the key probably meant, by its name ("summary"),
	// and Label that field's label ("Summary"); both "" when no field is
	// close.
	Meant, Label string
	CanUse       bool // Meant is empty in the form, so the value can go there
}

// keptKey is one key of Keep with its value, as parsed.
type keptKey struct {
	key, value *yaml.Node
}

// keptKeys parses f.Keep, which formFromFile writes as one YAML mapping
// entry a key; nil when it is not a mapping (frontmatter that could not be
// read at all, kept whole).
func (f *form) keptKeys() []keptKey {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(f.Keep), &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0].Content
	kk := make([]keptKey, 0, len(m)/2)
	for i := 0; i+1 < len(m); i += 2 {
		kk = append(kk, keptKey{m[i], m[i+1]})
	}
	return kk
}

// unreadable reports whether f's settings could not be read at all (YAML
// that does not parse as keys and values), so that all of them are kept
// in Keep and the form's fields are empty. The form then shows Keep in a
// box of its own to mend (the fields would only mislead), a save writes
// that box as the file's settings, and the checker's messages for those
// lines go beside it. A TOML page's unreadable settings are kept as
// comments and are not this case.
func (f *form) unreadable() bool {
	return f.Keep != "" && !strings.HasPrefix(f.Keep, tomlUnreadable) && f.keptKeys() == nil
}

// tomlUnreadable starts the Keep of a TOML page whose settings could not
// be read.
const tomlUnreadable = "# This page's settings were in TOML and could not be read:"

// unknownKeys lists f's kept keys for the box.
func (f *form) unknownKeys() []unknownKey {
	var out []unknownKey
	for _, k := range f.keptKeys() {
		u := unknownKey{Key: k.key.Value, Line: strings.TrimRight(entryText(k), "\n"), Meant: meant(f.Target, k.key.Value)}
		if u.Meant != "" {
			u.Label = fieldLabel(f.Target, u.Meant)
			u.CanUse = f.Values[u.Meant] == ""
		}
		out = append(out, u)
	}
	return out
}

// meant returns the field of t's form that key was probably meant to be,
// as the checker's "did you mean" suggests (content.ClosestKey); "" when
// none is that close.
func meant(t target, key string) string {
	var names []string
	for _, fd := range t.fields() {
		names = append(names, fd.Name)
	}
	return content.ClosestKey(key, names)
}

// entryText is one kept key as formFromFile writes it into Keep.
func entryText(k keptKey) string {
	return nodeText(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k.key, k.value}})
}

// fixKey does a box's button, action "drop:KEY" or "use:KEY", on f and
// shows the form again, not saved: it reports false for any other action.
func (e *Editor) fixKey(w http.ResponseWriter, r *http.Request, f *form, action string) bool {
	verb, key, ok := strings.Cut(action, ":")
	if !ok || verb != "drop" && verb != "use" {
		return false
	}
	var keep strings.Builder
	var found *keptKey
	for _, k := range f.keptKeys() {
		if k.key.Value == key && found == nil {
			found = &k
			continue
		}
		keep.WriteString(entryText(k))
	}
	if found == nil { // the page shown again, or Back: nothing left to do
		e.showForm(w, r, http.StatusOK, f, nil)
		return true
	}
	f.Keep = keep.String()
	note := fmt.Sprintf("The setting %q is taken out. Press “Save and publish” to save the page without it.", key)
	if name := meant(f.Target, key); verb == "use" && name != "" {
		f.Values[name] = valueText(fieldMap(f.Target)[name], found.value)
		note = fmt.Sprintf("What the setting %q held is now in %s. Check it, then press “Save and publish”.", key, fieldLabel(f.Target, name))
	}
	e.showFormNote(w, r, http.StatusOK, f, nil, note)
	return true
}

// dropped returns the keys of orig's Keep that f no longer keeps, taken
// out in the box (none, nil, when f keeps what orig does). ok is false
// when f keeps a key orig does not have (a form posted with a Keep of its
// own making), or a Keep that is not orig's and cannot be read.
func (f *form) dropped(orig *form) (gone map[string]bool, ok bool) {
	if f.Keep == orig.Keep {
		return nil, true
	}
	mine := f.keptKeys()
	if mine == nil && f.Keep != "" {
		return nil, false
	}
	gone = map[string]bool{}
	for _, k := range orig.keptKeys() {
		gone[k.key.Value] = true
	}
	for _, k := range mine {
		if !gone[k.key.Value] {
			return nil, false
		}
		delete(gone, k.key.Value)
	}
	return gone, true
}

// unknownKeyIn reports whether p is the checker's refusal of one of f's
// kept keys ("unknown key \"summry\": did you mean summary?"), which the
// box says in the form's words. Should the checker's words change, the
// refusal shows among the page-wide problems as well, nothing worse.
func unknownKeyIn(f *form, p content.Problem) bool {
	for _, k := range f.keptKeys() {
		if strings.HasPrefix(p.Message, fmt.Sprintf("unknown key %q", k.key.Value)) {
			return true
		}
	}
	return false
}

package editor

import "fmt"

// notice is what the page after a save says at its top: what Save did,
// and, when the page has warnings, how many, with a link to the "Worth a
// look" list at the top of the form (editPage.Worth, #worth-a-look in
// edit.html), so that the
// therapist knows the page is saved and where to look, without reading
// the whole form for marks beside its fields.
type notice struct {
	Said string // what Save did: published, saved for the next update, or kept as a draft
	Look string // "2 things worth a look (not mistakes):", "" when there is nothing to look at
}

// savedNotice is the notice of the page after a save, for data, the
// page's own data (an *editPage for a page's form, else nothing to count).
// A draft is kept but not shown, so "visitors see it" would send the
// therapist looking for a page they cannot see yet. In the preview
// (Options.Preview) a save changes the preview at once, and what visitors
// see only when the site is next updated.
func (e *Editor) savedNotice(data any) *notice {
	p, _ := data.(*editPage)
	n := &notice{Said: "Saved and published: visitors see the new version now."}
	switch {
	case p != nil && p.Form != nil && p.Form.Values["draft"] == "true":
		n.Said = "Saved as a draft. Visitors do not see this page until you untick \"Draft\" and save again."
	case e.opts.Preview:
		n.Said = "Saved: the preview shows it now, and visitors see the new version at the site's next update."
	}
	if p == nil {
		return n
	}
	switch len(p.Worth) {
	case 0:
	case 1:
		n.Look = "One thing worth a look (not a mistake):"
	default:
		n.Look = fmt.Sprintf("%d things worth a look (not mistakes):", len(p.Worth))
	}
	return n
}

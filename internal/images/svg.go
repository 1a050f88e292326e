package images

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// looksLikeSVG reports whether data starts, after an optional XML
// declaration, comments and white space, with an <svg element.
func looksLikeSVG(data []byte) bool {
	head := data[:min(len(data), 4096)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return bytes.Contains(head, []byte("<svg")) && !bytes.ContainsRune(head, 0)
}

// checkSVG refuses an SVG that can run code or fetch anything (scripts,
// event handlers, <foreignObject>, references to other files, entity
// declarations), and returns its size in pixels from its width and height
// or its viewBox.
func checkSVG(data []byte) (w, h int, err error) {
	if len(data) > MaxSVGSize {
		return 0, 0, fmt.Errorf("the drawing is %d KiB; SVG drawings may be up to %d KiB: simplify it, or save it as PNG", len(data)>>10, MaxSVGSize>>10)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, fmt.Errorf("the drawing is not well-formed SVG (%v): save it again from your drawing program", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return 0, 0, errors.New("the drawing declares a DOCTYPE or entities, which can read other files: save it again as plain SVG (in Inkscape: Save As, Optimized SVG)")
		case xml.StartElement:
			if err := unsafeElement(t); err != nil {
				return 0, 0, err
			}
			if root {
				root = false
				if t.Name.Local != "svg" {
					return 0, 0, errors.New("the file does not start with an <svg> element: save the drawing again as SVG")
				}
				w, h = svgSize(t)
			}
		case xml.CharData:
			if unsafeCSS(string(t)) {
				return 0, 0, errors.New("the drawing's styles load something from another file or website (url(…) or @import): remove it, or save the drawing as PNG")
			}
		}
	}
	if w <= 0 || h <= 0 {
		return 0, 0, errors.New("the drawing has no size: give its <svg> element width and height, or a viewBox")
	}
	return w, h, nil
}

func unsafeElement(t xml.StartElement) error {
	switch strings.ToLower(t.Name.Local) {
	case "script":
		return errors.New("the drawing holds a script, which could run in visitors' browsers: remove the <script> element, or save the drawing as PNG")
	case "foreignobject", "iframe", "embed", "object":
		return fmt.Errorf("the drawing holds a <%s> element, which can show other content: remove it, or save the drawing as PNG", t.Name.Local)
	}
	for _, a := range t.Attr {
		name := strings.ToLower(a.Name.Local)
		switch {
		case strings.HasPrefix(name, "on"):
			return fmt.Errorf("the drawing has an event handler (%s=…) on <%s>, which could run a script: remove the attribute", a.Name.Local, t.Name.Local)
		case name == "href" || name == "src":
			if !strings.HasPrefix(strings.TrimSpace(a.Value), "#") {
				return fmt.Errorf("the drawing refers to another file or website (%s=%q on <%s>): drawings must be whole in themselves; remove the reference, or save the drawing as PNG", a.Name.Local, a.Value, t.Name.Local)
			}
		case unsafeCSS(a.Value):
			return fmt.Errorf("the drawing's %s on <%s> loads something from another file or website (url(…)): remove it", a.Name.Local, t.Name.Local)
		}
	}
	return nil
}

// unsafeCSS reports whether s has a url() other than to a fragment of
// the same drawing, or an @import.
func unsafeCSS(s string) bool {
	l := strings.ToLower(s)
	if strings.Contains(l, "@import") {
		return true
	}
	for {
		i := strings.Index(l, "url(")
		if i < 0 {
			return false
		}
		l = strings.TrimLeft(l[i+4:], " \t\n'\"")
		if !strings.HasPrefix(l, "#") {
			return true
		}
	}
}

// svgSize reads the size of an <svg> element in pixels.
func svgSize(t xml.StartElement) (w, h int) {
	var vb string
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "width":
			w = pixels(a.Value)
		case "height":
			h = pixels(a.Value)
		case "viewBox":
			vb = a.Value
		}
	}
	if w > 0 && h > 0 {
		return w, h
	}
	f := strings.FieldsFunc(vb, func(r rune) bool { return r == ' ' || r == ',' })
	if len(f) == 4 {
		return pixels(f[2]), pixels(f[3])
	}
	return 0, 0
}

func pixels(s string) int {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
	if err != nil || v <= 0 || v > 100000 {
		return 0
	}
	return int(math.Round(v))
}

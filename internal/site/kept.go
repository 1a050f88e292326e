package site

import (
	"html/template"
	"strings"
	"sync"
)

// kept holds partials made once and shown many times ({{part}} and
// {{item}}): the lookup, the making and the keeping they share.
type kept[K comparable] struct {
	mu    sync.Mutex
	made  map[K]template.HTML // nil: nothing is kept
	limit int                 // the most kept; 0 for no bound
}

// get returns the partial kept for k, or makes it by writing it with
// write and, when keep is true, keeps it while made is not nil and below
// limit. What write wrote is returned as template.HTML, so the partial
// must begin and end in HTML text.
func (m *kept[K]) get(k K, keep bool, write func(*strings.Builder) error) (template.HTML, error) {
	if keep {
		m.mu.Lock()
		html, ok := m.made[k]
		m.mu.Unlock()
		if ok {
			return html, nil
		}
	}
	var b strings.Builder
	if err := write(&b); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	if keep {
		m.mu.Lock()
		if m.made != nil && (m.limit == 0 || len(m.made) < m.limit) {
			m.made[k] = html
		}
		m.mu.Unlock()
	}
	return html, nil
}

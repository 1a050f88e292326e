package search

import (
	"testing"

	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/spanish"
)

// spanishFixture is a few Spanish pages, as a bilingual practice writes
// them.
func spanishFixture() []Doc {
	return []Doc{
		{URL: "/es/conditions/ciatica", Title: "Ciática", Kind: "condition",
			Summary:  "El masaje puede soltar los músculos tensos que rodean el nervio ciático.",
			Aliases:  []string{"nervio pinzado", "hernia de disco"},
			Symptoms: []string{"dolor por la parte de atrás de la pierna", "hormigueo en el pie", "entumecimiento en la pierna"},
			Body:     "La ciática es un dolor que sigue el recorrido del nervio ciático."},
		{URL: "/es/conditions/dolor-de-espalda-cronico", Title: "Dolor de espalda crónico", Kind: "condition",
			Summary:  "Con el tiempo, el masaje puede aliviar el dolor de espalda crónico.",
			Aliases:  []string{"lumbago", "dolor lumbar"},
			Symptoms: []string{"rigidez en la parte baja de la espalda", "dolores agudos a lo largo de la columna"},
			Body:     "Los músculos de la espalda se unen a la columna y a la pelvis."},
		{URL: "/es/conditions/cefalea-tensional", Title: "Cefalea tensional", Kind: "condition",
			Summary:  "Dolores de cabeza por tensión en el cuello y los hombros.",
			Symptoms: []string{"presión alrededor de la cabeza", "cuello rígido"},
			Body:     "La tensión de los músculos del cuello puede causar dolor de cabeza."},
	}
}

// TestSpanishSearch: accents either way, plurals and other endings
// (Snowball's Spanish stemmer), stop words, and typos.
func TestSpanishSearch(t *testing.T) {
	ix := NewIn("es", spanishFixture(), nil)
	tests := []struct{ query, url string }{
		{"ciática", "/es/conditions/ciatica"},
		{"ciatica", "/es/conditions/ciatica"},          // without the accent
		{"CIÁTICA", "/es/conditions/ciatica"},          // upper case
		{"ciatca", "/es/conditions/ciatica"},           // a letter missing
		{"siatica", "/es/conditions/ciatica"},          // as it sounds
		{"nervios pinzados", "/es/conditions/ciatica"}, // plurals
		{"hernias", "/es/conditions/ciatica"},
		{"hormigueos en los pies", "/es/conditions/ciatica"},
		{"entumecida la pierna", "/es/conditions/ciatica"}, // another ending
		{"dolores de espalda", "/es/conditions/dolor-de-espalda-cronico"},
		{"espalda cronica", "/es/conditions/dolor-de-espalda-cronico"},
		{"lumbar", "/es/conditions/dolor-de-espalda-cronico"},
		{"el lumbago", "/es/conditions/dolor-de-espalda-cronico"}, // "el" is a stop word
		{"cabeza", "/es/conditions/cefalea-tensional"},
		{"cuellos rigidos", "/es/conditions/cefalea-tensional"},
		{"cefalea tensonal", "/es/conditions/cefalea-tensional"}, // a typo
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := ix.Search(tt.query)
			if len(res.Hits) == 0 {
				t.Fatalf("Search(%q): no hits, want %s", tt.query, tt.url)
			}
			if got := res.Hits[0].Doc.URL; got != tt.url {
				t.Errorf("Search(%q): top hit %s, want %s (hits: %s)", tt.query, got, tt.url, urls(res.Hits))
			}
		})
	}
	for _, q := range []string{"el", "de la", "los y las"} {
		if res := ix.Search(q); len(res.Hits) != 0 {
			t.Errorf("Search(%q): %d hits, want none: only stop words", q, len(res.Hits))
		}
	}
}

// TestAnalyzerPerLanguage: the same word is a different term in each
// language, and a language without a stemmer still folds.
func TestAnalyzerPerLanguage(t *testing.T) {
	tests := []struct{ lang, word, want string }{
		{"en", "headaches", "headach"},
		{"es", "dolores", "dolor"},
		{"es", "Músculos", "muscul"},
		{"es", "musculos", "muscul"},
		{"fr", "douleurs", "douleur"},
		{"de", "Rückenschmerzen", "ruckenschmerzen"},
	}
	for _, tt := range tests {
		if got, _ := analyzerFor(tt.lang).key(tt.word); got != tt.want {
			t.Errorf("analyzerFor(%q).key(%q) = %q, want %q", tt.lang, tt.word, got, tt.want)
		}
	}
	if _, ok := analyzerFor("es").key("los"); ok {
		t.Errorf(`analyzerFor("es").key("los"): not a stop word, want one`)
	}
}

// TestStopWordsAreSnowball checks that the Spanish and French lists are
// the Snowball ones the stemmers' package knows, word for word, so that
// the static export's script (which gets them through AnalysisOf) drops
// the same words as before they lived here.
func TestStopWordsAreSnowball(t *testing.T) {
	for _, tt := range []struct {
		code   string
		isStop func(string) bool
		n      int
	}{
		{"es", spanish.IsStopWord, 313},
		{"fr", french.IsStopWord, 155},
	} {
		list := AnalysisOf(tt.code).Stop
		if len(list) != tt.n {
			t.Errorf("%s: %d stop words, want %d", tt.code, len(list), tt.n)
		}
		for _, w := range list {
			if !tt.isStop(w) {
				t.Errorf("%s: %q is not a Snowball stop word", tt.code, w)
			}
		}
	}
}

// TestAnalysisOf checks the stemmer each language's index uses, as the
// static export's script is told.
func TestAnalysisOf(t *testing.T) {
	for code, want := range map[string]string{"": "en", "en": "en", "en-GB": "en", "es": "es", "es-MX": "es", "fr": "fr", "cy": ""} {
		if got := AnalysisOf(code).Stemmer; got != want {
			t.Errorf("AnalysisOf(%q).Stemmer = %q, want %q", code, got, want)
		}
	}
	if len(AnalysisOf("cy").Stop) != 0 {
		t.Errorf("AnalysisOf(cy).Stop = %v, want none", AnalysisOf("cy").Stop)
	}
}

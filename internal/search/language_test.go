package search

import "testing"

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

package search

import "strings"

// stopWords returns the common words of a language that search drops
// (checked as typed, lower-cased, and folded): words that carry no
// meaning for finding a page. It is the one list, used by the index here
// and shipped to the static export's script (Analysis).
//
// English: a short list on purpose: direction words that describe where
// it hurts ("back", "side", "under") stay searchable, while "down" itself
// is dropped because symptoms phrase it every which way ("pain down my
// leg", "pain running down the leg"). Spanish and French: the Snowball
// project's lists, as github.com/kljensen/snowball has them. Any other
// language: none.
func stopWords(code string) []string {
	base, _, _ := strings.Cut(code, "-")
	switch base {
	case "", "en":
		return []string{
			"a", "an", "the", "my", "in", "of", "and", "or", "to", "is", "are", "am", "i", "im", "it",
			"its", "with", "when", "down", "on", "at", "for", "from", "me", "by", "be", "been", "have",
			"has", "had", "do", "does", "this", "that", "so", "very", "really", "but", "up", "after",
			"your", "you", "our", "was", "were", "can", "cant", "get", "got", "keeps", "some", "now",
			"just", "also", "still", "into", "there", "what", "how", "why", "if", "as", "will", "would",
			"could",
		}
	case "es":
		return []string{
			"de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para",
			"con", "no", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este",
			"sí", "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "me", "hasta",
			"hay", "donde", "quien", "desde", "todo", "nos", "durante", "todos", "uno", "les", "ni",
			"contra", "otros", "ese", "eso", "ante", "ellos", "e", "esto", "mí", "antes", "algunos",
			"qué", "unos", "yo", "otro", "otras", "otra", "él", "tanto", "esa", "estos", "mucho",
			"quienes", "nada", "muchos", "cual", "poco", "ella", "estar", "estas", "algunas", "algo",
			"nosotros", "mi", "mis", "tú", "te", "ti", "tu", "tus", "ellas", "nosotras", "vosostros",
			"vosostras", "os", "mío", "mía", "míos", "mías", "tuyo", "tuya", "tuyos", "tuyas", "suyo",
			"suya", "suyos", "suyas", "nuestro", "nuestra", "nuestros", "nuestras", "vuestro",
			"vuestra", "vuestros", "vuestras", "esos", "esas", "estoy", "estás", "está", "estamos",
			"estáis", "están", "esté", "estés", "estemos", "estéis", "estén", "estaré", "estarás",
			"estará", "estaremos", "estaréis", "estarán", "estaría", "estarías", "estaríamos",
			"estaríais", "estarían", "estaba", "estabas", "estábamos", "estabais", "estaban", "estuve",
			"estuviste", "estuvo", "estuvimos", "estuvisteis", "estuvieron", "estuviera", "estuvieras",
			"estuviéramos", "estuvierais", "estuvieran", "estuviese", "estuvieses", "estuviésemos",
			"estuvieseis", "estuviesen", "estando", "estado", "estada", "estados", "estadas", "estad",
			"he", "has", "ha", "hemos", "habéis", "han", "haya", "hayas", "hayamos", "hayáis", "hayan",
			"habré", "habrás", "habrá", "habremos", "habréis", "habrán", "habría", "habrías",
			"habríamos", "habríais", "habrían", "había", "habías", "habíamos", "habíais", "habían",
			"hube", "hubiste", "hubo", "hubimos", "hubisteis", "hubieron", "hubiera", "hubieras",
			"hubiéramos", "hubierais", "hubieran", "hubiese", "hubieses", "hubiésemos", "hubieseis",
			"hubiesen", "habiendo", "habido", "habida", "habidos", "habidas", "soy", "eres", "es",
			"somos", "sois", "son", "sea", "seas", "seamos", "seáis", "sean", "seré", "serás", "será",
			"seremos", "seréis", "serán", "sería", "serías", "seríamos", "seríais", "serían", "era",
			"eras", "éramos", "erais", "eran", "fui", "fuiste", "fue", "fuimos", "fuisteis", "fueron",
			"fuera", "fueras", "fuéramos", "fuerais", "fueran", "fuese", "fueses", "fuésemos",
			"fueseis", "fuesen", "sintiendo", "sentido", "sentida", "sentidos", "sentidas", "siente",
			"sentid", "tengo", "tienes", "tiene", "tenemos", "tenéis", "tienen", "tenga", "tengas",
			"tengamos", "tengáis", "tengan", "tendré", "tendrás", "tendrá", "tendremos", "tendréis",
			"tendrán", "tendría", "tendrías", "tendríamos", "tendríais", "tendrían", "tenía", "tenías",
			"teníamos", "teníais", "tenían", "tuve", "tuviste", "tuvo", "tuvimos", "tuvisteis",
			"tuvieron", "tuviera", "tuvieras", "tuviéramos", "tuvierais", "tuvieran", "tuviese",
			"tuvieses", "tuviésemos", "tuvieseis", "tuviesen", "teniendo", "tenido", "tenida",
			"tenidos", "tenidas", "tened",
		}
	case "fr":
		return []string{
			"au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux",
			"il", "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon",
			"ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa",
			"se", "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos",
			"votre", "vous", "c", "d", "j", "l", "à", "m", "n", "s", "t", "y", "été", "étée", "étées",
			"étés", "étant", "étante", "étants", "étantes", "suis", "es", "est", "sommes", "êtes",
			"sont", "serai", "seras", "sera", "serons", "serez", "seront", "serais", "serait",
			"serions", "seriez", "seraient", "étais", "était", "étions", "étiez", "étaient", "fus",
			"fut", "fûmes", "fûtes", "furent", "sois", "soit", "soyons", "soyez", "soient", "fusse",
			"fusses", "fût", "fussions", "fussiez", "fussent", "ayant", "ayante", "ayantes", "ayants",
			"eu", "eue", "eues", "eus", "ai", "as", "avons", "avez", "ont", "aurai", "auras", "aura",
			"aurons", "aurez", "auront", "aurais", "aurait", "aurions", "auriez", "auraient", "avais",
			"avait", "avions", "aviez", "avaient", "eut", "eûmes", "eûtes", "eurent", "aie", "aies",
			"ait", "ayons", "ayez", "aient", "eusse", "eusses", "eût", "eussions", "eussiez", "eussent",
		}
	}
	return nil
}

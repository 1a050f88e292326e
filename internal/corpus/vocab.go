package corpus

// vocab is the built-in vocabulary the generator draws from: plausible
// massage and anatomy words, so that generated pages search like real ones.
type vocab struct {
	areas       []area
	kinds       []string // condition words for titles: "Strain", "Tendinitis"
	qualifiers  []string // optional first title words: "Chronic"
	sensations  []string // "dull ache", "tingling"
	activities  []string // "climbing stairs"
	feelings    []string // "stiff", "heavy"
	causes      []string // "long hours at a desk"
	techniques  []string // subsection titles under "How massage therapy can help"
	methods     []string // "slow, broad strokes"
	goals       []string // "sleep through the night"
	redFlags    []string // caution callout items
	sessionRows [][2]string
}

// area is a body area from site.yaml with the words that belong to it.
type area struct {
	slug, title string
	parts       []string // "knee", "lower back"
	medical     []string // "patellar", "lumbar"
	muscles     []string // "hamstrings"
}

// newVocab returns the vocabulary. It is a function rather than a package
// variable so that no caller can change what another one sees.
func newVocab() vocab {
	return vocab{
		areas: []area{
			{"head-jaw", "Head and Jaw", []string{"jaw", "temple", "scalp", "forehead", "face"},
				[]string{"temporomandibular", "cranial", "occipital", "facial"},
				[]string{"masseter", "temporalis", "suboccipitals", "scalp muscles"}},
			{"neck", "Neck", []string{"neck", "nape", "throat"},
				[]string{"cervical", "cervicogenic", "nuchal"},
				[]string{"trapezius", "levator scapulae", "scalenes", "sternocleidomastoid"}},
			{"shoulders", "Shoulders", []string{"shoulder", "shoulder blade", "collarbone", "rotator cuff"},
				[]string{"subacromial", "scapular", "glenohumeral", "clavicular"},
				[]string{"deltoid", "supraspinatus", "rhomboids", "pectorals"}},
			{"back", "Back", []string{"lower back", "upper back", "spine", "ribs", "tailbone"},
				[]string{"lumbar", "thoracic", "paraspinal", "sacroiliac"},
				[]string{"erector spinae", "quadratus lumborum", "latissimus dorsi", "multifidus"}},
			{"arms-hands", "Arms and Hands", []string{"elbow", "wrist", "forearm", "thumb", "hand", "finger"},
				[]string{"radial", "ulnar", "carpal", "epicondylar"},
				[]string{"forearm flexors", "wrist extensors", "biceps", "triceps"}},
			{"hips-legs", "Hips and Legs", []string{"hip", "knee", "thigh", "hamstring", "calf", "groin", "shin", "buttock"},
				[]string{"patellar", "femoral", "iliotibial", "gluteal", "sciatic"},
				[]string{"glutes", "piriformis", "quadriceps", "hip flexors", "adductors", "calf muscles"}},
			{"feet", "Feet", []string{"heel", "ankle", "arch", "toe", "sole", "foot"},
				[]string{"plantar", "achilles", "tarsal", "metatarsal"},
				[]string{"calf muscles", "foot muscles", "tibialis", "peroneals"}},
			{"whole-body", "Whole Body", []string{"muscles", "joints", "body", "fascia"},
				[]string{"myofascial", "systemic", "widespread", "postural"},
				[]string{"large muscle groups", "connective tissue", "postural muscles"}},
		},
		kinds: []string{"Strain", "Pain", "Stiffness", "Tension", "Tendinitis", "Spasm", "Bursitis",
			"Impingement", "Sprain", "Tightness", "Overuse Syndrome", "Neuralgia", "Trigger Points",
			"Soreness", "Cramps", "Tendinopathy", "Instability", "Ache"},
		qualifiers: []string{"Chronic", "Acute", "Postural", "Recurring", "Athletic", "Nighttime",
			"Runner's", "Desk Worker's", "Post-Surgical", "Pregnancy-Related", "Gardener's", "Morning"},
		sensations: []string{"dull ache", "sharp pain", "burning", "tingling", "numbness", "throbbing",
			"stiffness", "tightness", "weakness", "clicking", "swelling", "tenderness", "cramping",
			"pins and needles", "shooting pain", "deep soreness"},
		activities: []string{"sitting", "walking", "climbing stairs", "lifting", "turning the head",
			"gripping", "sleeping on that side", "running", "bending forward", "reaching overhead",
			"standing for long periods", "typing", "driving", "getting out of bed", "chewing"},
		feelings: []string{"stiff", "heavy", "tight", "weak", "tender", "swollen", "locked", "tired", "sore"},
		causes: []string{"long hours at a desk", "a sudden awkward movement", "repetitive lifting",
			"poor sleep", "stress that settles in the muscles", "an old injury that never fully healed",
			"running on hard surfaces", "carrying a child on one hip", "a change in training",
			"shoes without support", "hours of phone use", "a fall or a minor accident",
			"weak supporting muscles", "guarding after surgery", "age-related wear in the joints"},
		techniques: []string{"Ease tight muscles", "Release trigger points", "Improve circulation",
			"Calm the nervous system", "Restore movement", "Support recovery after injury",
			"Loosen the fascia", "Reduce guarding", "Help you sleep better", "Relieve pressure on nerves"},
		methods: []string{"slow, broad strokes", "gentle kneading", "sustained pressure on trigger points",
			"myofascial release", "passive stretching", "warm, rhythmic effleurage",
			"cross-fibre friction", "light lymphatic strokes", "deep tissue work at a pace you choose"},
		goals: []string{"sleep through the night", "walk without limping", "sit at your desk in comfort",
			"lift your children again", "get back to running", "turn your head freely",
			"garden without paying for it the next day", "stand through a long shift", "relax"},
		redFlags: []string{"pain after a fall, accident or blow", "fever, chills or feeling unwell with the pain",
			"numbness or weakness that is getting worse", "sudden, severe pain unlike anything before",
			"swelling, redness and heat in a calf", "loss of bladder or bowel control",
			"unexplained weight loss", "pain that wakes you every night and does not ease with rest",
			"chest pain or shortness of breath"},
		sessionRows: [][2]string{{"Conversation", "Where it hurts today and what makes it better or worse"},
			{"Positioning", "Pillows and bolsters so you can lie comfortably"},
			{"Hands-on work", "The {muscle} first, then the {part} itself"},
			{"Before you go", "One or two gentle things to try at home"}},
	}
}

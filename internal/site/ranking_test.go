package site

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
)

// visitorQueries are searches written the way visitors describe what they
// feel, each with the page that should come first. They were written from
// the pages' point of view (what would a person with this condition type?)
// before the ranking was tuned, and are kept as the bar for ranking: at
// least 95% must find their page first and every one within the first
// three.
var visitorQueries = []struct{ query, want string }{
	{"lower back hurts", "chronic-back-pain"},
	{"my back is killing me", "chronic-back-pain"},
	{"back pain after lifting", "chronic-back-pain"},
	{"pregnant lower back pain", "chronic-back-pain"},
	{"stiff back", "chronic-back-pain"},
	{"sore lower back when bending over", "chronic-back-pain"},
	{"lumbar pain", "chronic-back-pain"},
	{"bad back", "chronic-back-pain"},
	{"backache that never goes away", "chronic-back-pain"},
	{"slipped disc", "sciatica"},
	{"shooting pain down my leg", "sciatica"},
	{"pain in my bum and leg", "sciatica"},
	{"numb leg", "sciatica"},
	{"pins and needles in my foot", "sciatica"},
	{"pain from my lower back into my leg", "sciatica"},
	{"hurts to sit, pain in buttock", "sciatica"},
	{"pinched nerve in back", "sciatica"},
	{"electric shock feeling in leg", "sciatica"},
	{"can't turn my head", "neck-pain"},
	{"text neck", "neck-pain"},
	{"neck hurts from looking at my phone", "neck-pain"},
	{"slept funny and now my neck is stiff", "neck-pain"},
	{"sore neck", "neck-pain"},
	{"neck pain after a car crash", "whiplash"},
	{"rear ended and now my neck hurts", "whiplash"},
	{"dizzy after car accident", "whiplash"},
	{"headache every afternoon", "tension-headaches"},
	{"feels like a band around my head", "tension-headaches"},
	{"pressure behind my eyes", "tension-headaches"},
	{"my head hurts", "tension-headaches"},
	{"stress headache", "tension-headaches"},
	{"headache that starts from my neck", "tension-headaches"},
	{"jaw pain", "tmj-disorder"},
	{"clicking jaw when I eat", "tmj-disorder"},
	{"grinding my teeth at night", "tmj-disorder"},
	{"sore jaw from clenching", "tmj-disorder"},
	{"ear pain and jaw ache", "tmj-disorder"},
	{"hurts to chew", "tmj-disorder"},
	{"can't raise my arm", "frozen-shoulder"},
	{"can't lift my arm over my head", "frozen-shoulder"},
	{"shoulder stiff and painful", "frozen-shoulder"},
	{"shoulder hurts at night", "frozen-shoulder"},
	{"struggling to get dressed because of my shoulder", "frozen-shoulder"},
	{"can't reach behind my back", "frozen-shoulder"},
	{"pain between my shoulder blades", "upper-back-pain"},
	{"hurts to breathe deeply in my upper back", "upper-back-pain"},
	{"knot in my upper back", "upper-back-pain"},
	{"middle back pain", "upper-back-pain"},
	{"hunched shoulders from desk work", "upper-back-pain"},
	{"hip hurts when I walk up stairs", "hip-pain"},
	{"pain on the side of my hip", "hip-pain"},
	{"hip pain lying on my side at night", "hip-pain"},
	{"groin pain", "hip-pain"},
	{"tight hip flexors", "hip-pain"},
	{"heel pain in the morning", "plantar-fasciitis"},
	{"bottom of my foot hurts", "plantar-fasciitis"},
	{"sore feet after standing all day", "plantar-fasciitis"},
	{"stabbing pain in my heel", "plantar-fasciitis"},
	{"numb fingers at night", "carpal-tunnel-syndrome"},
	{"tingling hands", "carpal-tunnel-syndrome"},
	{"wrist pain from typing", "carpal-tunnel-syndrome"},
	{"keep dropping things", "carpal-tunnel-syndrome"},
	{"weak grip", "carpal-tunnel-syndrome"},
	{"pain everywhere and always tired", "fibromyalgia"},
	{"hurts all over", "fibromyalgia"},
	{"exhausted and achy all the time", "fibromyalgia"},
	{"brain fog and muscle pain", "fibromyalgia"},
	{"wake up tired and sore", "fibromyalgia"},
	{"can't switch off at night", "stress-and-anxiety"},
	{"feeling anxious", "stress-and-anxiety"},
	{"can't sleep", "stress-and-anxiety"},
	{"heart racing and tense", "stress-and-anxiety"},
	{"burnt out", "stress-and-anxiety"},
	{"overwhelmed at work", "stress-and-anxiety"},
	// Written after the ranking and synonyms were tuned, and not tuned on:
	// a check that they generalise.
	{"ache low in my back", "chronic-back-pain"},
	{"cant bend down without pain", "chronic-back-pain"},
	{"back hurts when I stand up", "chronic-back-pain"},
	{"tingly toes and leg pain", "sciatica"},
	{"pain shoots into my buttock", "sciatica"},
	{"nerve pain in my leg", "sciatica"},
	{"sore neck from my pillow", "neck-pain"},
	{"neck hurts when I look down", "neck-pain"},
	{"whiplash from a fall", "whiplash"},
	{"car accident neck stiffness", "whiplash"},
	{"tension in my head", "tension-headaches"},
	{"headache from stress at work", "tension-headaches"},
	{"pounding headache every day", "tension-headaches"},
	{"jaw hurts when I talk", "tmj-disorder"},
	{"popping jaw", "tmj-disorder"},
	{"teeth clenching at night", "tmj-disorder"},
	{"arm won't go above my head", "frozen-shoulder"},
	{"shoulder stiff for months", "frozen-shoulder"},
	{"sore between my shoulders", "upper-back-pain"},
	{"upper back knots", "upper-back-pain"},
	{"hip ache when sleeping on side", "hip-pain"},
	{"outer hip pain", "hip-pain"},
	{"painful heel when I get up", "plantar-fasciitis"},
	{"foot arch pain", "plantar-fasciitis"},
	{"hands numb typing", "carpal-tunnel-syndrome"},
	{"wrist tingles", "carpal-tunnel-syndrome"},
	{"tired all the time and achy", "fibromyalgia"},
	{"fibro flare", "fibromyalgia"},
	{"anxious and tense", "stress-and-anxiety"},
	{"stressed out and can't sleep", "stress-and-anxiety"},
}

// TestSearchVisitorQueries holds ranking to the bar described at
// visitorQueries, and lists every query that misses its place.
func TestSearchVisitorQueries(t *testing.T) {
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := 0
	for _, tt := range visitorQueries {
		var res struct {
			Results []SearchResult `json:"results"`
		}
		if err := json.Unmarshal(s.SearchJSON(tt.query), &res); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range res.Results {
			got = append(got, strings.TrimPrefix(r.URL, "/conditions/"))
		}
		place := slices.Index(got, tt.want)
		switch {
		case place == 0:
			first++
		case place < 0 || place > 2:
			t.Errorf("search %q: %s at %d, want it in the first three (got %s)", tt.query, tt.want, place+1, strings.Join(got[:min(len(got), 4)], " "))
		default:
			t.Logf("search %q: %s at %d (got %s)", tt.query, tt.want, place+1, strings.Join(got[:min(len(got), 4)], " "))
		}
	}
	if pct := 100 * first / len(visitorQueries); pct < 95 {
		t.Errorf("%d of %d queries (%d%%) find their page first, want at least 95%%", first, len(visitorQueries), pct)
	} else {
		t.Logf("%d of %d queries (%d%%) find their page first", first, len(visitorQueries), pct)
	}
}

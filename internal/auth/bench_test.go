package auth

import "testing"

// BenchmarkCheck is one password check at the real costs (defaultParams):
// what a login costs the server in time and memory.
func BenchmarkCheck(b *testing.B) {
	s, err := hashPassword("correct horse battery", defaultParams)
	if err != nil {
		b.Fatal(err)
	}
	h, _ := parseHash(s)
	b.ReportAllocs()
	for b.Loop() {
		if !h.verify("correct horse battery") {
			b.Fatal("no match")
		}
	}
}

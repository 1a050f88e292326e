// Command gencorpus writes a generated content folder (see package
// corpus) for load tests: go run ./scripts/gencorpus -n 1000 -out DIR.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/relief-massage/relief/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of conditions")
	out := flag.String("out", "", "write the content folder to `DIR`")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out DIR is required")
		os.Exit(2)
	}
	if err := corpus.Write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

package strs

import (
	"fmt"
	"slices"
	"testing"
)

func TestList(t *testing.T) {
	for _, tc := range []struct {
		name string
		list []string
	}{
		{"none", nil},
		{"one", []string{"sciatica"}},
		{"sorted", []string{"back", "neck", "sciatica", "shoulder"}},
		{"empty strings", []string{"", "", "a", "", "bc"}},
		{"multi-byte", []string{"cuello", "espalda", "ciática"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := Of(tc.list)
			if l.Len() != len(tc.list) {
				t.Fatalf("Of(%q).Len() = %d, want %d", tc.list, l.Len(), len(tc.list))
			}
			for i, want := range tc.list {
				if got := l.At(i); got != want {
					t.Errorf("Of(%q).At(%d) = %q, want %q", tc.list, i, got, want)
				}
			}
		})
	}
}

func TestSearch(t *testing.T) {
	list := []string{"", "back", "neck", "neck pain", "sciatica", "sciatica"}
	l := Of(list)
	for _, tc := range []struct {
		s    string
		i    int
		want bool
	}{
		{"", 0, true},
		{"back", 1, true},
		{"neck", 2, true},
		{"neck pain", 3, true},
		{"sciatica", 4, true}, // the first of two
		{"a", 1, false},
		{"backs", 2, false},
		{"neck ", 3, false},
		{"nec", 2, false},
		{"zzz", 6, false},
		{"Back", 1, false}, // byte order: upper case before lower
	} {
		i, ok := l.Search(tc.s)
		if i != tc.i || ok != tc.want {
			t.Errorf("Search(%q) = %d, %v; want %d, %v", tc.s, i, ok, tc.i, tc.want)
		}
		// The same answer as a binary search of the []string.
		if wi, wok := slices.BinarySearch(list, tc.s); i != wi || ok != wok {
			t.Errorf("Search(%q) = %d, %v; slices.BinarySearch says %d, %v", tc.s, i, ok, wi, wok)
		}
	}
	var empty List
	if i, ok := empty.Search("back"); i != 0 || ok {
		t.Errorf("List{}.Search(%q) = %d, %v; want 0, false", "back", i, ok)
	}
}

func ExampleList() {
	l := Of([]string{"back", "neck", "sciatica"})
	fmt.Println(l.Len(), l.At(1))
	fmt.Println(l.Search("neck"))
	fmt.Println(l.Search("knee"))
	// Output:
	// 3 neck
	// 1 true
	// 1 false
}

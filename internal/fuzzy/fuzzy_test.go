package fuzzy

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"sciatca", "sciatica", 2, 1},
		{"fibromialgia", "fibromyalgia", 2, 1},
		{"hedache", "headache", 2, 1},
		{"neck", "nekc", 1, 1},
		{"tpye", "type", 3, 1},
		{"abc", "abc", 1, 0},
		{"xylophone", "sciatica", 2, 3},
		{"", "abc", 3, 3},
		{"kitten", "sitting", 10, 3},
	}
	for _, tt := range tests {
		if got := Distance([]rune(tt.a), []rune(tt.b), tt.max); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"nevralgie", "nevralgie"},
		{"Neck", "neck"},
		{"Névralgie", "nevralgie"},
		{"CÔTE", "cote"},
		{"naïve", "naive"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

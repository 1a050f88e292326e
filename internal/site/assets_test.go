package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestStaticFolderLimits checks that a file too big to keep in memory is
// refused before it is read, with its name and what to do, and that the
// folder as a whole is bounded too.
func TestStaticFolderLimits(t *testing.T) {
	small := make([]byte, 10<<20)
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string // "" for no error
	}{
		{"fits", fstest.MapFS{"css/site.css": {Data: []byte("body{}")}, "img/photo.jpg": {Data: small}}, ""},
		{"film", fstest.MapFS{"video/tour.mp4": {Data: make([]byte, MaxStaticFile+1)}},
			"static/video/tour.mp4 is 16 MiB; the static folder takes files up to 16 MiB, because relief keeps each one in memory to send it quickly: make it smaller"},
	}
	many := fstest.MapFS{}
	for i := range MaxStaticTotal/len(small) + 1 {
		many["img/"+string(rune('a'+i))+".jpg"] = &fstest.MapFile{Data: small}
	}
	tests = append(tests, struct {
		name string
		fsys fstest.MapFS
		want string
	}{"folder", many, "takes the static folder to 130 MiB; it may hold up to 128 MiB"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadAssets(tt.fsys)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("loadAssets: %v, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("loadAssets: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

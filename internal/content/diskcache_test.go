package content

import (
	"reflect"
	"testing"
)

func TestRenderedRoundTrip(t *testing.T) {
	r, err := NewMarkdown("(555) 014-2368", "911").render([]byte(render1))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeRendered(encodeRendered(r))
	if err != nil {
		t.Fatalf("decodeRendered: %v", err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("round trip changed the result:\n got %+v\nwant %+v", got, r)
	}
	data := encodeRendered(r)
	for _, bad := range [][]byte{nil, data[:len(data)-1], append(data[:len(data):len(data)], 0)} {
		if _, err := decodeRendered(bad); err == nil {
			t.Errorf("decodeRendered of %d damaged bytes: no error", len(bad))
		}
	}
}

const render1 = "## Causes\n\nSee [sciatica](/conditions/sciatica) and ![a map](/static/map.png).\n\n" +
	"> [!CAUTION]\n> Call 911 or (555) 014-2368.\n"

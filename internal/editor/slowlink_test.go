package editor

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// slowServer is the editor behind a real server that, like relief serve,
// bounds every request, but to a tenth of a second (relief serve: seconds).
func slowServer(t *testing.T, fx *fixture) *httptest.Server {
	srv := httptest.NewUnstartedServer(fx.h)
	srv.Config.ReadTimeout = 100 * time.Millisecond
	srv.Config.WriteTimeout = 100 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// postSlowly posts body in four pieces a quarter of a second apart: a
// phone on a slow connection, a whole second for a form the server would
// cut off after a tenth. The body starts once the handler reads it
// (Expect: 100-continue), so a busy machine that is slow to start the
// handler cannot make the server's tenth of a second run out first.
func postSlowly(t *testing.T, srv *httptest.Server, target, contentType string, body []byte) (*http.Response, string) {
	t.Helper()
	pr, pw := io.Pipe()
	go func() {
		for i := range 4 {
			time.Sleep(250 * time.Millisecond)
			pw.Write(body[i*len(body)/4 : (i+1)*len(body)/4])
		}
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", srv.URL+target, pr)
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Expect", "100-continue")
	client := srv.Client()
	client.Transport.(*http.Transport).ExpectContinueTimeout = time.Minute
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("the form was cut off: %v", err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

// TestSlowUpload sends a picture more slowly than the server lets any
// request take. The upload must arrive whole and be answered, not be cut
// off as a picture too big.
func TestSlowUpload(t *testing.T) {
	var pic bytes.Buffer
	png.Encode(&pic, image.NewRGBA(image.Rect(0, 0, 4, 4)))
	fx := newFixture(t)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("image", "hands.png")
	fw.Write(pic.Bytes())
	mw.WriteField("alt", "Hands on a shoulder")
	mw.Close()
	resp, out := postSlowly(t, slowServer(t, fx), "/_relief/upload", mw.FormDataContentType(), body.Bytes())
	if resp.StatusCode != 200 || !strings.Contains(out, "![Hands on a shoulder](images/hands-") {
		t.Fatalf("status %d: %s", resp.StatusCode, out)
	}
}

// TestSlowSave saves a page, and the site's settings, more slowly than
// the server lets any request take: a long page from a phone on a slow
// connection is saved, not cut off.
func TestSlowSave(t *testing.T) {
	fx := newFixture(t)
	srv := slowServer(t, fx)
	const p = "conditions/chronic-back-pain.md"
	v := fx.formOf(p)
	v.Set("body", v.Get("body")+"\nA sentence typed on a slow connection.\n")
	resp, out := postSlowly(t, srv, "/_relief/save", "application/x-www-form-urlencoded", []byte(v.Encode()))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the page: status %d: %s", resp.StatusCode, out)
	}
	if !strings.Contains(fx.file(p), "typed on a slow connection") {
		t.Errorf("%s was not saved", p)
	}

	settings := fx.settingsForm()
	settings.Set("tagline", "Unhurried massage for pain that stays")
	resp, out = postSlowly(t, srv, "/_relief/settings", "application/x-www-form-urlencoded", []byte(settings.Encode()))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the settings: status %d: %s", resp.StatusCode, out)
	}
	if data, _ := os.ReadFile(fx.dir + "/site.yaml"); !strings.Contains(string(data), "Unhurried massage") {
		t.Errorf("site.yaml was not saved:\n%s", data)
	}
}

// TestFormCutOff: a form that stops arriving (the connection dropped, or
// stalled past its time) says so and what to do, not that it is too big
// or that the editor page is stale.
func TestFormCutOff(t *testing.T) {
	timeout := fmt.Errorf("read tcp: %w", os.ErrDeadlineExceeded)
	for _, err := range []error{io.ErrUnexpectedEOF, timeout, fmt.Errorf("multipart: %w", io.ErrUnexpectedEOF)} {
		got := formError(err).Error()
		if !strings.Contains(got, "did not arrive whole") || !strings.Contains(got, "save again") {
			t.Errorf("formError(%v) = %q", err, got)
		}
	}
	if got := formError(errors.New("invalid semicolon separator in query")).Error(); strings.Contains(got, "arrive") {
		t.Errorf("a malformed form reads as cut off: %q", got)
	}
}

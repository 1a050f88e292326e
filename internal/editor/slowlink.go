package editor

import (
	"errors"
	"io"
	"net"
	"net/http"
	"time"
)

// slowLinkTime is how long a form she sends (a picture, a page's text,
// the settings: every POST) may take to arrive and be answered. relief
// serve bounds every request to seconds (its http.Server's ReadTimeout
// and WriteTimeout), which keeps idle and stalled connections from
// piling up; a picture of up to images.MaxFileSize, or a long page, sent
// from a phone on a slow connection takes longer, and cutting it off
// would lose the picture, or the save, with a misleading message. Every
// request the editor answers comes from a signed-in therapist (package
// auth answers everyone else first), so only she gets the longer
// allowance.
const slowLinkTime = 10 * time.Minute

// slowLinks extends the connection's deadlines to slowLinkTime from now
// for every form she sends. A ResponseWriter without deadlines (a test's
// recorder) has nothing to extend.
func slowLinks(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			rc := http.NewResponseController(w)
			deadline := time.Now().Add(slowLinkTime)
			_ = rc.SetReadDeadline(deadline)
			_ = rc.SetWriteDeadline(deadline)
		}
		next.ServeHTTP(w, r)
	})
}

// cutOff reports whether reading a form failed because it stopped
// arriving: the connection dropped or stalled past its deadline.
func cutOff(err error) bool {
	var ne net.Error
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || (errors.As(err, &ne) && ne.Timeout())
}

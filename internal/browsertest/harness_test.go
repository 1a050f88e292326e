package browsertest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/relief-massage/relief/internal/syncbuf"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var baseFlag = flag.String("base", "", "test the server at this URL (e.g. http://127.0.0.1:8080) instead of starting bin/relief")

// chromiumPath is the browser: $CHROME_PATH (which Lighthouse reads too),
// else Debian's Chromium, which .ci/run installs.
func chromiumPath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// The public site's server, the editor's (editor_test.go) and the browser
// start once, on first use, and stop in TestMain.
var (
	publicServer, editorServer shared

	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	browserStop = func() {}
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	browserStop()
	publicServer.stop()
	editorServer.stop()
	os.Exit(code)
}

// inCI reports whether missing tools must fail the tests rather than skip them.
func inCI() bool { return os.Getenv("CI") == "true" }

// requireTool skips the test with a one-line hint when a tool is missing, or
// fails it under CI=true. ok says whether the tool is there.
func requireTool(t testing.TB, ok bool, what, hint string) {
	t.Helper()
	if ok {
		return
	}
	msg := fmt.Sprintf("%s not found (%s, or run .ci/run)", what, hint)
	if inCI() {
		t.Fatal(msg)
	}
	t.Skip("browser tests skipped: " + msg)
}

// requireChromium is requireTool for Debian's Chromium.
func requireChromium(t testing.TB) {
	t.Helper()
	_, err := os.Stat(chromiumPath())
	requireTool(t, err == nil, "chromium", "apt-get install chromium")
}

// repoRoot returns the directory of go.mod, found from the working directory up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("browsertest: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// nodeModule returns the path of a file inside the repository's node_modules,
// skipping (or failing under CI) when npm ci has not installed it.
func nodeModule(t testing.TB, rel string) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "node_modules", filepath.FromSlash(rel))
	_, err = os.Stat(p)
	requireTool(t, err == nil, "node_modules/"+rel, "run npm ci at the repository root")
	return p
}

// site returns the base URL of the server under test, without a trailing
// slash: the -base flag, or bin/relief started on a free port.
func site(t testing.TB) string {
	t.Helper()
	if *baseFlag != "" {
		return trimSlash(*baseFlag)
	}
	return publicServer.get(t, startPublic).url
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}

// server is a relief serve the tests started.
type server struct {
	url  string      // its base URL, without a trailing slash
	dir  string      // the folder it runs in (the editor's copy of the site); "" for the tests' own
	log  *syncBuffer // what it wrote: it logs every request, so this stays out of the test output, bounded
	stop func()      // kills it, then removes what was made for it
}

// startServer runs bin (see reliefBinary) as relief serve -addr on a free
// port, with args after it, in the folder dir ("" for the tests' own), and
// waits until /healthz answers 200. cleanup (removing what was made for
// the server) runs when it stops, or when it fails to start.
func startServer(bin, dir string, cleanup func(), args ...string) (*server, error) {
	port, err := freePort()
	if err != nil {
		cleanup()
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, append([]string{"serve", "-addr", addr}, args...)...)
	cmd.Dir = dir
	s := &server{url: "http://" + addr, dir: dir, log: &syncBuffer{Limit: 1 << 20}}
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		cleanup()
		return nil, fmt.Errorf("browsertest: start %s: %w", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	s.stop = func() {
		_ = cmd.Process.Kill()
		<-exited
		cleanup()
	}
	if err := waitHealthy(s.url+"/healthz", exited, 30*time.Second); err != nil {
		s.stop()
		return nil, fmt.Errorf("%w\n%s", err, s.log.String())
	}
	return s, nil
}

// startPublic is the public pages' server: relief serve with the site
// built into the binary.
func startPublic() (*server, error) {
	bin, cleanup, err := reliefBinary()
	if err != nil {
		return nil, err
	}
	return startServer(bin, "", cleanup)
}

// shared is a server the tests share: started on first use, stopped in
// TestMain.
type shared struct {
	once sync.Once
	srv  *server
	err  error
}

// get returns the server, started by start on first use; a failure to
// start fails t (and every test that asks after it).
func (s *shared) get(t testing.TB, start func() (*server, error)) *server {
	t.Helper()
	s.once.Do(func() { s.srv, s.err = start() })
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.srv
}

// stop stops the server, if it was started.
func (s *shared) stop() {
	if s.srv != nil {
		s.srv.stop()
	}
}

// syncBuffer is the log a server (or child process) writes while the test
// reads it.
type syncBuffer = syncbuf.Buffer

// reliefBinary returns bin/relief when it exists (make test builds it first),
// or builds ./cmd/relief into a temporary directory.
func reliefBinary() (path string, cleanup func(), err error) {
	root, err := repoRoot()
	if err != nil {
		return "", nil, err
	}
	bin := filepath.Join(root, "bin", "relief")
	if _, err := os.Stat(bin); err == nil {
		return bin, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "browsertest-bin")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	bin = filepath.Join(dir, "relief")
	build := exec.Command("go", "build", "-o", bin, "./cmd/relief")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("browsertest: go build ./cmd/relief: %w\n%s", err, out)
	}
	return bin, cleanup, nil
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("browsertest: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitHealthy polls url until it answers 200, the process exits, or the
// timeout passes.
func waitHealthy(url string, exited <-chan error, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: time.Second}
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("browsertest: bin/relief exited before %s answered: %v", url, err)
		default:
		}
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("browsertest: GET %s: no 200 within %v", url, timeout)
}

// browser returns the context of the shared headless Chromium, started on
// first use with a fresh user-data directory.
func browser(t testing.TB) context.Context {
	t.Helper()
	requireChromium(t)
	browserOnce.Do(func() { browserCtx, browserStop, browserErr = startBrowser() })
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}

func startBrowser() (context.Context, func(), error) {
	dataDir, err := os.MkdirTemp("", "browsertest-chromium")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath()),
		chromedp.UserDataDir(dataDir),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Only the websocket transport reads this; the pipe (the default)
		// ignores it. Loaded CI machines need more than the 20 s default.
		chromedp.WSURLReadTimeout(90*time.Second),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop := func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(dataDir)
	}
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		stop()
		return nil, nil, fmt.Errorf("browsertest: start %s: %w", chromiumPath(), err)
	}
	return ctx, stop, nil
}

// tab opens a new tab of the shared browser, closed when the test ends. The
// returned context also limits the test's actions to two minutes. Options
// such as chromedp.WithNewBrowserContext() give the tab a profile of its own.
func tab(t testing.TB, opts ...chromedp.ContextOption) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t), opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("open a tab: %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(tcancel)
	return tctx
}

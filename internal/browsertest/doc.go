// Package browsertest proves that real browsers and real audit tools are
// satisfied with the site that bin/relief serves. It holds tests only.
//
// The harness (harness_test.go) builds or reuses bin/relief, starts it on a
// free port on 127.0.0.1, and shares one headless Debian Chromium between
// the tests, with a fresh tab per page. Every server the tests run starts
// through its startServer: the public site's, and the editor's
// (startEditor in editor_test.go: a copy of the site with one account). Every page the tests visit comes from
// the table in routes_test.go, one row per kind of route.
//
// The tests check what a visitor meets: a journey through the site
// (journey_test.go); layout at phone and desktop sizes, console errors,
// failed or foreign requests, dark mode and print (layout_test.go); keyboard
// focus (keyboard_test.go); axe-core's WCAG 2.2 A/AA rules (axe_test.go);
// the Nu Html Checker (vnu_test.go); the weight of a condition page
// (weight_test.go); and the editor's login page, with a server of its own
// that has an account: axe, logging in by the form, a form on another
// origin refused (login_test.go). selftest_test.go serves a page that breaks every rule
// and proves each check reports it. Screenshots land in testdata/screens/
// (git-ignored) for a person to look at.
//
// The tools come from outside Go: Chromium and Java from Debian, axe-core and
// vnu-jar from npm (package.json at the repository root; make test runs
// npm ci). When one is missing, its tests skip with a one-line hint, unless
// CI=true, where they fail. .ci/run installs everything.
//
// bin/relief is used when it exists (make test builds it first; run make
// build before go test, or a stale binary is tested); otherwise the harness
// builds ./cmd/relief into a temporary directory. -base=URL tests a server
// that already runs instead; $CHROME_PATH overrides the browser.
package browsertest

# relief — see README.md. Every target works from a clean clone with only Go installed;
# the browser and audit tests additionally need Chromium, Node and Java (.ci/run installs them).

GO      ?= go
BIN     := bin/relief
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: all build run test portable bench fuzz audit load search-load vet cross-vet fmt clean editor-js search-js

all: build

## build: compile the single binary to bin/relief, and keep it only when its built-in content has no errors
## (a broken page must never reach a server: on errors there is no bin/relief at all, not even an older one);
## CGO_ENABLED=0 because with a C compiler installed Go links the system's C library in (for net and os/user),
## and bin/relief must stay one static file that runs on any Linux
build:
	@mkdir -p $(dir $(BIN))
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN).new ./cmd/relief
	@./$(BIN).new check -built-in >$(BIN).check 2>&1 || { \
		grep -v '^checking ' $(BIN).check >&2; rm -f $(BIN).new $(BIN).check $(BIN); \
		echo "make build: the content has the errors above, so there is no $(BIN): fix them and run make build again" >&2; exit 1; }
	@grep -v '^checking ' $(BIN).check; rm -f $(BIN).check
	mv $(BIN).new $(BIN)

## run: build and serve the embedded site on http://127.0.0.1:8080
run: build
	./$(BIN) serve

## test: run every test (browser tests skip with a hint when Chromium is missing, fail under CI=true);
## a package may take up to TEST_TIMEOUT: on a busy 2-core machine cmd/relief's (password hashing
## for many logins) has taken more than go test's default of 10 minutes
TEST_TIMEOUT ?= 25m
test: build cross-vet
	@scripts/npm-ci.sh
	$(GO) vet ./...
	$(GO) test -count=1 -timeout $(TEST_TIMEOUT) ./...
	$(GO) test -count=1 -tags portable $(PORTABLE)

## portable: test the code other systems than Linux run (the standard library in place of Linux's calls:
## *_portable.go), on Linux, with the build tag portable
PORTABLE := ./internal/cache/ ./internal/export/
portable:
	$(GO) vet -tags portable $(PORTABLE)
	$(GO) test -count=1 -tags portable $(PORTABLE)

## bench: Go benchmarks (start-up for 100/1,000/10,000 conditions, memory, serving, search, reload latency, pathological pages)
bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

## load: requests/s and latency of relief serve (1,000 generated conditions) against a bare net/http ceiling, with wrk
load:
	scripts/load.sh

## search-load: /search req/s against a condition page's in the same run (1,000 generated conditions, wrk -t1 -c32)
search-load: build
	scripts/search-load.sh

## fuzz: fuzz the content parser, the offset-to-line mapping, the word counts, the promise-word test and the frontmatter split for a bounded time
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=60s ./internal/content
	$(GO) test -run='^$$' -fuzz='^FuzzLineIndex$$' -fuzztime=30s ./internal/content
	$(GO) test -run='^$$' -fuzz='^FuzzCountWords$$' -fuzztime=20s ./internal/content
	$(GO) test -run='^$$' -fuzz='^FuzzPromiseWord$$' -fuzztime=20s ./internal/content
	$(GO) test -run='^$$' -fuzz='^FuzzFrontmatterSplit$$' -fuzztime=20s ./internal/content

## audit: Lighthouse (mobile) on home, index and a condition page: prints the four scores; fails when accessibility,
## best practices or SEO is below 100 (performance depends on how busy the machine is: reported, never gated)
audit: build
	@scripts/npm-ci.sh
	scripts/audit.sh

## editor-js: rebuild the browser editor's script (internal/editor/assets/editor.js, committed) from scripts/editor with npm
editor-js:
	scripts/build-editor.sh

## search-js: rebuild the static export's search script (static/js/search.js, committed) from scripts/search with npm
search-js:
	scripts/build-search.sh

## vet / fmt (vet checks the code for macOS, Windows and FreeBSD too: cross-vet)
vet: cross-vet
	$(GO) vet ./...

## cross-vet: go vet as on macOS, Windows and FreeBSD and with the build tag portable, so that a call only Linux
## has is caught here, not on a Mac
cross-vet:
	GOOS=darwin $(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	GOOS=freebsd $(GO) vet ./...
	$(GO) vet -tags portable ./...
fmt:
	gofmt -l -w .

clean:
	rm -rf bin

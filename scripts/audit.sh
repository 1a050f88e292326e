#!/usr/bin/env bash
# audit.sh runs Lighthouse (mobile preset, the default) on the home page, the
# conditions index and a condition page of bin/relief, prints the four scores
# per page, and fails when accessibility, best practices or SEO is below 100
# and not on the allow-list below.
#
# Performance is printed, never gated: Lighthouse measures it on this
# machine, and a busy 2-core CI machine costs a page without any JavaScript
# points of "total blocking time" (85-99 seen), so a correct change could
# fail. What decides a page's speed and is the same on every run is gated
# in the browser tests instead (make test): requests and bytes per page, no
# scripts, no console errors, axe-core and the Nu Html Checker.
#
# Needs: bin/relief (make audit builds it), Node with node_modules from
# `npm ci`, and Chromium at $CHROME_PATH (default /usr/bin/chromium).
# Reports land in $AUDIT_OUT (default bin/audit/).
set -euo pipefail

cd "$(dirname "$0")/.."

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
OUT="${AUDIT_OUT:-bin/audit}"
PAGES=(/ /conditions/ /conditions/chronic-back-pain)
CATEGORIES=(performance accessibility best-practices seo)

# GATED are the categories that fail the audit below 100: they do not
# depend on the machine's speed.
GATED=(accessibility best-practices seo)

# ALLOW lists scores below 100 that are explained and accepted, as
# "page category minimum  # reason". Keep it tiny.
ALLOW=(
)

hint() {
	echo "audit: $1" >&2
	exit 1
}
[ -x "$CHROME_PATH" ] || hint "no Chromium at $CHROME_PATH: apt-get install chromium, or run .ci/run"
[ -x node_modules/.bin/lighthouse ] || hint "lighthouse missing: run npm ci"

# AUDIT_BASE audits a server that already runs; otherwise start bin/relief.
base="${AUDIT_BASE:-}"
if [ -z "$base" ]; then
	[ -x bin/relief ] || hint "bin/relief missing: run make build (or make audit)"
	port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
	base="http://127.0.0.1:$port"
	log=$(mktemp)
	bin/relief serve -addr "127.0.0.1:$port" >"$log" 2>&1 &
	server=$!
	trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
	for _ in $(seq 150); do
		curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
		kill -0 "$server" 2>/dev/null || hint "bin/relief exited: $(cat "$log")"
		sleep 0.1
	done
	curl -fsS -o /dev/null "$base/healthz" || hint "$base/healthz did not answer 200 within 15 s"
fi

mkdir -p "$OUT"
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic"
categories=$(
	IFS=,
	echo "${CATEGORIES[*]}"
)

# score prints one line for a report: the page's four scores (and the run),
# then a line per category below 100 with the audits that cost points. It
# fails when a gated score is below 100 and not allowed.
score() {
	node - "$@" "$(
		IFS=,
		echo "${GATED[*]}"
	)" "${ALLOW[@]+"${ALLOW[@]}"}" <<'EOF'
const [report, page, run, gatedList, ...allow] = process.argv.slice(2);
const gated = gatedList.split(',');
const lhr = require(require('path').resolve(report));
const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
const score = c => Math.round((lhr.categories[c].score ?? 0) * 100);
console.log(page.padEnd(32) + cats.map((c, i) => String(score(c)).padStart([12, 14, 15, 5][i])).join(' ') +
	(run > 1 ? `   (run ${run})` : ''));
let bad = false;
for (const c of cats) {
	const s = score(c);
	if (s >= 100) continue;
	const ok = !gated.includes(c) || allow.some(a => {
		const [p, cat, min] = a.split('#')[0].trim().split(/\s+/);
		return p === page && cat === c && s >= Number(min);
	});
	const lost = lhr.categories[c].auditRefs
		.filter(r => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
		.map(r => `${r.id} (${lhr.audits[r.id].displayValue || lhr.audits[r.id].score})`);
	const verdict = !gated.includes(c) ? 'report only' : ok ? 'allowed' : 'FAIL';
	console.log(`  ${verdict}: ${c} ${s}: ${lost.join(', ') || 'no failing audit listed'}`);
	bad = bad || !ok;
}
process.exit(bad ? 1 : 0);
EOF
}

# The gated categories do not vary between runs, so one run decides;
# AUDIT_RUNS=N retries a page up to N times (the first passing run counts).
RUNS="${AUDIT_RUNS:-1}"
fail=0
printf '%-32s %12s %14s %15s %5s\n' page performance accessibility best-practices seo
for page in "${PAGES[@]}"; do
	name=$(echo "$page" | tr -c 'a-zA-Z0-9\n' '-' | sed 's/^-*//; s/-*$//')
	report="$OUT/lighthouse-${name:-home}.json"
	ok=0
	for run in $(seq "$RUNS"); do
		node_modules/.bin/lighthouse "$base$page" --quiet --chrome-flags="$flags" \
			--only-categories="$categories" --output=json --output-path="$report"
		if summary=$(score "$report" "$page" "$run"); then
			ok=1
			break
		fi
	done
	echo "$summary"
	[ "$ok" = 1 ] || fail=1
done
echo "reports: $OUT/"
exit $fail

#!/usr/bin/env bash
# search-load.sh: how many searches a second relief serve answers, as a share of how many
# requests for a static condition page it answers in the same run. One generated site of
# $N conditions (default 1,000), `relief serve -content` on 127.0.0.1; each round runs wrk on a
# condition page, then on /search?q=... rotating through 20 queries people type (misspellings
# among them), back to back. Per round it prints req/s of both, their ratio (the goal is at
# least 0.25), and relief's CPU time per request (read from /proc around each run: steadier than
# req/s on a busy machine); the last line gives the median ratios.
#
#   scripts/search-load.sh                    # N=1000 ROUNDS=3 DUR=5 (seconds), wrk -t1 -c32
#   RELIEF=/tmp/relief-main scripts/search-load.sh   # measure another binary
#
# Needs wrk (Debian package "wrk"); installs it with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
ROUNDS=${ROUNDS:-3}
DUR=${DUR:-5}
CONNS=${CONNS:-32}
RELIEF=${RELIEF:-bin/relief}
ADDR=127.0.0.1:${RELIEF_PORT:-18941}

if ! command -v wrk >/dev/null; then
	echo "search-load: installing wrk" >&2
	sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y -qq wrk >/dev/null
fi

tmp=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"' EXIT

[ -x "$RELIEF" ] || make -s build
echo "search-load: generating $N conditions" >&2
mkdir -p "$tmp/content"
go run ./scripts/gencorpus -n "$N" -out "$tmp/content"

"$RELIEF" serve -addr "$ADDR" -content "$tmp/content" 2>"$tmp/relief.log" &
pid=$!
for _ in $(seq 1 600); do
	curl -fsS -o /dev/null "http://$ADDR/healthz" 2>/dev/null && break
	sleep 0.1
done
curl -fsS -o /dev/null "http://$ADDR/healthz" || { echo "search-load: relief never answered:" >&2; cat "$tmp/relief.log" >&2; exit 1; }

page=$(curl -fsS "http://$ADDR/sitemap.xml" | grep -o "<loc>[^<]*/conditions/[a-z0-9-][^<]*</loc>" |
	sed -n '1s#<loc>https\?://[^/]*\(/[^<]*\)</loc>#\1#p')

# What visitors type, URL-encoded: where it hurts, how it feels, names, misspellings.
cat >"$tmp/queries.lua" <<'LUA'
local queries = {
  "lower+back+pain", "pins+and+needles+in+my+leg", "stiff+neck+after+sleeping",
  "headache+behind+eyes", "knee+pain", "sciatca", "shoulder+blade+pain", "jaw+clicks",
  "tingling+in+my+fingers+at+night", "fibromialgia", "heel+pain+in+the+morning", "migrane",
  "cant+turn+my+head", "tight+hip+flexors+after+running", "carpal+tunel", "plantar+fascitis",
  "numbness+in+the+foot", "sholder+pain", "calf+cramps", "pain+down+my+leg",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/search?q=" .. queries[i])
end
LUA
curl -fsS -o "$tmp/first.html" "http://$ADDR/search?q=lower+back+pain" # builds the index if not yet built

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # utime+stime in clock ticks
hz=$(getconf CLK_TCK)

# run URL [wrk args...]: prints "req/s cpu-µs-per-request"
run() {
	local before after out rps n
	before=$(cpu)
	out=$(wrk -t1 -c"$CONNS" -d"${DUR}s" "${@:2}" "$1")
	after=$(cpu)
	rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
	n=$(awk '/requests in/ {print $1}' <<<"$out")
	awk -v r="$rps" -v t=$((after - before)) -v hz="$hz" -v n="$n" 'BEGIN { printf "%s %.1f\n", r, (n > 0 ? t / hz * 1e6 / n : 0) }'
}

echo "search-load: $RELIEF, $N conditions; wrk -t1 -c$CONNS -d${DUR}s on $page, then on /search (20 queries)" >&2
printf '%-6s %12s %12s %8s %14s %14s %8s\n' round "page req/s" "search req/s" ratio "page cpu-µs" "search cpu-µs" "cpu x"
ratios=() cpux=()
for r in $(seq 1 "$ROUNDS"); do
	read -r p_rps p_cpu < <(run "http://$ADDR$page")
	read -r s_rps s_cpu < <(run "http://$ADDR" -s "$tmp/queries.lua")
	ratio=$(awk -v a="$s_rps" -v b="$p_rps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
	x=$(awk -v a="$s_cpu" -v b="$p_cpu" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
	ratios+=("$ratio") cpux+=("$x")
	printf '%-6s %12s %12s %8s %14s %14s %8s\n' "$r" "$p_rps" "$s_rps" "$ratio" "$p_cpu" "$s_cpu" "$x"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "median search/page req/s ratio $(median "${ratios[@]}") (goal >= 0.25); a search costs $(median "${cpux[@]}")x a page's CPU time"

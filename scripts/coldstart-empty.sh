#!/usr/bin/env bash
# coldstart-empty.sh: the start of `relief serve -content` with an EMPTY cache (the first
# start after an install, or after every page changed), side by side with `hugo server`
# on the same generated site. ../shared/bench/bench-build measures the usual start, whose
# cache its warm-up round filled; this measures the other case. Each round gives relief a
# fresh cache folder; both sides run back to back, and the last line is the median ratio.
#
#   scripts/coldstart-empty.sh            # N=1000 pages, ROUNDS=3
#   N=10000 ROUNDS=2 scripts/coldstart-empty.sh
#
# Needs hugo and the shared bench helpers (BENCH, default ../shared/bench: gen-corpus and
# coldstart). Every server is started by the coldstart helper and stopped by its PID.
. "$(dirname "$0")/lib.sh"
N=${N:-1000}
ROUNDS=${ROUNDS:-3}

need_relief
bench_corpus "$N"
go build -o "$tmp/coldstart" "$BENCH/coldstart/main.go"

ratios=()
for r in $(seq "$ROUNDS"); do
	rm -rf "$tmp/cache" "$tmp/hugo-cache"
	p=$(port)
	rel=$(RELIEF_CACHE="$tmp/cache" "$tmp/coldstart" "http://127.0.0.1:$p/conditions/" 300s \
		"$RELIEF" serve -addr "127.0.0.1:$p" -content "$tmp/corpus/content" 2>/dev/null)
	p=$(port)
	hug=$("$tmp/coldstart" "http://127.0.0.1:$p/conditions/" 300s hugo server --source "$tmp/corpus/hugo" \
		--bind 127.0.0.1 --port "$p" --watch=false --disableLiveReload --cacheDir "$tmp/hugo-cache" 2>/dev/null)
	ratio=$(awk -v a="$rel" -v b="$hug" 'BEGIN { printf "%.3f", a / b }')
	ratios+=("$ratio")
	echo "round $r: relief (empty cache) $rel ms, hugo server $hug ms, ratio $ratio"
done
echo "empty_cache_coldstart_ratio_relief_over_hugo_server=$(median "${ratios[@]}") N=$N"

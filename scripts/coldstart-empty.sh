#!/usr/bin/env bash
# coldstart-empty.sh: the start of `relief serve -content` with an EMPTY cache (the first
# start after an install, or after every page changed), side by side with `hugo server`
# on the same generated site. ../shared/bench/bench-build measures the usual start, whose
# cache its warm-up round filled; this measures the other case. Each round gives relief a
# fresh cache folder; both sides run back to back, and the last line is the median ratio.
# Each round then starts both once more (relief with another empty cache) to read the CPU
# time (user + system, from /proc) each spent from exec to its first 200, which a busy
# machine disturbs less than the wall-clock time; the line before the last is its median
# ratio.
#
#   scripts/coldstart-empty.sh            # N=1000 pages, ROUNDS=3
#   N=10000 ROUNDS=2 scripts/coldstart-empty.sh
#
# Needs hugo and the shared bench helpers (BENCH, default ../shared/bench: gen-corpus and
# coldstart). Every server is started by the coldstart helper or cpu_at_200 and stopped by its PID.
. "$(dirname "$0")/lib.sh"
N=${N:-1000}
ROUNDS=${ROUNDS:-3}

need_relief
bench_corpus "$N"
go build -o "$tmp/coldstart" "$BENCH/coldstart/main.go"

# cpu_at_200 URL CMD...: starts CMD, polls URL until it answers 200, prints the CPU
# milliseconds (user + system) CMD has used by then, and stops CMD by its PID.
cpu_at_200() {
	local url=$1 pid ticks
	shift
	"$@" >/dev/null 2>&1 &
	pid=$!
	until curl -sf -o /dev/null "$url"; do
		kill -0 "$pid" 2>/dev/null || { echo "coldstart-empty: $1 exited before answering" >&2; return 1; }
		sleep 0.005
	done
	ticks=$(cpu_ticks "$pid")
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo $((ticks * 1000 / $(getconf CLK_TCK)))
}
ratios=()
cpus=()
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
	rm -rf "$tmp/cache" "$tmp/hugo-cache"
	p=$(port)
	rel=$(cpu_at_200 "http://127.0.0.1:$p/conditions/" env RELIEF_CACHE="$tmp/cache" \
		"$RELIEF" serve -addr "127.0.0.1:$p" -content "$tmp/corpus/content")
	p=$(port)
	hug=$(cpu_at_200 "http://127.0.0.1:$p/conditions/" hugo server --source "$tmp/corpus/hugo" \
		--bind 127.0.0.1 --port "$p" --watch=false --disableLiveReload --cacheDir "$tmp/hugo-cache")
	ratio=$(awk -v a="$rel" -v b="$hug" 'BEGIN { printf "%.3f", a / b }')
	cpus+=("$ratio")
	echo "round $r: CPU to the first page: relief (empty cache) $rel ms, hugo server $hug ms, ratio $ratio"
done
echo "empty_cache_coldstart_cpu_ratio_relief_over_hugo_server=$(median "${cpus[@]}") N=$N"
echo "empty_cache_coldstart_ratio_relief_over_hugo_server=$(median "${ratios[@]}") N=$N"

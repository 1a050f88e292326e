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
# Each round also starts relief once more on its own, with a fresh cache, to read the CPU
# time (user + system) it used from exec to its first 200 (CPU=0 skips it): on a busy
# machine that moves far less than the wall time. Its median is on the last line too.
#
# Needs hugo, curl and the shared bench helpers (BENCH, default ../shared/bench: gen-corpus
# and coldstart). Every server is started by the coldstart helper, or by this script, and
# stopped by its PID.
. "$(dirname "$0")/lib.sh"
N=${N:-1000}
ROUNDS=${ROUNDS:-3}

need_relief
bench_corpus "$N"
go build -o "$tmp/coldstart" "$BENCH/coldstart/main.go"

# cpu_to_first_page starts relief with an empty cache, polls until /conditions/ answers
# 200 (every 5 ms: the pages' compression runs on after it), and prints the milliseconds
# of CPU (user + system) relief used until then.
cpu_to_first_page() {
	local p pid ticks
	rm -rf "$tmp/cache"
	p=$(port)
	RELIEF_CACHE="$tmp/cache" "$RELIEF" serve -addr "127.0.0.1:$p" -content "$tmp/corpus/content" 2>/dev/null &
	pid=$!
	pids+=("$pid")
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/conditions/")" = 200 ]; do
		kill -0 "$pid" 2>/dev/null || { echo "coldstart-empty: relief stopped before answering" >&2; exit 1; }
		sleep 0.005
	done
	ticks=$(cpu_ticks "$pid")
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t * 1000 / hz }'
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
	cpu=""
	if [ "${CPU:-1}" != 0 ]; then
		cpu_to_first_page >"$tmp/cpu" # not in $( ): cleanup must see its server's PID
		cpus+=("$(cat "$tmp/cpu")")
		cpu=", relief's CPU to the first page ${cpus[-1]} ms"
	fi
	echo "round $r: relief (empty cache) $rel ms, hugo server $hug ms, ratio $ratio$cpu"
done
cpu=""
[ "${#cpus[@]}" -eq 0 ] || cpu=" relief_cpu_ms_to_first_page=$(median "${cpus[@]}")"
echo "empty_cache_coldstart_ratio_relief_over_hugo_server=$(median "${ratios[@]}") N=$N$cpu"

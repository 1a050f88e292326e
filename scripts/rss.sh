#!/usr/bin/env bash
# rss.sh: the peak memory (VmHWM) of `relief serve -content` under wrk, side by
# side with `hugo server` on the same generated site, as ../shared/bench/bench-serve
# measures it (there for 1,000 pages only). Each server is started, loaded with wrk
# on one condition page (plain, then gzip, then brotli), and its peak RSS read from
# /proc; relief's live heap is the heap left after the last garbage collection of
# the run (GODEBUG=gctrace=1). The last line is the ratio relief / hugo server.
#
#   scripts/rss.sh                   # N=1000 pages
#   scripts/rss.sh 10000             # (slow: a few minutes)
#   BASE=/tmp/relief-old scripts/rss.sh   # also measure another relief binary, back to back
#
# Like bench-serve, relief's cache is filled by a `relief build` first (a fresh cache
# folder per binary), so the start reads the cache as a restart would. Needs hugo,
# wrk and the shared bench helpers (BENCH, default ../shared/bench). Every server is
# started here and stopped by its PID.
. "$(dirname "$0")/lib.sh"
N=${1:-${N:-1000}}
DUR=${DUR:-4}
BASE=${BASE:-}

need_relief
bench_corpus "$N"
slug=$(cd "$tmp/corpus/content/conditions" && ls -S | sed -n "$(((N + 1) / 2))p")
slug=${slug%.md}

# load URL: wrk on URL, plain, gzip and brotli, DUR seconds each.
load() {
	wrk -t1 -c32 -d"${DUR}s" "$1" >/dev/null
	wrk -t1 -c32 -d"${DUR}s" -H 'Accept-Encoding: gzip' "$1" >/dev/null
	wrk -t1 -c32 -d"${DUR}s" -H 'Accept-Encoding: br, gzip' "$1" >/dev/null
}
hwm() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# relief NAME BINARY: prints "peak_MB live_heap_MB".
relief() {
	local p pid
	export RELIEF_CACHE="$tmp/cache-$1"
	"$2" build -content "$tmp/corpus/content" -out "$tmp/out-$1" >/dev/null 2>&1
	p=$(port)
	GODEBUG=gctrace=1 "$2" serve -addr "127.0.0.1:$p" -content "$tmp/corpus/content" \
		-state "$tmp/state-$1" 2>"$tmp/$1.log" &
	pid=$!
	pids+=("$pid")
	up rss "http://127.0.0.1:$p/conditions/$slug" "$pid"
	load "http://127.0.0.1:$p/conditions/$slug"
	printf '%s %s\n' "$(hwm "$pid")" \
		"$(grep -o '[0-9]*->[0-9]*->[0-9]* MB' "$tmp/$1.log" | tail -1 | sed 's/.*->\([0-9]*\) MB/\1/')"
	stop "$pid"
	unset RELIEF_CACHE
}

p=$(port)
hugo server --source "$tmp/corpus/hugo" --bind 127.0.0.1 --port "$p" --watch=false \
	--disableLiveReload --cacheDir "$tmp/hugo-cache" >"$tmp/hugo.log" 2>&1 &
pid=$!
pids+=("$pid")
up rss "http://127.0.0.1:$p/conditions/$slug/" "$pid"
load "http://127.0.0.1:$p/conditions/$slug/"
hugo_mb=$(hwm "$pid")
stop "$pid"

read -r rel_mb rel_live < <(relief new "$RELIEF")
echo "N=$N page=/conditions/$slug"
echo "hugo server: peak RSS $hugo_mb MB"
echo "relief ($RELIEF): peak RSS $rel_mb MB, live heap ${rel_live:-?} MB after the last collection"
if [ -n "$BASE" ]; then
	read -r base_mb base_live < <(relief base "$BASE")
	echo "relief ($BASE): peak RSS $base_mb MB, live heap ${base_live:-?} MB after the last collection"
	echo "base_rss_over_hugo_server=$(awk -v a="$base_mb" -v b="$hugo_mb" 'BEGIN { printf "%.3f", a / b }')"
fi
echo "rss_relief_over_hugo_server=$(awk -v a="$rel_mb" -v b="$hugo_mb" 'BEGIN { printf "%.3f", a / b }') N=$N"

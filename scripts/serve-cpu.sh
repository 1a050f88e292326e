#!/usr/bin/env bash
# serve-cpu.sh: the server's CPU time per request, relief against a bare net/http handler
# sending the same bytes (the ceiling of ../shared/bench/bench-serve), plain and gzip. On a
# busy machine, req/s mostly measures how often a server gets a core; the CPU time each request
# costs it (read from /proc around each wrk run) is steadier. The last line gives the median
# ratio ceiling/relief per pass, comparable to bench-serve's req/s ratios (1 = as cheap).
#
#   scripts/serve-cpu.sh                  # N=1000 pages, ROUNDS=3, wrk -c32 for DUR=4 s
#
# Needs wrk and the shared bench helpers (BENCH, default ../shared/bench: gen-corpus).
. "$(dirname "$0")/lib.sh"
N=${N:-1000}
ROUNDS=${ROUNDS:-3}
DUR=${DUR:-4}
need_relief
bench_corpus "$N"
RELIEF_CACHE="$tmp/cache" "$RELIEF" build -content "$tmp/corpus/content" -out "$tmp/out" >/dev/null 2>&1
slug=$(cd "$tmp/corpus/content/conditions" && ls -S | sed -n "$(( (N + 1) / 2 ))p"); slug=${slug%.md}
cp "$tmp/out/conditions/$slug/index.html" "$tmp/page.html" && gzip -9 -n -k "$tmp/page.html"
mkdir -p "$tmp/ceiling" && cat >"$tmp/ceiling/main.go" <<'GO'
package main

import (
	"net/http"
	"os"
	"strconv"
	"strings"
)

func main() {
	body, _ := os.ReadFile(os.Args[2])
	gz, _ := os.ReadFile(os.Args[2] + ".gz")
	panic(http.ListenAndServe(os.Args[1], http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Type", "text/html; charset=utf-8")
		hd.Set("Vary", "Accept-Encoding")
		b := body
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			hd.Set("Content-Encoding", "gzip")
			b = gz
		}
		hd.Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
	})))
}
GO
(cd "$tmp/ceiling" && go mod init ceiling >/dev/null 2>&1 && go build -o ceiling .)
pc=$(port) pr=$(port)
"$tmp/ceiling/ceiling" "127.0.0.1:$pc" "$tmp/page.html" & pids+=($!); ceil=$!
RELIEF_CACHE="$tmp/cache" "$RELIEF" serve -addr "127.0.0.1:$pr" -content "$tmp/corpus/content" >"$tmp/serve.log" 2>&1 & pids+=($!); rel=$!
up serve-cpu "http://127.0.0.1:$pr/conditions/$slug" "$rel"
sleep 3 # the background work of a start (brotli from the cache, the search index)
# per_request PID PORT PASS: CPU µs per request
per_request() {
	local h=() a b n
	[ "$3" = gzip ] && h=(-H 'Accept-Encoding: gzip')
	a=$(cpu_ticks "$1")
	n=$(wrk -t1 -c32 -d"${DUR}s" "${h[@]}" "http://127.0.0.1:$2/conditions/$slug" | awk '/requests in/ { print $1 }')
	b=$(cpu_ticks "$1")
	awk -v a="$a" -v b="$b" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) * 1e6 / hz / n }'
}
declare -A ratios=([plain]="" [gzip]="")
for r in $(seq "$ROUNDS"); do
	for pass in plain gzip; do
		c=$(per_request "$ceil" "$pc" "$pass"); l=$(per_request "$rel" "$pr" "$pass")
		ratio=$(awk -v c="$c" -v l="$l" 'BEGIN { printf "%.3f", c / l }')
		ratios[$pass]+="$ratio "
		echo "round $r $pass: CPU per request: ceiling $c µs, relief $l µs, ceiling/relief $ratio"
	done
done
echo "cpu_plain_ceiling_over_relief=$(median ${ratios[plain]}) cpu_gzip_ceiling_over_relief=$(median ${ratios[gzip]}) N=$N page=$slug"

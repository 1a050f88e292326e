#!/usr/bin/env bash
# serve-cpu.sh: the server's CPU time per request, relief against a bare net/http handler
# sending the same bytes (the ceiling of ../shared/bench/bench-serve), plain and gzip, and
# against the same handler sending relief's whole response (its headers too) from a server
# with relief serve's timeouts (scripts/ceiling -timeouts): what is left between those two is
# relief's own work (routing, lookup, log, the collector walking the site). On a busy machine,
# req/s mostly measures how often a server gets a core; the CPU time each request costs it
# (read from /proc around each wrk run) is steadier. The three run in turn, rotating which goes
# first, round after round. The last line gives the median ratios per pass, of CPU per request
# (cpu_, as cheap = 1) and of req/s (rps_), comparable to bench-serve's req/s ratios.
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
go build -o "$tmp/same" ./scripts/ceiling
pc=$(port) pr=$(port) ps=$(port)
"$tmp/ceiling/ceiling" "127.0.0.1:$pc" "$tmp/page.html" & pids+=($!); ceil=$!
RELIEF_CACHE="$tmp/cache" "$RELIEF" serve -addr "127.0.0.1:$pr" -content "$tmp/corpus/content" >"$tmp/serve.log" 2>&1 & pids+=($!); rel=$!
up serve-cpu "http://127.0.0.1:$pr/conditions/$slug" "$rel"
curl -fsS -D "$tmp/plain.headers" -o "$tmp/same.html" "http://127.0.0.1:$pr/conditions/$slug"
curl -fsS -D "$tmp/gzip.headers" -H 'Accept-Encoding: gzip' -o "$tmp/same.html.gz" "http://127.0.0.1:$pr/conditions/$slug"
"$tmp/same" -addr "127.0.0.1:$ps" -plain "$tmp/same.html" -gzip "$tmp/same.html.gz" \
	-plain-headers "$tmp/plain.headers" -gzip-headers "$tmp/gzip.headers" -timeouts & pids+=($!); same=$!
up serve-cpu "http://127.0.0.1:$ps/conditions/$slug" "$same"
sleep 3 # the background work of a start (brotli from the cache, the search index)
# measure PID PORT PASS: CPU µs per request, and req/s
measure() {
	local h=() a b out
	[ "$3" = gzip ] && h=(-H 'Accept-Encoding: gzip')
	a=$(cpu_ticks "$1")
	out=$(wrk -t1 -c32 -d"${DUR}s" "${h[@]}" "http://127.0.0.1:$2/conditions/$slug")
	b=$(cpu_ticks "$1")
	awk -v a="$a" -v b="$b" -v hz="$(getconf CLK_TCK)" '
		/requests in/ { n = $1 } /^Requests\/sec/ { rps = $2 }
		END { printf "%.1f %.0f\n", (b - a) * 1e6 / hz / n, rps }' <<<"$out"
}
declare -A cpu rps
names=(ceiling same relief)
declare -A pid=([ceiling]=$ceil [same]=$same [relief]=$rel) at=([ceiling]=$pc [same]=$ps [relief]=$pr)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
for r in $(seq "$ROUNDS"); do
	for pass in plain gzip; do
		declare -A u=() q=()
		for k in 0 1 2; do
			n=${names[$(( (r + k) % 3 ))]}
			read -r u[$n] q[$n] < <(measure "${pid[$n]}" "${at[$n]}" "$pass")
		done
		cpu[ceiling.$pass]+="$(ratio "${u[ceiling]}" "${u[relief]}") "; rps[ceiling.$pass]+="$(ratio "${q[relief]}" "${q[ceiling]}") "
		cpu[same.$pass]+="$(ratio "${u[same]}" "${u[relief]}") "; rps[same.$pass]+="$(ratio "${q[relief]}" "${q[same]}") "
		cpu[bare.$pass]+="$(ratio "${u[ceiling]}" "${u[same]}") "; rps[bare.$pass]+="$(ratio "${q[same]}" "${q[ceiling]}") "
		echo "round $r $pass: CPU µs per request and req/s: ceiling ${u[ceiling]} ${q[ceiling]}, same response ${u[same]} ${q[same]}, relief ${u[relief]} ${q[relief]}"
	done
done
for pass in plain gzip; do
	echo "$pass: relief/ceiling cpu_=$(median ${cpu[ceiling.$pass]}) rps_=$(median ${rps[ceiling.$pass]});" \
		"relief/same-response cpu_=$(median ${cpu[same.$pass]}) rps_=$(median ${rps[same.$pass]});" \
		"same-response/ceiling cpu_=$(median ${cpu[bare.$pass]}) rps_=$(median ${rps[bare.$pass]})"
done
echo "N=$N page=$slug rounds=$ROUNDS"

#!/usr/bin/env bash
# load.sh: how many requests a second relief serve answers for a condition
# page, plain and gzip, side by side with the ceiling: a bare net/http
# handler writing the same bytes from memory (scripts/ceiling). Both run on
# 127.0.0.1 only, against a generated site of $N conditions (default 1,000);
# the script also reports relief's start-up time and memory (RSS).
#
#   scripts/load.sh                 # or: make load
#   N=10000 DURATION=20s scripts/load.sh
#
# Needs wrk (Debian package "wrk"); installs it with apt-get when missing.
. "$(dirname "$0")/lib.sh"

N=${N:-1000}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
RELIEF_ADDR=127.0.0.1:${RELIEF_PORT:-18931}
CEILING_ADDR=127.0.0.1:${CEILING_PORT:-18932}
SAME_ADDR=127.0.0.1:${SAME_PORT:-18933}

need_wrk load

echo "load: building, and generating $N conditions" >&2
make -s build
go build -o "$tmp/ceiling" ./scripts/ceiling
own_corpus "$N"

bin/relief serve -addr "$RELIEF_ADDR" -content "$tmp/content" -log-format json 2>"$tmp/relief.log" &
relief_pid=$!
pids+=("$relief_pid")
up load "http://$RELIEF_ADDR/healthz" "$relief_pid"
# logged_ms MSG: the "took_ms" of the first log line MSG, in ms, waiting up to
# 10 s for it (relief writes its log from a goroutine of its own, in batches).
logged_ms() {
	for _ in $(seq 1 200); do
		if grep -q "\"msg\":\"$1\"" "$tmp/relief.log"; then
			grep -o "\"msg\":\"$1\"[^}]*" "$tmp/relief.log" | grep -o '"took_ms":[0-9.]*' | head -1 | cut -d: -f2 | awk '{printf "%.0f", $1}'
			return
		fi
		sleep 0.05
	done
	echo "?"
}
startup=$(logged_ms "site loaded")
compressed=$(logged_ms "brotli forms made")
rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$relief_pid/status")

curl -fsS -o "$tmp/sitemap.xml" "http://$RELIEF_ADDR/sitemap.xml"
page=$(grep -o "<loc>[^<]*/conditions/[a-z0-9-][^<]*</loc>" "$tmp/sitemap.xml" | sed -n '1s#<loc>https\?://[^/]*\(/[^<]*\)</loc>#\1#p')
curl -fsS -D "$tmp/page.headers" -o "$tmp/page.html" "http://$RELIEF_ADDR$page"
curl -fsS -D "$tmp/page.gz.headers" -H 'Accept-Encoding: gzip' -o "$tmp/page.html.gz" "http://$RELIEF_ADDR$page"

# Two ceilings: the bare page, and the same response relief sends (its
# security, cache and ETag headers too) from a server with relief serve's
# timeouts, so that the second comparison measures relief's own work per
# request: routing, lookup, logging, and the collector walking the site.
"$tmp/ceiling" -addr "$CEILING_ADDR" -plain "$tmp/page.html" -gzip "$tmp/page.html.gz" &
pids+=("$!")
up load "http://$CEILING_ADDR/" "$!"
"$tmp/ceiling" -addr "$SAME_ADDR" -plain "$tmp/page.html" -gzip "$tmp/page.html.gz" \
	-plain-headers "$tmp/page.headers" -gzip-headers "$tmp/page.gz.headers" -timeouts &
pids+=("$!")
up load "http://$SAME_ADDR/" "$!"

# run NAME URL [wrk args...]: prints "req/s p50 p99"
run() {
	local out
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "${@:2}" "$1")
	echo "$out" >>"$tmp/wrk.txt"
	printf '%s %s %s\n' \
		"$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")" \
		"$(awk '$1 == "50%" {print $2}' <<<"$out")" \
		"$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "load: wrk -t$THREADS -c$CONNS -d$DURATION on $page ($(wc -c <"$tmp/page.html") bytes, $(wc -c <"$tmp/page.html.gz") gzipped)" >&2
read -r r_plain_rps r_plain_50 r_plain_99 < <(run "http://$RELIEF_ADDR$page")
read -r s_plain_rps s_plain_50 s_plain_99 < <(run "http://$SAME_ADDR$page")
read -r c_plain_rps c_plain_50 c_plain_99 < <(run "http://$CEILING_ADDR$page")
read -r r_gz_rps r_gz_50 r_gz_99 < <(run "http://$RELIEF_ADDR$page" -H 'Accept-Encoding: gzip')
read -r s_gz_rps s_gz_50 s_gz_99 < <(run "http://$SAME_ADDR$page" -H 'Accept-Encoding: gzip')
read -r c_gz_rps c_gz_50 c_gz_99 < <(run "http://$CEILING_ADDR$page" -H 'Accept-Encoding: gzip')
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$relief_pid/status")
rss_peak=$(awk '/VmHWM/ {print $2}' "/proc/$relief_pid/status")

pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }'; }
echo
echo "relief with $N conditions: start-up (load, validate, render, gzip) ${startup} ms, every brotli form by ${compressed} ms;" \
	"RSS $((rss_idle / 1024)) MB idle, $((rss_after / 1024)) MB after the load, peak $((rss_peak / 1024)) MB"
echo
printf '%-34s %10s %9s %9s   %s\n' "" "req/s" "p50" "p99" "relief as a share of it"
printf '%-34s %10s %9s %9s\n' "relief plain" "$r_plain_rps" "$r_plain_50" "$r_plain_99"
printf '%-34s %10s %9s %9s   %s\n' "same response and timeouts, plain" "$s_plain_rps" "$s_plain_50" "$s_plain_99" "$(pct "$r_plain_rps" "$s_plain_rps")"
printf '%-34s %10s %9s %9s   %s\n' "page only, bare plain" "$c_plain_rps" "$c_plain_50" "$c_plain_99" "$(pct "$r_plain_rps" "$c_plain_rps")"
printf '%-34s %10s %9s %9s\n' "relief gzip" "$r_gz_rps" "$r_gz_50" "$r_gz_99"
printf '%-34s %10s %9s %9s   %s\n' "same response and timeouts, gzip" "$s_gz_rps" "$s_gz_50" "$s_gz_99" "$(pct "$r_gz_rps" "$s_gz_rps")"
printf '%-34s %10s %9s %9s   %s\n' "page only, bare gzip" "$c_gz_rps" "$c_gz_50" "$c_gz_99" "$(pct "$r_gz_rps" "$c_gz_rps")"

#!/usr/bin/env bash
# search-load.sh: how many searches a second relief serve answers, as a share of how many
# requests for a static condition page it answers in the same run. One generated site of
# $N conditions (default 1,000), `relief serve -content` on 127.0.0.1; each round runs wrk on a
# condition page, then on /search?q=... three ways, back to back:
#   popular  the 20 queries people type most, in turn (misspellings among them): what the
#            server's cache of recent results pages serves after their first search;
#   mixed    every other request one of those 20, the rest from the long tail;
#   new      the long tail only: 2,000-odd queries built from where it hurts and how it
#            feels ("burning in my heel at night", "rodila dolor"), English and Spanish, some
#            misspelled, each searched once in a run: every request searched and rendered.
# Per round it prints req/s of each, their ratios to the page's (the goal is at least 0.25),
# and relief's CPU time per request (read from /proc around each run: steadier than req/s on a
# busy machine); the last line gives the median ratios.
#
#   scripts/search-load.sh                    # N=1000 ROUNDS=3 DUR=5 (seconds), wrk -t1 -c32
#   RELIEF=/tmp/relief-main scripts/search-load.sh   # measure another binary
#
# Needs wrk (Debian package "wrk"); installs it with apt-get when missing.
. "$(dirname "$0")/lib.sh"

N=${N:-1000}
ROUNDS=${ROUNDS:-3}
DUR=${DUR:-5}
CONNS=${CONNS:-32}
ADDR=127.0.0.1:${RELIEF_PORT:-18941}

need_wrk search-load
need_relief
echo "search-load: generating $N conditions" >&2
own_corpus "$N"

"$RELIEF" serve -addr "$ADDR" -content "$tmp/content" 2>"$tmp/relief.log" &
pid=$!
pids+=("$pid")
up search-load "http://$ADDR/healthz" "$pid" "$tmp/relief.log"

page=$(curl -fsS "http://$ADDR/sitemap.xml" | grep -o "<loc>[^<]*/conditions/[a-z0-9-][^<]*</loc>" |
	sed -n '1s#<loc>https\?://[^/]*\(/[^<]*\)</loc>#\1#p')

# What visitors type, URL-encoded: where it hurts, how it feels, names, misspellings. The
# long tail is every (feeling, place, pattern), 2,080 of them, the feeling changing at every
# step and the place every 16; a place is misspelled (a letter dropped) every seventh time.
cat >"$tmp/queries.lua" <<'LUA'
local popular = {
  "lower+back+pain", "pins+and+needles+in+my+leg", "stiff+neck+after+sleeping",
  "headache+behind+eyes", "knee+pain", "sciatca", "shoulder+blade+pain", "jaw+clicks",
  "tingling+in+my+fingers+at+night", "fibromialgia", "heel+pain+in+the+morning", "migrane",
  "cant+turn+my+head", "tight+hip+flexors+after+running", "carpal+tunel", "plantar+fascitis",
  "numbness+in+the+foot", "sholder+pain", "calf+cramps", "pain+down+my+leg",
}
local places = {
  "lower+back", "neck", "shoulder", "knee", "hip", "jaw", "wrist", "ankle", "heel", "elbow",
  "upper+back", "calf", "thigh", "foot", "hand", "fingers", "arm", "leg", "buttock", "ribs",
  "espalda", "cuello", "rodilla", "hombro", "pierna", "mano",
}
local feelings = {
  "pain", "ache", "stiffness", "tingling", "numbness", "burning", "cramps", "soreness",
  "tightness", "pins+and+needles", "clicking", "swelling", "weakness", "shooting+pain",
  "dolor", "hormigueo",
}
local patterns = { "%s+in+my+%s", "%s+%s", "%s+%s+at+night", "%s+in+the+%s+after+running", "%s+%s+when+i+sit" }
local mode = os.getenv("SEARCH_MIX") or "popular"
local i, n = 0, 0
local function tail()
  n = n + 1
  local f = feelings[n % #feelings + 1]
  local p = places[math.floor(n / #feelings) % #places + 1]
  local t = patterns[math.floor(n / (#feelings * #places)) % #patterns + 1]
  if n % 7 == 0 and #p > 4 then p = p:sub(1, 2) .. p:sub(4) end
  if t == "%s+%s" and n % 2 == 0 then return string.format(t, p, f) end
  return string.format(t, f, p)
end
request = function()
  i = i + 1
  local q
  if mode == "new" or (mode == "mixed" and i % 2 == 0) then
    q = tail()
  else
    q = popular[i % #popular + 1]
  end
  return wrk.format("GET", "/search?q=" .. q)
end
LUA
curl -fsS -o "$tmp/first.html" "http://$ADDR/search?q=lower+back+pain" # builds the index if not yet built

hz=$(getconf CLK_TCK)

# run URL [wrk args...]: prints "req/s cpu-µs-per-request"
run() {
	local before after out rps n
	before=$(cpu_ticks "$pid")
	out=$(wrk -t1 -c"$CONNS" -d"${DUR}s" "${@:2}" "$1")
	after=$(cpu_ticks "$pid")
	rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
	n=$(awk '/requests in/ {print $1}' <<<"$out")
	awk -v r="$rps" -v t=$((after - before)) -v hz="$hz" -v n="$n" 'BEGIN { printf "%s %.1f\n", r, (n > 0 ? t / hz * 1e6 / n : 0) }'
}

echo "search-load: $RELIEF, $N conditions; wrk -t1 -c$CONNS -d${DUR}s on $page, then on /search: popular, mixed, new queries" >&2
printf '%-6s %11s %11s %11s %11s %8s %8s %8s %9s %9s %9s %9s\n' round "page req/s" "popular" "mixed" "new" "ratio-p" "ratio-m" "ratio-n" "page µs" "popular" "mixed" "new"
rp=() rm=() rn=()
for r in $(seq 1 "$ROUNDS"); do
	read -r p_rps p_cpu < <(run "http://$ADDR$page")
	read -r a_rps a_cpu < <(export SEARCH_MIX=popular; run "http://$ADDR" -s "$tmp/queries.lua")
	read -r b_rps b_cpu < <(export SEARCH_MIX=mixed; run "http://$ADDR" -s "$tmp/queries.lua")
	read -r c_rps c_cpu < <(export SEARCH_MIX=new; run "http://$ADDR" -s "$tmp/queries.lua")
	ratio() { awk -v a="$1" -v b="$p_rps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
	rp+=("$(ratio "$a_rps")") rm+=("$(ratio "$b_rps")") rn+=("$(ratio "$c_rps")")
	printf '%-6s %11s %11s %11s %11s %8s %8s %8s %9s %9s %9s %9s\n' "$r" "$p_rps" "$a_rps" "$b_rps" "$c_rps" "${rp[-1]}" "${rm[-1]}" "${rn[-1]}" "$p_cpu" "$a_cpu" "$b_cpu" "$c_cpu"
done
echo "median search/page req/s ratio: popular $(median "${rp[@]}"), mixed $(median "${rm[@]}"), new $(median "${rn[@]}") (goal >= 0.25); µs columns: relief's CPU time per request"

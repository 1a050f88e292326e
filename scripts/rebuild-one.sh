#!/usr/bin/env bash
# rebuild-one.sh: what a build costs after the therapist edits one page, against the first
# build of the site. Each round builds a generated site into a fresh folder with an empty cache
# (the first build), then edits one condition and builds again into the same folder with
# -clean, twice (the second of those is the one the spare makes cheap: see internal/export).
# It prints wall time and CPU time (user + system, which a busy machine disturbs less) of each,
# and, last, the median ratio of the third build to the first on both.
#
#   scripts/rebuild-one.sh            # N=1000 pages, ROUNDS=3
#   N=10000 ROUNDS=1 scripts/rebuild-one.sh
#
# Needs the shared bench helpers (BENCH, default ../shared/bench: gen-corpus).
. "$(dirname "$0")/lib.sh"
N=${N:-1000}
ROUNDS=${ROUNDS:-3}

need_relief
bench_corpus "$N"
pages=("$tmp"/corpus/content/conditions/*.md) # not ls | head: under pipefail, ls may die of SIGPIPE
page=$(basename "${pages[0]}")

# build ARGS...: one build; prints "wall_ms cpu_ms"
build() {
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" env RELIEF_CACHE="$tmp/cache" "$RELIEF" build \
		-content "$tmp/corpus/content" -out "$tmp/public" "$@" >/dev/null 2>&1
	awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$tmp/time"
}
wall=() cpu=()
for r in $(seq "$ROUNDS"); do
	rm -rf "$tmp/cache" "$tmp/public" "$tmp/.relief-previous-public"
	read -r w1 c1 < <(build)
	echo "Edited in round $r, build 2." >>"$tmp/corpus/content/conditions/$page"
	read -r w2 c2 < <(build -clean)
	echo "Edited in round $r, build 3." >>"$tmp/corpus/content/conditions/$page"
	read -r w3 c3 < <(build -clean)
	wall+=("$(awk -v a="$w3" -v b="$w1" 'BEGIN { printf "%.3f", a / b }')")
	cpu+=("$(awk -v a="$c3" -v b="$c1" 'BEGIN { printf "%.3f", a / b }')")
	echo "round $r: first build ${w1} ms (cpu ${c1} ms), after an edit ${w2} ms (cpu ${c2} ms), again ${w3} ms (cpu ${c3} ms)"
done
echo "rebuild_ratio_wall=$(median "${wall[@]}") rebuild_ratio_cpu=$(median "${cpu[@]}") N=$N"

# scripts/lib.sh: the setup the measuring scripts share. Each sources it first:
#
#   . "$(dirname "$0")/lib.sh"
#
# It makes the shell strict (set -euo pipefail), moves to the repository's root, and makes
# a scratch folder $tmp. On exit it stops every process whose PID is in pids (add a server's
# with pids+=("$!")) and removes $tmp. RELIEF is the binary measured (default bin/relief),
# BENCH the shared bench helpers (default ../shared/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
RELIEF=${RELIEF:-bin/relief}
BENCH=${BENCH:-../shared/bench}

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# need_relief: builds bin/relief (make build) when $RELIEF is not there.
need_relief() { [ -x "$RELIEF" ] || make -s build; }

# need_wrk NAME: installs wrk (Debian package "wrk") when missing, saying so as NAME.
need_wrk() {
	command -v wrk >/dev/null && return
	echo "$1: installing wrk" >&2
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y -qq wrk >/dev/null
}

# bench_corpus N: the shared benchmarks' generated site of N conditions, in
# $tmp/corpus/content, and the same pages for Hugo in $tmp/corpus/hugo.
bench_corpus() { "$BENCH/gen-corpus" "$1" "$tmp/corpus" >/dev/null 2>&1; }

# own_corpus N: relief's own generated site of N conditions (internal/corpus) in $tmp/content.
own_corpus() {
	mkdir -p "$tmp/content"
	go run ./scripts/gencorpus -n "$1" -out "$tmp/content"
}

# port: a free-looking port for a server on 127.0.0.1.
port() { shuf -i 20000-39999 -n 1; }

# up NAME URL PID [LOG]: waits (up to 10 minutes) for URL to answer 200. When the process
# PID stops first, or it never answers, the script ends, saying so as NAME (and showing the
# server's LOG file).
up() {
	local why="$2 never answered"
	for _ in $(seq 6000); do
		[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$2")" = 200 ] && return 0
		kill -0 "$3" 2>/dev/null || { why="the server stopped before answering $2"; break; }
		sleep 0.1
	done
	echo "$1: $why" >&2
	[ -z "${4:-}" ] || cat "$4" >&2
	exit 1
}

# cpu_ticks PID: the CPU time (user + system) of process PID so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# median NUMBER...: the median (of an even count, the mean of the middle two).
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

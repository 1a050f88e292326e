#!/usr/bin/env bash
# npm-ci.sh installs the pinned Node tools of package-lock.json (axe-core,
# vnu-jar, lighthouse) into node_modules when they are missing or older than
# the lock file. Without npm it prints a hint and succeeds, so the browser
# audit tests skip; with CI=true a missing npm or a failed install fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
	echo "npm not found: browser audit tests will skip (install Node.js, or run .ci/run)" >&2
	[ "${CI:-}" != true ]
	exit
fi
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
	exit 0 # up to date
fi
# --ignore-scripts: vnu-jar's postinstall would fetch a Java; we use the machine's.
if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; then
	if [ "${CI:-}" = true ]; then
		echo "npm ci failed" >&2
		exit 1
	fi
	echo "npm ci failed: browser audit tests will skip" >&2
fi

#!/usr/bin/env bash
# build-search.sh bundles the static export's search script
# (scripts/search/src/search.js and the Spanish and French Snowball
# stemmers of @orama/stemmers) into one minified file, static/js/search.js,
# which is committed and embedded in the binary: building relief needs
# only Go. Run it (make search-js) after changing scripts/search/src or the
# pinned packages in scripts/search/package.json.
set -euo pipefail
cd "$(dirname "$0")/search"
npm ci --no-audit --no-fund --loglevel=error
npx esbuild src/search.js --bundle --minify --format=iife --target=es2020 \
	--legal-comments=none --banner:js="/* relief search.js; Snowball stemmers from @orama/stemmers, Copyright 2023 OramaSearch Inc., Apache License 2.0 */" \
	--outfile=../../static/js/search.js
ls -l ../../static/js/search.js

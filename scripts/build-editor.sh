#!/usr/bin/env bash
# build-editor.sh bundles the browser editor's script (scripts/editor/src:
# CodeMirror 6 from npm and the editor's own code) into one minified file,
# internal/editor/assets/editor.js, which is committed and embedded in the
# binary: building relief needs only Go. Run it (make editor-js) after
# changing scripts/editor/src or the pinned packages in
# scripts/editor/package.json.
set -euo pipefail
cd "$(dirname "$0")/editor"
npm ci --no-audit --no-fund --loglevel=error
npx esbuild src/editor.js --bundle --minify --format=iife --target=es2020 \
	--legal-comments=none --outfile=../../internal/editor/assets/editor.js
ls -l ../../internal/editor/assets/editor.js

// The editor script is built by scripts/build-editor.sh.

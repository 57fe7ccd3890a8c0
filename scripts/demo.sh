#!/usr/bin/env bash
# Sets everything up, builds, indexes the bundled corpus/ and serves the search page on
# loopback, printing its URL; Ctrl-C stops it. HQA_LISTEN=HOST:PORT picks another address.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
index=var/demo-index
# Rebuilt each time: an index an older hqa wrote (another schema version) is replaced, not refused.
build/bin/hqa-index --rebuild --index "$index" corpus
echo
echo "Try it from a terminal too: build/bin/hqa-search --index $index \"is measles contagious\""
exec build/bin/hqa-search serve --index "$index" --listen "${HQA_LISTEN:-127.0.0.1:8080}"

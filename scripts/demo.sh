#!/usr/bin/env bash
# Sets everything up, builds, indexes the bundled corpus/ and shows searching it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
index=var/demo-index
build/indexer/hqa-index --index "$index" corpus
for query in "COPD treatment" "is measles contagious" "menieres symptoms" "beta blocker" "x-ray pneumonia"; do
  echo
  echo "\$ hqa-search --index $index --limit 3 \"$query\""
  build/searcher/hqa-search --index "$index" --limit 3 "$query"
done

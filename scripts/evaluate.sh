#!/usr/bin/env bash
# The LiveQA-Med dev evaluation: indexes corpus.jsonl (once per schema version, into var/liveqa-index-vN), writes a run
# per topic file with hqa-search batch and the flags given, and prints the eval table.
#   scripts/evaluate.sh [hqa-search ranking flags, e.g. --k1 1.2 --name-weight 1]
# Runs are 100 deep (DEPTH=1000 for batch's own default), the depth the README's figures were
# measured at: MAP in the table is over the whole run, so it changes with the depth.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/liveqa-med
if [[ ! -d $data ]]; then echo "evaluate: $data is absent; nothing to measure"; exit 0; fi
[[ -x build/bin/hqa-search ]] || scripts/setup.sh
# One index per schema version (schema/index_format.h): an index an older hqa wrote is not
# searched by this one.
schema=$(sed -n 's/.*kSchemaVersion = "\(.*\)";/\1/p' schema/index_format.h)
index=var/liveqa-index-v$schema
[[ -d $index ]] || build/bin/hqa-index --quiet --index "$index" "$data/corpus.jsonl"
runs=()
for topics in original paraphrase summary; do
  run=var/run-$topics.txt
  build/bin/hqa-search batch --index "$index" --topics "$data/topics-dev-$topics.tsv" \
    --tag "hqa-$topics" --depth "${DEPTH:-100}" --output "$run" "$@"
  runs+=("$run")
done
build/bin/hqa-search eval --qrels "$data/qrels-dev.txt" "${runs[@]}"

#!/usr/bin/env bash
# Runs one libFuzzer target of tests/fuzz for SECONDS over CORPUS_DIR/<target>, after seeding it,
# with the target's dictionary; crashes are written to ARTIFACT_DIR. Used by CTest and by
# scripts/fuzz.sh (which adds -jobs/-workers as LIBFUZZER_OPTIONS).
#
#   run.sh BINARY CORPUS_DIR ARTIFACT_DIR SECONDS [LIBFUZZER_OPTIONS...]
#
# Seeds come from corpus/ pages, ../shared/seeds, a few MedQuAD files and LiveQA-Med lines and
# topics from ../shared/data ($HQA_SHARED_DIR; skipped when absent), and tests/fuzz/seeds/.
# They are read at run time and never copied into the repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
shared="${HQA_SHARED_DIR:-$source_dir/../shared}"

binary="$1" corpus_root="$2" artifacts="$3" seconds="$4"
shift 4
target="$(basename "$binary")"
target="${target%_fuzzer}"
corpus="$corpus_root/$target"
mkdir -p "$corpus" "$artifacts"

# seed NAME < content: one seed file, written once (a corpus kept between runs keeps it).
seed() { if [[ -e "$corpus/seed-$1" ]]; then cat >/dev/null; else cat >"$corpus/seed-$1"; fi; }
# The first N files of a folder, in name order.
first_files() { find "$1" -maxdepth 1 -type f -name "$2" 2>/dev/null | sort | head -n "$3"; }

if [[ -d "$here/seeds/$target" ]]; then
  for file in "$here/seeds/$target"/*; do seed "hand-$(basename "$file")" <"$file"; done
fi
data="$shared/data"
case "$target" in
  page_reader)
    for page in "$source_dir"/corpus/*.txt "$shared"/seeds/*.txt; do
      [[ -f "$page" ]] && seed "page-$(basename "$page")" <"$page"
    done ;;
  analyzer)
    for page in $(first_files "$source_dir/corpus" '*.txt' 6); do
      seed "page-$(basename "$page")" <"$page"
    done ;;
  snippet)
    # A query made of the page's file name ("001_cystic-fibrosis-hereditary"), then the page.
    for page in $(first_files "$source_dir/corpus" '*.txt' 8); do
      name="$(basename "$page" .txt)"
      { echo "${name#*_}" | tr '-' ' '; cat "$page"; } | seed "page-$name"
    done ;;
  medquad_reader)
    if [[ -d "$data/medquad" ]]; then
      for folder in "$data"/medquad/*/; do
        for file in $(first_files "$folder" '*.xml' 2); do
          seed "medquad-$(basename "$folder")-$(basename "$file")" <"$file"
        done
      done
    else
      echo "run.sh: $data/medquad is absent: MedQuAD seeds skipped"
    fi ;;
  jsonl_reader)
    if [[ -f "$data/liveqa-med/corpus.jsonl" ]]; then
      head -n 3 "$data/liveqa-med/corpus.jsonl" | seed liveqa-corpus-head
    else
      echo "run.sh: $data/liveqa-med is absent: LiveQA-Med seeds skipped"
    fi ;;
  stored_strings)
    # Single JSON objects: LiveQA-Med lines (stored documents have the same shape).
    if [[ -f "$data/liveqa-med/corpus.jsonl" ]]; then
      n=0
      while IFS= read -r line && ((n++ < 5)); do
        printf '%s' "$line" | seed "liveqa-line-$n"
      done <"$data/liveqa-med/corpus.jsonl"
    else
      echo "run.sh: $data/liveqa-med is absent: LiveQA-Med seeds skipped"
    fi ;;
  query)
    if [[ -f "$data/liveqa-med/topics-dev-original.tsv" ]]; then
      n=0
      while IFS=$'\t' read -r _ question && ((n++ < 40)); do
        printf '%s' "$question" | seed "liveqa-topic-$n"
      done <"$data/liveqa-med/topics-dev-original.tsv"
    else
      echo "run.sh: $data/liveqa-med is absent: LiveQA-Med seeds skipped"
    fi ;;
esac

options=(-max_total_time="$seconds" -timeout=90 -print_final_stats=1 -artifact_prefix="$artifacts/$target-")
case "$target" in
  jsonl_reader|stored_strings) options+=(-dict="$here/json.dict") ;;
  medquad_reader) options+=(-dict="$here/xml.dict") ;;
  http) options+=(-dict="$here/http.dict") ;;
  query|snippet|analyzer) options+=(-dict="$here/query.dict") ;;
esac
echo "run.sh: $target for ${seconds}s over $corpus ($(find "$corpus" -type f | wc -l) inputs)"
exec "$binary" "${options[@]}" "$@" "$corpus"

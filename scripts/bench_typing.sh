#!/usr/bin/env bash
# Search as a search box sends it, in-process: the three kinds of queries of
# scripts/make_bench_queries.py (short condition names, long consumer questions, prefixes of the
# names as typed), each with presentation (stored fields, highlighted question, snippets, "did you
# mean") and without (--no-presentation: the match alone), side by side in one run, and the
# ratio of the two. Prefixes are searched with the last word unfinished (--prefix), as /search does.
#   scripts/bench_typing.sh                   at 1x (../shared/data/liveqa-med/corpus.jsonl)
#   SCALES="1 50" scripts/bench_typing.sh     also at 50x (scripts/make_scale_corpus.py; slow)
#   ROUNDS=3 (default) rounds per row. Prints one table; "ratio" is p50 with / p50 without.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/liveqa-med
if [[ ! -d $data ]]; then echo "bench_typing: $data is absent; nothing to measure"; exit 0; fi
[[ -x build/bench/search_latency ]] || { scripts/setup.sh >/dev/null; }
cmake --build build --target search_latency hqa-index >/dev/null
rounds=${ROUNDS:-3}
work=${BENCH_WORK:-$(mktemp -d)}
python3 scripts/make_bench_queries.py "$data" "$work/queries" >/dev/null

index_for() {  # scale -> index folder (built once per scale in $work)
  local scale=$1 index="$work/index-${1}x"
  if [[ ! -d $index ]]; then
    local input=$data/corpus.jsonl
    if [[ $scale != 1 ]]; then
      input=$work/corpus-${scale}x.jsonl
      python3 scripts/make_scale_corpus.py corpus --copies "$scale" --output "$input" >/dev/null
    fi
    build/bin/hqa-index --quiet --jobs 2 --index "$index" "$input" >/dev/null 2>&1
  fi
  echo "$index"
}

p50() { awk 'END { print $4 }' "$1"; }
p99() { awk 'END { print $6 }' "$1"; }
printf '%-6s %-8s %14s %14s %14s %14s %7s\n' scale queries "p50 with" "p99 with" "p50 without" \
  "p99 without" ratio
for scale in ${SCALES:-1}; do
  index=$(index_for "$scale")
  build/bench/search_latency "$index" "$work/queries/short.tsv" --rounds 1 >/dev/null  # page cache
  for kind in short long prefix; do
    flags=()
    [[ $kind == prefix ]] && flags=(--prefix)
    build/bench/search_latency "$index" "$work/queries/$kind.tsv" --rounds "$rounds" "${flags[@]}" \
      >"$work/with"
    build/bench/search_latency "$index" "$work/queries/$kind.tsv" --rounds "$rounds" "${flags[@]}" \
      --no-presentation >"$work/without"
    printf '%-6s %-8s %11s ms %11s ms %11s ms %11s ms %6.2fx\n' "${scale}x" "$kind" \
      "$(p50 "$work/with")" "$(p99 "$work/with")" "$(p50 "$work/without")" "$(p99 "$work/without")" \
      "$(awk -v a="$(p50 "$work/with")" -v b="$(p50 "$work/without")" 'BEGIN { print a / b }')"
  done
done
[[ -n ${BENCH_WORK:-} ]] || rm -rf "$work"

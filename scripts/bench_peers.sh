#!/usr/bin/env bash
# hqa beside Lucene 8 at each scale (issue #13), side by side in one run, one table: indexing
# (docs/s, wall and CPU seconds, peak RSS, index MB and its ratio to the text) and query latency
# (p50/p99 of short condition names and of the long LiveQA-Med consumer questions, top 10 with
# snippets or highlights), then hqa/Lucene ratios.
#   scripts/bench_peers.sh                 SCALES="1 10" by default; SCALES="1 10 50" for all
# Environment: SCALES, ROUNDS (timed query rounds, 3), HQA_JOBS (hqa-index --jobs; default: its
# own default, every core). Builds hqa Release into build-bench/ like scripts/bench_scale.sh and
# shares its corpora (build-bench/scale/corpus-Nx.jsonl). Installs the peers with
# scripts/setup.sh --bench when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/liveqa-med
if [[ ! -f $data/corpus.jsonl ]]; then echo "bench_peers: $data is absent; nothing to measure"; exit 0; fi
SCALES=${SCALES:-1 10}
ROUNDS=${ROUNDS:-3}
out=build-bench
work=$out/peers-run
mkdir -p "$work" "$out/scale" "$out/peers"

bench_name=bench_peers
source scripts/bench_lib.sh  # timed, mb, prepare_hqa_and_lucene
prepare_hqa_and_lucene hqa-index search_latency

python3 scripts/make_bench_queries.py "$data" "$work/queries" >/dev/null
for scale in $SCALES; do
  corpus=$out/scale/corpus-${scale}x.jsonl
  [[ -s $corpus ]] || python3 scripts/make_scale_corpus.py corpus --copies "$scale" --output "$corpus"
done

# p50 and p99 of a latency table printed by search_latency or LuceneBench: "p50 p99".
percentiles() { awk 'NR == 2 {print $(NF-3 - o), $(NF-1 - o)}' o="$2" "$1"; }

jobs=()
[[ -n ${HQA_JOBS:-} ]] && jobs=(--jobs "$HQA_JOBS")
echo "hqa bench_peers: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, hqa $(git rev-parse --short HEAD), Release;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hqa-index ${jobs[*]:-(default jobs: every core)}; Lucene: one indexing thread (LuceneBench index);" \
  "queries: $(grep -c . "$work/queries/short.tsv") short names, $(grep -c . "$work/queries/long.tsv") long questions," \
  "$ROUNDS rounds after a warm-up"
printf '%-6s %-7s %9s %8s %8s %8s %8s %9s %7s %9s %9s %9s %9s\n' scale engine docs docs/s "wall s" "cpu s" \
  "RSS MB" "index MB" "x text" "short p50" "short p99" "long p50" "long p99"
for scale in $SCALES; do
  corpus=$out/scale/corpus-${scale}x.jsonl
  text_mb=$(awk "BEGIN{print $(stat -c %s "$corpus") / 1e6}")
  docs=$(grep -c . "$corpus")
  declare -A row=()
  for engine in hqa lucene; do
    index=$work/$engine-${scale}x
    rm -rf "$index"
    sync
    if [[ $engine == hqa ]]; then
      timed "$out/bin/hqa-index" --quiet "${jobs[@]}" --index "$index" "$corpus"
    else
      timed java -cp "$classpath" LuceneBench index "$index" "$corpus"
    fi
    size=$(mb "$index")
    latency=""
    for kind in short long; do
      queries=$work/queries/$kind.tsv
      if [[ $engine == hqa ]]; then
        "$out/bench/search_latency" "$index" "$queries" --rounds 1 >/dev/null
        "$out/bench/search_latency" "$index" "$queries" --rounds "$ROUNDS" >"$work/lat"
        latency+=" $(percentiles "$work/lat" 2)"
      else
        java -cp "$classpath" LuceneBench search "$index" "$queries" --rounds "$ROUNDS" --warmup 1 >"$work/lat"
        latency+=" $(percentiles "$work/lat" 0)"
      fi
    done
    row[$engine]="$wall $cpu $rss_mb $size$latency"
    read -r w c r s sp50 sp99 lp50 lp99 <<<"${row[$engine]}"
    awk -v sc="${scale}x" -v e="$engine" -v d="$docs" -v w="$w" -v c="$c" -v r="$r" -v s="$s" -v t="$text_mb" \
      -v a="$sp50" -v b="$sp99" -v x="$lp50" -v y="$lp99" \
      'BEGIN{printf "%-6s %-7s %9d %8.0f %8.1f %8.1f %8d %8.1f %7.2f %9.2f %9.2f %9.2f %9.2f\n", sc, e, d, d / w, w, c, r, s, s / t, a, b, x, y}'
  done
  read -r hw hc hr hs hsp50 hsp99 hlp50 hlp99 <<<"${row[hqa]}"
  read -r lw lc lr ls lsp50 lsp99 llp50 llp99 <<<"${row[lucene]}"
  awk -v sc="${scale}x" -v hw="$hw" -v lw="$lw" -v hc="$hc" -v lc="$lc" -v hr="$hr" -v lr="$lr" -v hs="$hs" -v ls="$ls" \
    -v a="$hsp50" -v b="$lsp50" -v c="$hsp99" -v d="$lsp99" -v e="$hlp50" -v f="$llp50" -v g="$hlp99" -v h="$llp99" \
    'BEGIN{printf "%-6s %-7s %9s %8.2f %8.2f %8.2f %8.2f %8.2f %7s %9.2f %9.2f %9.2f %9.2f\n", sc, "hqa/luc", "", lw / hw, hw / lw, hc / lc, hr / lr, hs / ls, "", a / b, c / d, e / f, g / h}'
  rm -rf "$work/lucene-${scale}x"
done
echo "hqa/luc: docs/s is Lucene's time over hqa's (above 1: hqa indexes faster); every other column is"
echo "hqa's figure over Lucene's (below 1: hqa smaller or faster). load at end: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Scale benchmark (issue #5): how hqa's indexing and search costs grow with the corpus, and how
# they compare with Omega's scriptindex and Lucene 8 on the same documents, machine and run.
# Prints tables and saves them to build-bench/bench_scale_results.txt:
#   (a) hqa-index at each scale, --jobs 1 and 2: docs, wall and CPU seconds, docs/s, MB/s, peak
#       RSS, index MB before and after compaction (xapian-compact for --jobs 1; --jobs 2 compacts)
#   (b) indexing the 1x corpus: hqa vs scriptindex vs Lucene, best of REPEAT interleaved runs
#   (c) query latency over the same 1,000 queries (p50/p99): hqa, Lucene, Xapian on the Omega
#       index at 1x, with ratios hqa/peer; then hqa at the larger scales.
# Environment: SCALES (default "1 10 50"), JOBS ("1 2"), REPEAT (3), ROUNDS (timed query rounds,
# 3), PEERS (1; 0 skips scriptindex and Lucene), HQA_BENCH_SOURCE (worktree, or HEAD to build
# the last commit from a snapshot when the working tree is in the middle of someone's edit).
# Builds hqa Release into build-bench/ (never build/); corpora, indexes and peers go under
# build-bench/ too; RESULTS names the file the tables are saved to. Installs what is missing with
# scripts/setup.sh --bench.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
corpus=$data/liveqa-med/corpus.jsonl
if [[ ! -f $corpus ]]; then echo "bench_scale: $corpus is absent; nothing to measure"; exit 0; fi
SCALES=${SCALES:-1 10 50}
JOBS=${JOBS:-1 2}
REPEAT=${REPEAT:-3}
ROUNDS=${ROUNDS:-3}
PEERS=${PEERS:-1}
out=build-bench
work=$out/scale
mkdir -p "$work" "$out/peers"

need=(/usr/bin/time xapian-compact cmake g++)
((PEERS)) && need+=(scriptindex javac java)
for tool in "${need[@]}"; do
  command -v "$tool" >/dev/null || { scripts/setup.sh --bench; break; }
done
lucene_jars() { ls /usr/share/java/lucene-highlighter-8*.jar /usr/share/java/gson.jar >/dev/null 2>&1; }
if ((PEERS)) && ! lucene_jars; then scripts/setup.sh --bench; fi
for tool in "${need[@]}"; do
  command -v "$tool" >/dev/null || { echo "bench_scale: $tool is missing (scripts/setup.sh --bench)" >&2; exit 2; }
done
if ((PEERS)) && ! lucene_jars; then
  echo "bench_scale: Lucene 8 or Gson jars are missing (scripts/setup.sh --bench)" >&2
  exit 2
fi

# hqa, Release. HQA_BENCH_SOURCE=HEAD checks the last commit out into build-bench/src through a
# private git index, so that files unchanged since the last run keep their times and the build
# stays incremental.
source_dir=. build_dir=$out
if [[ ${HQA_BENCH_SOURCE:-worktree} == HEAD ]]; then
  source_dir=$out/src build_dir=$out/build-head
  mkdir -p "$source_dir"
  GIT_INDEX_FILE=$PWD/$out/src.gitindex git --work-tree="$source_dir" read-tree --reset -u HEAD
fi
cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >"$work/build.log" 2>&1 &&
  cmake --build "$build_dir" -j2 --target hqa-index search_latency >>"$work/build.log" 2>&1 ||
  { tail -30 "$work/build.log" >&2; echo "bench_scale: the build failed (HQA_BENCH_SOURCE=HEAD builds the last commit)" >&2; exit 2; }
hqa_index=$build_dir/bin/hqa-index
search_latency=$build_dir/bench/search_latency

# The peers.
if ((PEERS)); then
  classpath=$(ls /usr/share/java/lucene-{core,analyzers-common,queryparser,highlighter,queries,memory}-8*.jar \
    /usr/share/java/gson.jar | tr '\n' ':')$out/peers
  javac -nowarn -d "$out/peers" -cp "$classpath" bench/peers/LuceneBench.java
  g++ -std=c++20 -O2 -o "$out/peers/xapian_search" bench/peers/xapian_search.cc \
    $(pkg-config --cflags --libs xapian-core)
fi

# Corpora and queries (kept between runs: they depend only on the data).
for scale in $SCALES; do
  [[ -s $work/corpus-${scale}x.jsonl ]] ||
    python3 scripts/make_scale_corpus.py corpus --copies "$scale" --output "$work/corpus-${scale}x.jsonl"
done
queries=$work/queries.tsv
[[ -s $queries ]] || python3 scripts/make_scale_corpus.py queries --output "$queries" --count 1000

results=${RESULTS:-$out/bench_scale_results.txt}
exec > >(tee "$results")

bench_name=bench_scale
source scripts/bench_lib.sh  # timed, mb
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "hqa bench_scale: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, hqa $(git rev-parse --short HEAD)" \
  "(${HQA_BENCH_SOURCE:-worktree}), Release"
echo "load average (1, 5, 15 min) at start: $(load); the machine is shared, so wall times are noisy:"
echo "CPU seconds (user + sys) are the steadier figure."
echo

echo "(a) hqa-index by scale (input: JSONL bytes; compacted: --jobs 2 output, or xapian-compact of --jobs 1)"
printf '%-6s %4s %9s %8s %8s %8s %7s %8s %9s %9s %7s %6s %9s\n' scale jobs docs "wall s" "cpu s" docs/s MB/s \
  "RSS MB" "index MB" "compact" "x text" "j2/j1" load
declare -A wall_of
for scale in $SCALES; do
  input=$work/corpus-${scale}x.jsonl
  input_mb=$(awk "BEGIN{print $(stat -c %s "$input") / 1e6}")
  for jobs in $JOBS; do
    index=$work/hqa-${scale}x-j$jobs
    rm -rf "$index" "$index.compact"
    sync
    timed "$hqa_index" --quiet --json --jobs "$jobs" --index "$index" "$input"
    docs=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["added"] + s["replaced"])' "$work/stdout")
    wall_of[$scale-$jobs]=$wall
    before=$(mb "$index") compact=$before
    if ((jobs == 1)); then
      before_label=$before
      xapian-compact "$index" "$index.compact" >/dev/null
      compact=$(mb "$index.compact")
      rm -rf "$index.compact"
    else
      before_label="-"  # the shards are compacted into the index and removed
    fi
    speedup="-"
    [[ -n ${wall_of[$scale-1]:-} && $jobs != 1 ]] && speedup=$(awk "BEGIN{printf \"%.2f\", ${wall_of[$scale-1]} / $wall}")
    awk -v s="${scale}x" -v j="$jobs" -v d="$docs" -v w="$wall" -v c="$cpu" -v m="$input_mb" -v r="$rss_mb" \
      -v b="$before_label" -v k="$compact" -v x="$speedup" -v l="$(load | cut -d' ' -f1)" \
      'BEGIN{printf "%-6s %4s %9d %8.1f %8.1f %8.0f %7.2f %8d %9s %9.1f %7.2f %6s %9s\n", s, j, d, w, c, d / w, m / w, r, b, k, k / m, x, l}'
    # Keep one index per scale for the latency table: the compacted --jobs 2 one if built.
    if [[ $jobs != "${JOBS##* }" ]]; then rm -rf "$index"; fi
  done
done
echo

latency_row() {  # LABEL OUTPUT: the figures line of a latency table
  awk -v label="$1" 'NR == 2 {printf "%-34s %8s %8s %8s %8s %8s\n", label, $(NF-4), $(NF-3), $(NF-2), $(NF-1), $NF}' "$2"
}
latency_header() { printf '%-34s %8s %8s %8s %8s %8s\n' "$1" queries "p50 ms" "p90 ms" "p99 ms" "max ms"; }
last_jobs=${JOBS##* }

if ((PEERS)) && [[ " $SCALES " == *" 1 "* ]]; then
  input=$work/corpus-1x.jsonl
  docs1=$(grep -c . "$input")
  echo "(b) indexing the 1x corpus ($docs1 documents, $(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$input") / 1e6}") MB)," \
    "best of $REPEAT interleaved runs, whole processes"
  python3 scripts/make_scale_corpus.py corpus --copies 1 --format omega --output "$work/corpus-1x.omega" 2>/dev/null
  declare -A best_wall best_cpu size
  keep_best() {
    if [[ -z ${best_wall[$1]:-} ]] || awk "BEGIN{exit !($wall < ${best_wall[$1]})}"; then best_wall[$1]=$wall; fi
    if [[ -z ${best_cpu[$1]:-} ]] || awk "BEGIN{exit !($cpu < ${best_cpu[$1]})}"; then best_cpu[$1]=$cpu; fi
  }
  loads=""
  for ((run = 1; run <= REPEAT; ++run)); do
    loads+=" $(load | cut -d' ' -f1)"
    for jobs in 1 2; do
      rm -rf "$work/peer-hqa"
      timed "$hqa_index" --quiet --jobs "$jobs" --index "$work/peer-hqa" "$input"
      keep_best "hqa-index --jobs $jobs"
      size["hqa-index --jobs $jobs"]=$(mb "$work/peer-hqa")
    done
    rm -rf "$work/peer-omega"
    timed scriptindex --overwrite "$work/peer-omega" bench/peers/hqa.script "$work/corpus-1x.omega"
    keep_best scriptindex
    size[scriptindex]=$(mb "$work/peer-omega")
    rm -rf "$work/peer-lucene"
    timed java -cp "$classpath" LuceneBench index "$work/peer-lucene" "$input"
    keep_best "lucene 8"
    size["lucene 8"]=$(mb "$work/peer-lucene")
  done
  echo "load average (1 min) before each run:$loads"
  printf '%-20s %8s %8s %8s %9s %12s %12s\n' indexer "wall s" "cpu s" docs/s "index MB" "hqa j1 speed" "hqa j2 speed"
  for name in "hqa-index --jobs 1" "hqa-index --jobs 2" scriptindex "lucene 8"; do
    awk -v n="$name" -v d="$docs1" -v w="${best_wall[$name]}" -v c="${best_cpu[$name]}" -v s="${size[$name]}" \
      -v w1="${best_wall[hqa-index --jobs 1]}" -v w2="${best_wall[hqa-index --jobs 2]}" \
      'BEGIN{printf "%-20s %8.2f %8.2f %8.0f %9d %11.2fx %11.2fx\n", n, w, c, d / w, s, w / w1, w / w2}'
  done
  echo "hqa speed = peer wall / hqa wall (above 1: hqa faster). By CPU seconds, hqa --jobs 1 vs:" \
    "scriptindex $(awk "BEGIN{printf \"%.2f\", ${best_cpu[scriptindex]} / ${best_cpu[hqa-index --jobs 1]}}")x," \
    "lucene $(awk "BEGIN{printf \"%.2f\", ${best_cpu[lucene 8]} / ${best_cpu[hqa-index --jobs 1]}}")x"
  echo "scriptindex reads field=value records converted beforehand (not timed); Lucene parses the JSONL"
  echo "(Gson) itself, and its CPU seconds include the JIT, GC and merge threads."
  echo

  echo "(c) query latency at 1x: the same $(wc -l <"$queries") queries, $ROUNDS timed rounds after a warm-up round, top 10"
  index=$work/hqa-1x-j$last_jobs
  "$search_latency" "$index" "$queries" --rounds 1 >/dev/null  # warm-up: page cache
  "$search_latency" "$index" "$queries" --rounds "$ROUNDS" >"$work/lat-hqa"
  java -cp "$classpath" LuceneBench search "$work/peer-lucene" "$queries" --rounds "$ROUNDS" --warmup 1 >"$work/lat-lucene"
  "$out/peers/xapian_search" "$work/peer-omega" "$queries" --rounds "$ROUNDS" --warmup 1 >"$work/lat-xapian"
  latency_header "load $(load | cut -d' ' -f1)"
  latency_row "hqa Searcher (snippets)" "$work/lat-hqa"
  latency_row "lucene 8 (UnifiedHighlighter)" "$work/lat-lucene"
  latency_row "xapian, omega index (snippet)" "$work/lat-xapian"
  for peer in lucene xapian; do
    awk -v peer="$peer" 'FNR == 2 {p50[FILENAME] = $(NF-3); p99[FILENAME] = $(NF-1); f[++n] = FILENAME}
      END {printf "hqa/%-6s p50 %.2f  p99 %.2f (below 1: hqa faster)\n", peer, p50[f[1]] / p50[f[2]], p99[f[1]] / p99[f[2]]}' \
      "$work/lat-hqa" "$work/lat-$peer"
  done
  echo
fi

echo "(d) hqa query latency by scale (index: --jobs $last_jobs), same queries, $ROUNDS timed rounds after a warm-up round"
latency_header scale
for scale in $SCALES; do
  index=$work/hqa-${scale}x-j$last_jobs
  "$search_latency" "$index" "$queries" --rounds 1 >/dev/null
  "$search_latency" "$index" "$queries" --rounds "$ROUNDS" >"$work/lat-$scale"
  latency_row "${scale}x (load $(load | cut -d' ' -f1))" "$work/lat-$scale"
done
echo
echo "load average at end: $(load)"

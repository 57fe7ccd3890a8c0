#!/usr/bin/env bash
# How close Xapian 1.4 lets hqa-index come to Lucene 8 (issue #13), side by side in one run: for
# each scale, a new hqa index (hqa-index, every core), then the same index written again by
# bench/xapian_write_floor (Xapian alone: hqa's terms, positions, values, data and spelling words,
# read from that index into memory first, written into 2 shards from 2 threads, commits every
# 1,000 documents, then the shards merged into one as hqa-index merges them; no input read, no
# parsing, no analysis), then Lucene 8 (bench/peers/LuceneBench, one indexing thread). Prints wall and CPU seconds, CPU ms a document, and each one's wall time over
# Lucene's. If Xapian's writes alone take longer than Lucene's whole run, no change to hqa's
# own code reaches Lucene's pace.
#   scripts/bench_floor.sh                  SCALES="1 10" (the floor holds every document in memory)
# Shares build-bench/ and its corpora with scripts/bench_peers.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/liveqa-med
if [[ ! -f $data/corpus.jsonl ]]; then echo "bench_floor: $data is absent; nothing to measure"; exit 0; fi
bench_name=bench_floor
out=build-bench
work=$out/floor-run
mkdir -p "$work" "$out/scale" "$out/peers"
source scripts/bench_lib.sh

prepare_hqa_and_lucene hqa-index xapian_write_floor

echo "hqa bench_floor: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, hqa $(git rev-parse --short HEAD), Release;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-34s %9s %8s %8s %11s %12s\n' scale writer docs "wall s" "cpu s" "cpu ms/doc" "wall/Lucene"
for scale in ${SCALES:-1 10}; do
  corpus=$out/scale/corpus-${scale}x.jsonl
  [[ -s $corpus ]] || python3 scripts/make_scale_corpus.py corpus --copies "$scale" --output "$corpus" >/dev/null
  docs=$(grep -c . "$corpus")
  rm -rf "$work/hqa" "$work/floor" "$work/lucene"
  sync
  timed "$out/bin/hqa-index" --quiet --index "$work/hqa" "$corpus"
  hqa_wall=$wall hqa_cpu=$cpu
  sync
  "$out/bench/xapian_write_floor" "$work/hqa" "$work/floor" --jobs 2 --batch-size 1000 >"$work/floor.txt"
  # Its rows: the writing, then the writing and the merge; the last two columns are cpu s, ms/doc.
  read -r write_wall write_cpu < <(awk 'NR == 2 { print $(NF-2), $(NF-1) }' "$work/floor.txt")
  read -r floor_wall floor_cpu < <(awk 'NR == 3 { print $(NF-2), $(NF-1) }' "$work/floor.txt")
  sync
  timed java -cp "$classpath" LuceneBench index "$work/lucene" "$corpus"
  lucene_wall=$wall lucene_cpu=$cpu
  row() {
    awk -v s="${scale}x" -v n="$1" -v d="$docs" -v w="$2" -v c="$3" -v l="$lucene_wall" \
      'BEGIN { printf "%-6s %-34s %9d %8.1f %8.1f %11.3f %11.2fx\n", s, n, d, w, c, c * 1000 / d, w / l }'
  }
  row "hqa-index, whole run" "$hqa_wall" "$hqa_cpu"
  row "Xapian alone: writes (2 shards)" "$write_wall" "$write_cpu"
  row "Xapian alone: writes and merge" "$floor_wall" "$floor_cpu"
  row "Lucene 8, whole run" "$lucene_wall" "$lucene_cpu"
  rm -rf "$work/hqa" "$work/floor" "$work/lucene"
done
echo "wall/Lucene above 1: slower than Lucene's whole run. load at end: $(cut -d' ' -f1-3 /proc/loadavg)"

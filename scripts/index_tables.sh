#!/usr/bin/env bash
# What each table of an hqa index costs: bytes per Xapian glass table, their share, bytes per
# document, and (given the input) the ratio to the text. Run it on a compacted index (a --jobs
# build is compacted; otherwise xapian-compact it first) for figures that do not count the free
# space a B-tree keeps for updates.
#   scripts/index_tables.sh INDEX [INPUT]
set -euo pipefail
index=${1:?usage: index_tables.sh INDEX [INPUT]}
input=${2:-}
docs=$(xapian-delve "$index" 2>/dev/null | sed -n "s/^number of documents = //p")
total=$(cat "$index"/*.glass | wc -c)
printf '%-10s %10s %7s %10s\n' table MB share bytes/doc
for file in "$index"/*.glass; do
  bytes=$(stat -c %s "$file")
  awk -v t="$(basename "$file" .glass)" -v b="$bytes" -v all="$total" -v d="${docs:-0}" \
    'BEGIN{printf "%-10s %10.2f %6.1f%% %10.0f\n", t, b / 1e6, 100 * b / all, d ? b / d : 0}'
done
awk -v all="$total" -v d="${docs:-0}" 'BEGIN{printf "%-10s %10.2f %6.1f%% %10.0f\n", "total", all / 1e6, 100, d ? all / d : 0}'
if [[ -n $input ]]; then
  awk -v all="$total" -v t="$(stat -c %s "$input")" 'BEGIN{printf "index / text: %.2f\n", all / t}'
fi

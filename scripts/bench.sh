#!/usr/bin/env bash
# Measures hqa on ../shared/data and prints tables: indexing throughput on MedQuAD and on the
# LiveQA-Med corpus (docs/s, MB/s, peak RSS, index size), and search latency in-process and
# through the hqa-search command.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
if [[ ! -d $data ]]; then echo "bench: $data is absent; nothing to measure"; exit 0; fi
scripts/setup.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-22s %8s %9s %8s %8s %10s %10s\n' input docs seconds docs/s MB/s "peak RSS" "index MB"
for input in "$data/medquad" "$data/liveqa-med/corpus.jsonl"; do
  format=auto; [[ -d $input ]] && format=medquad
  /usr/bin/time -f '%e %M' -o "$work/time" build/bin/hqa-index --quiet --json --format "$format" \
    --index "$work/index-$(basename "$input")" "$input" >"$work/summary.json" 2>/dev/null || true
  read -r seconds rss_kb < <(tail -1 "$work/time")
  python3 - "$work/summary.json" "$seconds" "$rss_kb" "$(du -sm "$work/index-$(basename "$input")" | cut -f1)" "$(basename "$input")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); seconds = float(sys.argv[2]); docs = s["added"] + s["replaced"]
print(f'{sys.argv[5]:<22} {docs:>8} {seconds:>9.2f} {docs/seconds:>8.0f} {s["bytes"]/1e6/seconds:>8.2f} {int(sys.argv[3])//1024:>8} MB {sys.argv[4]:>10}')
PY
done

echo
index="$work/index-corpus.jsonl"
topics=("$data"/liveqa-med/topics-dev-*.tsv)
build/bench/search_latency "$index" "${topics[@]}" --rounds 3
# Through the command line: process start, index open and one search, per query.
cut -f2 "${topics[0]}" | head -50 >"$work/queries"
start=$(date +%s.%N)
while IFS= read -r query; do build/bin/hqa-search --index "$index" "$query" >/dev/null; done <"$work/queries"
end=$(date +%s.%N)
python3 -c "print(f'{\"hqa-search command\":<28} {50:>8} mean {($end-$start)/50*1000:.1f} ms per query (process start included)')"

#!/usr/bin/env bash
# The HTTP service against the engine underneath it, side by side in one run: for each kind of
# query of scripts/make_bench_queries.py (short condition names, long consumer questions,
# prefixes as typed), one thread searching in-process (bench/search_latency) and then wrk
# (one thread) over HTTP with 1 and 8 keep-alive connections, with results and snippets as the
# search page asks for them. Prints requests/s, p50 and p99, and the ratio of 8 connections to
# the in-process thread. Then the short queries again while hqa-index updates the served index.
#   scripts/bench_http.sh                  at 1x (../shared/data/liveqa-med/corpus.jsonl)
#   SCALES="1 50" scripts/bench_http.sh    also at 50x (scripts/make_scale_corpus.py; slow)
#   SECONDS_PER_RUN=10 (default) per wrk run.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/liveqa-med
if [[ ! -d $data ]]; then echo "bench_http: $data is absent; nothing to measure"; exit 0; fi
command -v wrk >/dev/null || { echo "bench_http: wrk is not installed (apt-get install wrk)"; exit 1; }
[[ -x build/bin/hqa-search ]] || { scripts/setup.sh >/dev/null; }
cmake --build build --target search_latency hqa-index hqa-search >/dev/null
seconds=${SECONDS_PER_RUN:-10}
work=$(mktemp -d)
server=""
trap '[[ -n $server ]] && kill $server; wait 2>/dev/null; rm -rf "$work"' EXIT
python3 scripts/make_bench_queries.py "$data" "$work/queries" >/dev/null
for kind in short long prefix; do
  # The search box's request; short names and long questions are sent complete (prefix=false).
  python3 - "$work/queries/$kind.tsv" "$work/paths-$kind" "$kind" <<'PY'
import sys, urllib.parse
extra = "" if sys.argv[3] == "prefix" else "&prefix=false"
with open(sys.argv[1], encoding="utf-8") as topics, open(sys.argv[2], "w") as out:
    for line in topics:
        q = line.rstrip("\n").split("\t", 1)[1]
        out.write("/search?limit=10&q=" + urllib.parse.quote(q[:1000]) + extra + "\n")
PY
done

wrk_row() {  # label paths connections -> one row
  WRK_PATHS=$2 wrk -t1 -c"$3" -d"${seconds}s" -s bench/wrk_queries.lua "$url" | tail -1 |
    awk -v label="$1" '{ printf "%-34s %10s %9s %9s\n", label, $2, $5, $13 }'
}

printf '%-34s %10s %9s %9s\n' "" requests/s "p50 ms" "p99 ms"
for scale in ${SCALES:-1}; do
  input=$data/corpus.jsonl
  if [[ $scale != 1 ]]; then
    input=$work/corpus-${scale}x.jsonl
    python3 scripts/make_scale_corpus.py corpus --copies "$scale" --output "$input" >/dev/null
  fi
  rm -rf "$work/index"
  build/bin/hqa-index --quiet --jobs 2 --index "$work/index" "$input" >/dev/null 2>&1
  build/bin/hqa-search serve --index "$work/index" --listen 127.0.0.1:0 >"$work/out" 2>/dev/null &
  server=$!
  url=""
  for _ in $(seq 100); do url=$(grep -o 'http://[0-9.:]*' "$work/out" || true); [[ -n $url ]] && break; sleep 0.1; done
  for kind in short long prefix; do
    flags=()
    [[ $kind == prefix ]] && flags=(--prefix)
    build/bench/search_latency "$work/index" "$work/queries/$kind.tsv" --rounds 3 "${flags[@]}" \
      >"$work/inprocess"
    in_process=$(awk 'END { print $9 }' "$work/inprocess")
    awk -v label="${scale}x $kind, in-process, 1 thread" \
      'END { printf "%-34s %10s %9s %9s\n", label, $9, $4, $6 }' "$work/inprocess"
    wrk_row "${scale}x $kind, HTTP, 1 connection" "$work/paths-$kind" 1
    wrk_row "${scale}x $kind, HTTP, 8 connections" "$work/paths-$kind" 8 | tee "$work/row"
    awk -v base="$in_process" '{ printf "%-34s %9.2fx\n", "  8 connections / in-process", $(NF-2) / base }' \
      "$work/row"
  done
  if [[ $scale == 1 ]]; then
    # An update while serving: the same corpus again with a few changed answers, in batches.
    python3 - "$input" "$work/update.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, line in enumerate(src):
        doc = json.loads(line)
        if i % 10 == 0:
            doc["answer"] = doc.get("answer", "") + " (updated)"
        out.write(json.dumps(doc) + "\n")
PY
    (sleep 1; build/bin/hqa-index --quiet --batch-size 2000 --index "$work/index" "$work/update.jsonl" >/dev/null 2>&1) &
    wrk_row "${scale}x short, 8 conn., during update" "$work/paths-short" 8
    wait $!
  fi
  kill $server
  wait $server 2>/dev/null || true
  server=""
done

#!/usr/bin/env bash
# Load on the HTTP service: wrk (2 threads, 64 connections) against /search on a MedQuAD index
# with the 156 LiveQA-Med dev questions (original, paraphrase, summary) and 44 short queries,
# first alone, then while hqa-index applies an update to the same index. Prints one line each.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
if [[ ! -d $data/medquad ]]; then echo "bench_http: $data is absent; nothing to measure"; exit 0; fi
command -v wrk >/dev/null || { echo "bench_http: wrk is not installed (apt-get install wrk)"; exit 1; }
seconds=${SECONDS_PER_RUN:-20}
work=$(mktemp -d)
server=""
trap '[[ -n $server ]] && kill $server; wait 2>/dev/null; rm -rf "$work"' EXIT

build/bin/hqa-index --quiet --format medquad --index "$work/index" "$data/medquad" 2>/dev/null
python3 - "$data/liveqa-med" "$work/paths" <<'PY'
import sys, urllib.parse, glob
queries = []
for f in sorted(glob.glob(sys.argv[1] + "/topics-dev-*.tsv")):
    queries += [l.split("\t", 1)[1].strip() for l in open(f) if "\t" in l and l.split("\t", 1)[1].strip()]
queries += ["diabetes", "high blood pressure", "is cystic fibrosis inherited", "asthma treatment",
            "symptoms of lupus", "glaucoma", "COPD", "HIV", "breast cancer stages", "migraine causes",
            "kidney stones", "down syndrome", "x-ray", "vitamin b12", "shingles vaccine", "gout diet",
            "heart attack", "stroke prevention", "alzheimer's disease", "parkinson's disease",
            "hepatitis c treatment", "sickle cell anemia", "autism", "celiac disease", "psoriasis",
            "osteoporosis", "leukemia", "melanoma", "anemia", "thyroid", "epilepsy", "arthritis",
            "obesity", "insomnia", "depression", "influenza", "pneumonia", "tuberculosis",
            "malaria", "lyme disease", "hemophilia", "huntington disease", "noonan syndrome", "ALL"]
queries = queries[:200]
with open(sys.argv[2], "w") as out:
    for q in queries:
        out.write("/search?limit=10&q=" + urllib.parse.quote(q[:1000]) + "\n")
print(f"{len(queries)} queries")
PY
build/bin/hqa-search serve --index "$work/index" --listen 127.0.0.1:0 >"$work/out" 2>/dev/null &
server=$!
for _ in $(seq 100); do url=$(grep -o 'http://[0-9.:]*' "$work/out" || true); [[ -n $url ]] && break; sleep 0.1; done
echo "server: $url, $(curl -s "$url/health")"
echo -n "search alone:            "
WRK_PATHS="$work/paths" wrk -t2 -c64 -d"${seconds}s" --latency -s bench/wrk_queries.lua "$url" | tail -1
# An update while serving: the LiveQA-Med corpus (17,908 documents, most of them the same
# MedQuAD answers, so mostly replacements) indexed into the served index in batches.
(sleep 2; build/bin/hqa-index --quiet --batch-size 2000 --index "$work/index" "$data/liveqa-med/corpus.jsonl" >/dev/null 2>&1) &
updater=$!
echo -n "search during an update: "
WRK_PATHS="$work/paths" wrk -t2 -c64 -d"${seconds}s" --latency -s bench/wrk_queries.lua "$url" | tail -1
wait $updater
echo "after the update: $(curl -s "$url/health")"

#!/usr/bin/env bash
# The HTTP service under load, as a pass/fail test that prints a table:
#   1. wrk at 64 and 256 connections against /search and /suggest with real queries: no errors,
#      and the server's resident memory before and after each run; then the 256-connection
#      search again, which must not grow the server by more than 32 MB;
#   2. /search under wrk while hqa-index applies updates: no errors, and how long a new document
#      takes to become searchable;
#   3. /search under wrk while hqa-index --rebuild swaps a new index in: no errors;
#   4. slowloris: many connections sending a byte a second, while other clients still get answers.
# Usage: scripts/load_test.sh [BUILD_DIR]   (LOAD_SECONDS per wrk run, default 60;
#        SLOW_CONNECTIONS, default 300). Exits 1 on any failed request, 77 if wrk is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
seconds=${LOAD_SECONDS:-60}
slow_connections=${SLOW_CONNECTIONS:-300}
command -v wrk >/dev/null || { echo "load_test: wrk is not installed (scripts/setup.sh installs it)"; exit 77; }
work=$(mktemp -d)
server=""
trap '[[ -n $server ]] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The served index is a symlink, as a site that rebuilds would have it.
data=../shared/data/liveqa-med/corpus.jsonl
if [[ -f $data ]]; then input=$data; else
  echo "load_test: $data is absent; serving corpus/ instead"; input=corpus; fi
"$build/bin/hqa-index" --quiet --index "$work/build-0" "$input" >/dev/null 2>&1 || true
ln -s build-0 "$work/index"

python3 - "$work" <<'PY'
import sys, urllib.parse, glob
work = sys.argv[1]
queries = []
for f in sorted(glob.glob("../shared/data/liveqa-med/topics-dev-*.tsv")):
    queries += [l.split("\t", 1)[1].strip() for l in open(f) if "\t" in l]
queries += ["diabetes", "high blood pressure", "is cystic fibrosis inherited", "asthma treatment",
            "symptoms of lupus", "glaucoma", "COPD", "HIV", "breast cancer stages", "migraine causes",
            "kidney stones", "down syndrome", "x-ray", "vitamin b12", "shingles vaccine", "gout diet",
            "heart attack", "alzheimer's disease", "lukemia", "diabetis", "ALL", "β-blocker"]
with open(work + "/search", "w") as out:
    for q in queries:
        out.write("/search?limit=10&facets=condition,type&q=" + urllib.parse.quote(q[:1000]) + "\n")
prefixes = sorted({w[:n].lower() for q in queries for w in q.split() if w.isalpha() for n in (2, 3, 4) if len(w) >= n})
with open(work + "/suggest", "w") as out:
    for p in prefixes[:2000]:
        out.write("/suggest?q=" + urllib.parse.quote(p) + "\n")
PY

"$build/bin/hqa-search" serve --index "$work/index" --listen 127.0.0.1:0 >"$work/out" 2>"$work/log" &
server=$!
url=""
for _ in $(seq 200); do url=$(grep -o 'http://[0-9.:]*' "$work/out" || true); [[ -n $url ]] && break; sleep 0.1; done
[[ -n $url ]] || { echo "load_test: the server did not start"; cat "$work/log"; exit 1; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status"; }

# wrk_run PATHS CONNECTIONS LABEL: one run, one table row; failed requests fail the test.
wrk_run() {
  local before after line errors
  before=$(rss)
  line=$(WRK_PATHS="$work/$1" wrk -t2 -c"$2" -d"${seconds}s" --timeout 30s --latency -s bench/wrk_queries.lua "$url" | tail -1)
  after=$(rss)
  errors=$(sed -E 's/.*errors ([0-9]+).*/\1/' <<<"$line")
  printf '%-34s %4s conns | RSS %4s -> %4s MB | %s\n' "$3" "$2" "$before" "$after" "$line"
  [[ $errors == 0 ]] || fail "$3 at $2 connections: $errors failed requests"
  kill -0 "$server" 2>/dev/null || fail "the server died during $3"
}

echo "server $url, $(curl -s "$url/health"), ${seconds}s per run, on $(nproc) cores"
for connections in 64 256; do
  wrk_run search "$connections" "/search"
  wrk_run suggest "$connections" "/suggest"
done

# The first runs grow the server to its working size (threads, searchers, caches); the same
# load again must not grow it further.
before_repeat=$(rss)
wrk_run search 256 "/search again (memory check)"
grown=$(( $(rss) - before_repeat ))
echo "memory: the repeated run grew the server by ${grown} MB"
((grown <= 32)) || fail "the server grew by ${grown} MB on a repeated run"

# Updates while serving: a new document, then how long until a search finds it.
printf '{"id":"load-test-new","question":"Is zyxomatosis contagious?","answer":"Zyxomatosis is an invented disease for this test."}\n' >"$work/new.jsonl"
(sleep 2; "$build/bin/hqa-index" --quiet --batch-size 2000 --index "$work/index" "$input" "$work/new.jsonl" >/dev/null 2>&1;
 date +%s.%N >"$work/indexed") &
python3 - "$url" "$work/indexed" "$work/visible" <<'PY' &
import sys, time, urllib.request, json, os
url, indexed, visible = sys.argv[1:]
deadline = time.time() + 600
while time.time() < deadline:
    with urllib.request.urlopen(url + "/search?q=zyxomatosis") as r:
        if json.load(r)["hits"]:
            open(visible, "w").write(str(time.time()))
            break
    time.sleep(0.05)
PY
watcher=$!
wrk_run search 64 "/search during an update"
wait "$watcher" || true
if [[ -f $work/visible && -f $work/indexed ]]; then
  python3 -c "import sys; print(f'new document searchable {max(0.0, float(open(sys.argv[2]).read()) - float(open(sys.argv[1]).read())):.2f} s after hqa-index committed it')" "$work/indexed" "$work/visible"
else
  fail "the new document never became searchable"
fi

# A rebuild swapped in while serving.
(sleep 2; "$build/bin/hqa-index" --quiet --rebuild --jobs 2 --index "$work/index" "$input" >/dev/null 2>&1; date +%s.%N >"$work/rebuilt") &
rebuild=$!
wrk_run search 64 "/search during a --rebuild swap"
wait "$rebuild" || fail "hqa-index --rebuild failed"
[[ $(readlink "$work/index") != build-0 ]] || fail "the rebuild was not swapped in"
curl -sf "$url/search?q=zyxomatosis" | grep -q '"hits":\[\]' && echo "after the swap: the rebuilt index (without the update) is served"

# Slowloris: connections that send a byte a second never finish their request; others are
# still answered.
python3 - "$url" "$slow_connections" <<'PY' || fail "slowloris: other clients were not answered"
import socket, sys, time, urllib.request
host, port = sys.argv[1].split("//")[1].split(":")
slow = []
for _ in range(int(sys.argv[2])):
    s = socket.create_connection((host, int(port)))
    s.send(b"GET /search?q=")
    slow.append(s)
worst, answered = 0.0, 0
for second in range(15):
    for s in slow:
        try: s.send(b"a")
        except OSError: pass
    start = time.time()
    with urllib.request.urlopen(sys.argv[1] + "/search?q=asthma", timeout=5) as r:
        answered += r.status == 200
    worst = max(worst, time.time() - start)
    time.sleep(max(0, 1 - (time.time() - start)))
print(f"slowloris: {len(slow)} connections sending a byte a second for 15 s; "
      f"{answered}/15 other requests answered, slowest {worst * 1000:.0f} ms")
sys.exit(0 if answered == 15 else 1)
PY
kill -0 "$server" 2>/dev/null || fail "the server died under slowloris"
curl -sf "$url/health" >/dev/null || fail "the server is not healthy at the end"
echo "server RSS at the end: $(rss) MB"
if ((failures)); then echo "load_test: $failures failures"; exit 1; fi
echo "load_test: passed"

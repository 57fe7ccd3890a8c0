#!/usr/bin/env bash
# A search over remote shards against the same search over the local merged index (issue #13):
# the LiveQA-Med dev questions (three wordings), top 10 with snippets, over two shards served by
# xapian-tcpsrv on loopback with the merged index as --vocabulary. Prints p50/p90/p99 of each,
# interleaved REPEAT times, and the remote/local ratios, then the round trips of one long query
# (strace, when installed: writes to the shards' sockets).
#   scripts/bench_remote.sh          REPEAT (3), ROUNDS (2 timed rounds a run)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/liveqa-med
if [[ ! -f $data/corpus.jsonl ]]; then echo "bench_remote: $data is absent; nothing to measure"; exit 0; fi
command -v xapian-tcpsrv >/dev/null || { echo "bench_remote: xapian-tcpsrv is missing (xapian-tools)" >&2; exit 2; }
REPEAT=${REPEAT:-3}
ROUNDS=${ROUNDS:-2}
out=build-bench
work=$out/remote
mkdir -p "$work"
cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=Release >"$work/build.log" 2>&1 &&
  cmake --build "$out" -j2 --target hqa-index hqa-search search_latency >>"$work/build.log" 2>&1 ||
  { tail -30 "$work/build.log" >&2; echo "bench_remote: the build failed" >&2; exit 2; }

rm -rf "$work/shards" "$work/merged"
"$out/bin/hqa-index" --quiet --jobs 2 --keep-shards --index "$work/shards" "$data/corpus.jsonl"
xapian-compact "$work/shards/shard-0" "$work/shards/shard-1" "$work/merged" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
specs=()
for shard in 0 1; do
  port=$(free_port)
  xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$work/shards/shard-$shard" >/dev/null 2>&1 &
  pids+=($!)
  specs+=("tcp://127.0.0.1:$port")
done
sleep 1
remote=$(IFS=,; echo "${specs[*]}")
topics=("$data"/topics-dev-{original,paraphrase,summary}.tsv)

echo "hqa bench_remote: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, hqa $(git rev-parse --short HEAD), Release;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(cat "${topics[@]}" | grep -c .) dev questions x $ROUNDS rounds, each run after a warm-up; two shards over loopback"
printf '%-8s %-7s %8s %8s %8s\n' run where "p50 ms" "p90 ms" "p99 ms"
for ((run = 1; run <= REPEAT; ++run)); do
  for where in local remote; do
    if [[ $where == local ]]; then
      args=("$work/merged")
    else
      args=("$remote" --vocabulary "$work/merged")
    fi
    "$out/bench/search_latency" "${args[@]}" "${topics[@]}" --rounds 1 >/dev/null
    "$out/bench/search_latency" "${args[@]}" "${topics[@]}" --rounds "$ROUNDS" >"$work/lat-$where-$run"
    awk -v r="$run" -v w="$where" 'NR == 2 {printf "%-8s %-7s %8s %8s %8s\n", r, w, $4, $5, $6}' "$work/lat-$where-$run"
  done
done
# Medians over the runs, and the ratios.
for where in local remote; do
  for column in 4 6; do
    awk -v c="$column" 'NR == 2 {print $c}' "$work"/lat-$where-* | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}' \
      >"$work/median-$where-$column"
  done
done
awk -v a="$(cat "$work/median-remote-4")" -v b="$(cat "$work/median-local-4")" \
  -v c="$(cat "$work/median-remote-6")" -v d="$(cat "$work/median-local-6")" \
  'BEGIN{printf "median of runs: local p50 %.2f p99 %.2f, remote p50 %.2f p99 %.2f; remote/local p50 %.2f, p99 %.2f\n", b, d, a, c, a / b, c / d}'

if command -v strace >/dev/null; then
  query="my husband has high blood pressure and diabetes and now his kidneys are failing what can he eat"
  strace -f -e trace=write -o "$work/strace" "$out/bin/hqa-search" --index "${specs[0]}" --index "${specs[1]}" \
    --vocabulary "$work/merged" --limit 10 "$query" >/dev/null
  # After the connection's own greeting: the writes of the search, one per request or more.
  echo "writes to the shards for one search of $(wc -w <<<"$query") words (strace; 2 shards, 10 hits):" \
    "$(grep -cE 'write\(([3-9]|[1-9][0-9]+), "' "$work/strace")"
fi

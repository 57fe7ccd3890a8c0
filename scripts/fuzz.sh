#!/usr/bin/env bash
# Long fuzzing campaigns over hqa's libFuzzer targets (tests/fuzz/), under ASan and UBSan.
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]
#
# TARGET is a fuzzer name without "_fuzzer" (page_reader, jsonl_reader, medquad_reader, analyzer,
# query, snippet, http) or "all" (the default: each in turn). Each runs SECONDS (default 600) on
# HQA_FUZZ_JOBS parallel workers (default: the cores). Builds build-sanitize with clang and
# HQA_SANITIZE=ON first. The corpus grows in build-sanitize/fuzz-corpus/<target> from run to run;
# workers' logs are in build-sanitize/fuzz-logs/<target>; crashes, leaks, timeouts and
# out-of-memory inputs are saved in build-sanitize/fuzz-artifacts/. Exits 1 if any appeared.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build="$root/build-sanitize"
targets=(page_reader jsonl_reader medquad_reader analyzer query snippet http)

target="${1:-all}"
seconds="${2:-600}"
jobs="${HQA_FUZZ_JOBS:-$(nproc)}"
if [[ "$target" != all ]]; then
  if [[ ! " ${targets[*]} " =~ " ${target%_fuzzer} " ]]; then
    echo "fuzz.sh: unknown target '$target' (${targets[*]} or all)" >&2
    exit 2
  fi
  targets=("${target%_fuzzer}")
fi

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHQA_SANITIZE=ON >/dev/null
fi
cmake --build "$build" -j"$jobs" --target "${targets[@]/%/_fuzzer}"

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
before="$(ls "$artifacts")"
for name in "${targets[@]}"; do
  logs="$build/fuzz-logs/$name"
  rm -rf "$logs" && mkdir -p "$logs"
  echo "fuzz.sh: $name for ${seconds}s on $jobs workers (logs in $logs)"
  # -jobs=N -workers=N: N processes for SECONDS each; a job that crashes ends early.
  (cd "$logs" && bash "$root/tests/fuzz/run.sh" "$build/tests/fuzz/${name}_fuzzer" \
      "$build/fuzz-corpus" "$artifacts" "$seconds" -jobs="$jobs" -workers="$jobs") >/dev/null || true
  executions=$(cat "$logs"/fuzz-*.log 2>/dev/null |
               awk '/stat::number_of_executed_units/ {n += $2} END {print n + 0}')
  inputs=$(find "$build/fuzz-corpus/$name" -type f | wc -l)
  echo "fuzz.sh: $name: $executions executions, corpus of $inputs inputs"
done

found="$(comm -13 <(echo "$before") <(ls "$artifacts"))"
if [[ -n "$found" ]]; then
  echo "fuzz.sh: new findings in $artifacts (reproduce with build-sanitize/tests/fuzz/<target>_fuzzer FILE):"
  sed 's/^/  /' <<<"$found"
  exit 1
fi
echo "fuzz.sh: no crashes, leaks or timeouts"

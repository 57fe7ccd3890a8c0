#!/usr/bin/env bash
# Checks that the tree keeps the shape the README's "Layout" section describes:
#   - the arrows between folders run one way, down to the text pipeline (no #include against them);
#   - no library or executable source file is over 400 lines;
#   - no function there is over 80 lines (clang-tidy's readability-function-size, on BUILD_DIR's
#     compile_commands.json);
#   - every C++ file is formatted as .clang-format says (clang-format).
# Usage: scripts/check_layout.sh [BUILD_DIR]   (default build/). Run by scripts/test.sh through
# CTest (test layout_check). Prints each violation with its file and line; exits 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "layout: not a git checkout; the files to check are those git tracks"
  exit 77
fi
failures=0
fail() {
  echo "layout: $*"
  failures=$((failures + 1))
}

# Folder -> the folders its files may include from (besides itself).
declare -A allowed=(
  [analysis]=""
  [schema]="analysis"
  [indexer]="schema analysis"
  [searcher]="schema analysis"
  [service]="searcher indexer schema analysis"
  [eval]="searcher schema analysis"
  [tools]="service eval searcher indexer schema analysis"
  [bench]="searcher schema analysis"
)
project_folders="analysis schema indexer searcher service eval tools tests bench"
for folder in "${!allowed[@]}"; do
  while IFS= read -r file; do
    while IFS=: read -r line target; do
      included=${target%%/*}
      [[ " $project_folders " == *" $included "* ]] || continue  # a system or library header
      [[ $included == "$folder" || " ${allowed[$folder]} " == *" $included "* ]] && continue
      fail "$file:$line: $folder/ must not include $target (arrows: README, Layout)"
    done < <(grep -n '^#include "' "$file" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
  done < <(git ls-files "$folder/*.cc" "$folder/*.h" "$folder/*.in")
done

# Sizes: library and executable sources (tests and benchmarks may be longer).
for file in $(git ls-files 'analysis/*.cc' 'schema/*.cc' 'indexer/*.cc' 'searcher/*.cc' \
  'service/*.cc' 'eval/*.cc' 'tools/*.cc' 'analysis/*.h' 'schema/*.h' 'indexer/*.h' \
  'searcher/*.h' 'service/*.h' 'eval/*.h' 'tools/*.h'); do
  lines=$(wc -l <"$file")
  ((lines <= 400)) || fail "$file has $lines lines (at most 400: split it by concern)"
done

if command -v clang-tidy >/dev/null && [[ -f $build/compile_commands.json ]]; then
  sources=$(git ls-files 'analysis/*.cc' 'schema/*.cc' 'indexer/*.cc' 'searcher/*.cc' \
    'service/*.cc' 'eval/*.cc' 'tools/*.cc')
  config='{CheckOptions: [{key: readability-function-size.LineThreshold, value: 80}]}'
  long=$(printf '%s\n' $sources | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet \
    --checks='-*,readability-function-size' --config="$config" 2>/dev/null |
    grep 'warning:' || true)
  if [[ -n $long ]]; then
    while IFS= read -r warning; do fail "a function over 80 lines: ${warning%%: warning*}"; done <<<"$long"
  fi
else
  fail "clang-tidy or $build/compile_commands.json is missing: function sizes not checked"
fi

if command -v clang-format >/dev/null; then
  unformatted=$(git ls-files '*.cc' '*.h' | xargs clang-format --dry-run 2>&1 |
    grep -oE '^[^:]+\.(cc|h):[0-9]+' | sort -u || true)
  for place in $unformatted; do fail "$place is not as .clang-format says (clang-format -i)"; done
else
  fail "clang-format is missing: formatting not checked"
fi

if ((failures > 0)); then
  echo "layout: $failures problem(s)"
  exit 1
fi
echo "layout: arrows, sizes and formatting hold"

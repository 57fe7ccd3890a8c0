#!/usr/bin/env bash
# Sets everything up, builds, and runs every test with CTest. Tests that need ../shared/data
# skip with a message when it is absent.
#
# Then builds the same suite with clang under AddressSanitizer and UndefinedBehaviorSanitizer in
# build-sanitize (HQA_SANITIZE=ON) and runs it again, with a 30-second run of every libFuzzer
# target (tests/fuzz/, CTest label "fuzz"); the browser, load and layout tests are left out
# there: the first would only test the same page again, load under ASan measures the sanitizer,
# and the layout check (scripts/check_layout.sh: arrows, sizes, clang-format) reads the sources,
# which are the same. HQA_SKIP_SANITIZE=1 skips this second part.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"

if [[ "${HQA_SKIP_SANITIZE:-0}" != 1 ]]; then
  if [[ ! -f build-sanitize/CMakeCache.txt ]]; then
    CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHQA_SANITIZE=ON \
      >/dev/null
  fi
  cmake --build build-sanitize -j"$(nproc)"
  UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)" -LE "browser|load|layout" "$@"
fi

#!/usr/bin/env bash
# Installs the Debian packages hqa needs to build, test and run (only those missing, so it is
# safe to run again), then configures and builds hqa into build/.
# Runs as root, or through sudo otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
# `scripts/setup.sh --bench` also installs the peers scripts/bench_scale.sh measures hqa against
# (Omega's scriptindex, Lucene 8 with a JDK and Gson, GNU time) and stops after the packages: the
# benchmark builds its own build-bench/.
bench=false
if [[ ${1:-} == --bench ]]; then bench=true; fi

packages=(
  build-essential cmake pkg-config      # toolchain
  libxapian-dev xapian-tools            # the index, and Xapian's own tools (delve, quest)
  libicu-dev                            # segmentation and normalisation
  nlohmann-json3-dev libpugixml-dev     # JSON and XML
  libcli11-dev                          # command-line flags
  libcpp-httplib-dev                    # the HTTP service
  libgtest-dev                          # tests
  clang libclang-rt-dev                 # the sanitized build and libFuzzer (scripts/test.sh, fuzz.sh)
  clang-format clang-tidy git           # the layout check (scripts/check_layout.sh)
  wrk                                   # the load test (scripts/load_test.sh)
  chromium                              # the browser test of the search page
  dpkg-dev file systemd                 # the Debian package (cpack, dpkg-shlibdeps) and its unit
)
# Node.js and npm drive Chromium in the browser test (playwright-core); a machine may already
# have them from elsewhere.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
if $bench; then packages+=(xapian-omega liblucene8-java default-jdk-headless libgoogle-gson-java time); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if $bench; then exit 0; fi

# playwright-core for the browser test, and Ajv with the OpenAPI schemas for the OpenAPI test
# (tests/openapi/validate.js), exactly as package-lock.json pins them.
if [[ ! -d tests/browser/node_modules/playwright-core ]] || [[ ! -d tests/browser/node_modules/ajv ]] ||
   [[ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]]; then
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
fi

build_type="${HQA_BUILD_TYPE:-RelWithDebInfo}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j"$(nproc)"

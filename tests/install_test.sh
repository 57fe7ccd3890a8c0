#!/usr/bin/env bash
# The installed hqa, as a site gets it (CTest install_test, label "install"):
#   1. cmake --install into a scratch prefix: the executables, the synonym lists, the unit;
#   2. cpack -G DEB, then dpkg -x of the package into a scratch root: its control fields and
#      maintainer scripts;
#   3. the installed hqa-index and hqa-search (from the package) index corpus/ and find the
#      measles page first for "is measles contagious", serve /version, and have their synonym
#      lists in ../share/hqa/synonyms (as the build tree does, build/share/hqa/synonyms);
#   4. systemd-analyze verify accepts the unit (skipped, with a message, without systemd-analyze).
# Usage: tests/install_test.sh BUILD_DIR SOURCE_DIR. Exits 77 (skipped) without dpkg or cpack.
set -euo pipefail
build=$(cd "${1:?BUILD_DIR}" && pwd)
source=$(cd "${2:?SOURCE_DIR}" && pwd)
scratch=$(mktemp -d)
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
fail() {
  echo "install_test: FAIL: $*" >&2
  exit 1
}
for tool in cpack dpkg dpkg-deb python3; do
  command -v "$tool" >/dev/null || { echo "install_test: $tool is missing: skipped"; exit 77; }
done
version=$(sed -nE 's/^project\(hqa VERSION ([0-9.]+).*/\1/p' "$source/CMakeLists.txt")
[[ -n $version ]] || fail "no version in project(hqa VERSION ...)"

# 1. cmake --install into a prefix.
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
for file in bin/hqa-index bin/hqa-search share/hqa/synonyms/curated.txt \
  share/hqa/synonyms/wordnet.txt share/hqa/hqa.env lib/systemd/system/hqa-search.service; do
  [[ -e $prefix/$file ]] || fail "cmake --install left out $file"
done
grep -q "^ExecStart=$prefix/bin/hqa-search serve " "$prefix/lib/systemd/system/hqa-search.service" ||
  fail "the unit does not run the hqa-search of its own prefix"

# 2. The Debian package.
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/packages" >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log"; fail "cpack -G DEB failed"; }
deb=$scratch/packages/hqa_${version}_$(dpkg --print-architecture).deb
[[ -f $deb ]] || fail "no $deb (cpack: $(tail -1 "$scratch/cpack.log"))"
[[ $(dpkg-deb -f "$deb" Package) == hqa && $(dpkg-deb -f "$deb" Version) == "$version" ]] ||
  fail "package name or version: $(dpkg-deb -f "$deb" Package Version)"
depends=$(dpkg-deb -f "$deb" Depends)
for needed in libxapian30 libicu adduser; do
  [[ $depends == *"$needed"* ]] || fail "Depends lacks $needed: $depends"
done
dpkg-deb -e "$deb" "$scratch/control"
for script in postinst prerm postrm; do
  [[ -x $scratch/control/$script ]] || fail "no executable $script in the package"
  sh -n "$scratch/control/$script" || fail "$script is not valid sh"
done
root=$scratch/root
dpkg -x "$deb" "$root"
for file in usr/bin/hqa-index usr/bin/hqa-search usr/lib/systemd/system/hqa-search.service \
  usr/share/hqa/hqa.env usr/share/doc/hqa/copyright; do
  [[ -e $root/$file ]] || fail "the package lacks /$file"
done
grep -q '^ExecStart=/usr/bin/hqa-search serve ' "$root/usr/lib/systemd/system/hqa-search.service" ||
  fail "the packaged unit does not run /usr/bin/hqa-search"

# 3. The installed executables on corpus/.
bin=$root/usr/bin
"$bin/hqa-index" --version | grep -qx "hqa-index $version" || fail "hqa-index --version"
"$bin/hqa-search" --version | grep -qx "hqa-search $version" || fail "hqa-search --version"
for dir in "$bin/../share/hqa/synonyms" "$build/bin/../share/hqa/synonyms"; do
  for list in curated.txt wordnet.txt; do
    cmp -s "$dir/$list" "$source/schema/synonyms/$list" || fail "$dir/$list differs from schema/synonyms"
  done
done
# Once the executables read their synonym lists from ../share/hqa/synonyms (hqa-index
# --synonyms arrives with that change), a group added to the installed list must work.
if "$bin/hqa-index" --help | grep -q -- '--synonyms'; then
  # Two words: a single ordinary word is never expanded (searcher/query_builder.cc).
  echo "qqrubeola morbilli | measles" >>"$bin/../share/hqa/synonyms/curated.txt"
  synonyms_read=1
else
  echo "install_test: these executables have their synonym lists built in: the installed lists are checked as files only"
  synonyms_read=0
fi
"$bin/hqa-index" --quiet --index "$scratch/index" "$source/corpus" 2>"$scratch/index.log" ||
  { cat "$scratch/index.log"; fail "the installed hqa-index failed"; }
first_hit() {
  "$bin/hqa-search" --index "$scratch/index" --json "$@" |
    python3 -c 'import json,sys; hits=json.load(sys.stdin)["hits"]; print(hits[0]["id"] if hits else "")'
}
[[ $(first_hit --limit 3 is measles contagious) == 008_measles-contagious ]] ||
  fail "the installed hqa-search does not rank the measles page first"
if ((synonyms_read)); then
  [[ $(first_hit --synonym-weight 1 qqrubeola morbilli) == 008_measles-contagious ]] ||
    fail "a group added to the installed synonyms file is not used"
fi
"$bin/hqa-search" serve --index "$scratch/index" --listen 127.0.0.1:0 >"$scratch/serve.out" 2>&1 &
server=$!
url=""
for _ in $(seq 100); do
  url=$(grep -o 'http://[0-9.:]*' "$scratch/serve.out" || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { cat "$scratch/serve.out"; fail "the installed hqa-search serve did not start"; }
served=$(python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/version"))["hqa"])' "$url")
[[ $served == "$version" ]] || fail "/version says $served, not $version"
kill -TERM "$server"
wait "$server" || fail "hqa-search serve did not stop cleanly on SIGTERM"
server=""

# 4. The unit, as systemd reads it: pointed at the extracted executable, which must exist.
if command -v systemd-analyze >/dev/null; then
  mkdir "$scratch/unit"
  sed "s|/usr/bin/hqa-search|$bin/hqa-search|" "$root/usr/lib/systemd/system/hqa-search.service" \
    >"$scratch/unit/hqa-search.service"
  if ! out=$(systemd-analyze verify "$scratch/unit/hqa-search.service" 2>&1) || [[ -n $out ]]; then
    fail "systemd-analyze verify: $out"
  fi
  echo "install_test: systemd-analyze verify accepts hqa-search.service"
else
  echo "install_test: systemd-analyze is not available: the unit was not verified"
fi
echo "install_test: hqa $version installs, packages (Depends: $depends) and runs from the package"

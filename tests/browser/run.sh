#!/usr/bin/env bash
# The browser test: indexes corpus/ (plus one hostile document), starts `hqa-search serve` on a
# free loopback port, and runs search_page.test.js in Debian's Chromium. Exits 77 (skipped, with
# a message) where Chromium or playwright-core is not installed.
#   run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
here="$source/tests/browser"
chromium=$(command -v chromium || true)
if [[ -z $chromium ]]; then echo "SKIP: chromium is not installed (scripts/setup.sh installs it)"; exit 77; fi
if ! command -v node >/dev/null; then echo "SKIP: node is not installed"; exit 77; fi
if [[ ! -d $here/node_modules/playwright-core ]]; then
  echo "SKIP: playwright-core is not installed (scripts/setup.sh runs npm ci in tests/browser)"; exit 77
fi

work=$(mktemp -d)
server=""
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$build/bin/hqa-index" --quiet --index "$work/index" "$source/corpus"
printf '%s\n' '{"id":"hostile","question":"zzhostile <script>alert(1)</script> \"><img src=x onerror=alert(2)>?","answer":"zzhostile <script>alert(3)</script> text","url":"javascript:alert(4)","condition":"<b>bold</b>"}' |
  "$build/bin/hqa-index" --quiet --index "$work/index" -

"$build/bin/hqa-search" serve --index "$work/index" --listen 127.0.0.1:0 >"$work/out" 2>"$work/log" &
server=$!
url=""
for _ in $(seq 100); do
  url=$(grep -o 'http://[0-9.:]*/' "$work/out" || true)
  [[ -n $url ]] && break
  sleep 0.1
done
if [[ -z $url ]]; then echo "the server did not start:"; cat "$work/log"; exit 1; fi

shots="$build/browser-screenshots"
mkdir -p "$shots"
HQA_URL=$url HQA_SCREENSHOTS=$shots HQA_CHROMIUM=$chromium node --test "$here/search_page.test.js"
echo "screenshots in $shots"

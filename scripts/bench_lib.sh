# Helpers the benchmark scripts share (sourced, not run): bench_scale.sh, bench_peers.sh and
# bench_floor.sh. They expect $work (a scratch folder) and $bench_name (for messages).

# timed COMMAND...: runs it under /usr/bin/time; sets wall, cpu (user + sys) and rss_mb.
timed() {
  local status=0
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
  if ((status > 1)); then
    echo "$bench_name: failed ($status): $*" >&2
    cat "$work/stderr" >&2
    exit 2
  fi
  read -r wall user sys rss < <(tail -1 "$work/time")
  cpu=$(awk "BEGIN{print $user + $sys}")
  rss_mb=$((rss / 1024))
}

# Disk usage in decimal MB, as the input's size is counted (du -sm counts MiB, which understated
# the ratio to the text by 4.9% until stop 10).
mb() { du -sB1 "$1" | awk '{printf "%.1f", $1 / 1e6}'; }

# prepare_hqa_and_lucene TARGET...: installs the peers when missing (scripts/setup.sh --bench),
# builds the hqa targets Release into $out, compiles bench/peers/LuceneBench.java into
# $out/peers and sets classpath for running it.
prepare_hqa_and_lucene() {
  local jars=(/usr/share/java/lucene-{core,analyzers-common,queryparser,highlighter,queries,memory}-8*.jar
    /usr/share/java/gson.jar)
  if ! command -v javac >/dev/null || ! ls "${jars[@]}" >/dev/null 2>&1 || [[ ! -x /usr/bin/time ]]; then
    scripts/setup.sh --bench
    jars=(/usr/share/java/lucene-{core,analyzers-common,queryparser,highlighter,queries,memory}-8*.jar
      /usr/share/java/gson.jar)
  fi
  cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=Release >"$work/build.log" 2>&1 &&
    cmake --build "$out" -j2 --target "$@" >>"$work/build.log" 2>&1 ||
    { tail -30 "$work/build.log" >&2; echo "$bench_name: the build failed" >&2; exit 2; }
  classpath=$(printf '%s:' "${jars[@]}")$out/peers
  javac -nowarn -d "$out/peers" -cp "$classpath" bench/peers/LuceneBench.java
}

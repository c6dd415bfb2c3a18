#!/usr/bin/env bash
# bench/run.sh SITREP BUILD — speed, memory and start-up of `sitrep extract`.
#
# Builds a JSON-lines corpus of at least $SITREP_BENCH_MB (default 50) MB by
# repeating the development articles (../shared/eval/dev/*.jsonl beside the
# source tree, or $SITREP_DEV_DIR) with varied ids and dates, or the bundled
# examples when those are absent; times `sitrep extract` over it on one core
# next to `wc -w` on the same file, and reports articles/s, MB/s, the ratio to
# wc, peak resident memory and start-up time, with the reading and writing
# and the lexicon scan timed alone.  Run it through the build:
#   cmake --build build --target bench
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: bench/run.sh SITREP BUILD_DIR" >&2
  exit 2
fi
sitrep=$(realpath "$1")
build=$(realpath "$2")
src=$(cd "$(dirname "$0")/.." && pwd)
mb=${SITREP_BENCH_MB:-50}

cmake --build "$build" --target bench_mkcorpus bench_rusage bench_startup_extract bench_io_speed \
  bench_lexicon_scan >/dev/null

dev=${SITREP_DEV_DIR:-$src/../shared/eval/dev}
shopt -s nullglob
dev=$(realpath -m "$dev")
inputs=("$dev"/*.jsonl)
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=("$src/examples/articles.jsonl")
fi
work="$build/bench"
mkdir -p "$work"
corpus="$work/corpus.jsonl"

pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
  pin=(taskset -c 0)
fi

echo "== corpus"
echo "\$ $build/bench_mkcorpus $corpus $mb ${inputs[*]}"
"$build/bench_mkcorpus" "$corpus" "$mb" "${inputs[@]}"
bytes=$(stat -c %s "$corpus")
articles=$(wc -l <"$corpus")
cat "$corpus" >/dev/null # the page cache holds it for both runs

# field NAME FILE: a value from a bench_rusage report.
field() { grep -o "$1=[0-9.]*" "$2" | tail -1 | cut -d= -f2; }

echo
echo "== sitrep extract (one core)"
echo "\$ ${pin[*]} $sitrep extract $corpus > $work/out.jsonl"
set +e
"${pin[@]}" "$build/bench_rusage" -o "$work/out.jsonl" -- "$sitrep" extract "$corpus" \
  2>"$work/extract.err"
rc=$?
set -e
grep -v '^wall_s=' "$work/extract.err" | sort | uniq -c | sort -rn | head -5 || true
grep '^wall_s=' "$work/extract.err"
if [ "$rc" -ne 0 ]; then
  echo "sitrep extract exited with $rc" >&2
fi
out_lines=$(wc -l <"$work/out.jsonl")
events=$( (grep -o '"event_date": ' "$work/out.jsonl" || true) | wc -l)
ex_wall=$(field wall_s "$work/extract.err")
ex_user=$(field user_s "$work/extract.err")
ex_sys=$(field sys_s "$work/extract.err")
ex_rss=$(field maxrss_kb "$work/extract.err")

echo
echo "== reading and writing alone (one core)"
echo "\$ ${pin[*]} $build/bench_io_speed $corpus"
"${pin[@]}" "$build/bench_io_speed" "$corpus" | tee "$work/io.txt"

echo
echo "== the lexicon scan alone (one core)"
echo "\$ ${pin[*]} $build/bench_lexicon_scan $corpus 1"
"${pin[@]}" "$build/bench_lexicon_scan" "$corpus" 1

echo
echo "== wc -w on the same file (one core)"
echo "\$ ${pin[*]} wc -w $corpus"
"${pin[@]}" "$build/bench_rusage" -- wc -w "$corpus" 2>"$work/wc.err"
grep '^wall_s=' "$work/wc.err"
wc_wall=$(field wall_s "$work/wc.err")

echo
echo "== start-up"
echo "\$ $build/bench_startup_extract '' 50"
"$build/bench_startup_extract" "" 50 | tee "$work/startup.txt"
startup=$(grep -o 'median [0-9.]*' "$work/startup.txt" | head -1 | cut -d' ' -f2)
# The whole process on one article: exec, lexicon map, extract, exit.
head -1 "$corpus" >"$work/one.jsonl"
echo "\$ $sitrep extract $work/one.jsonl   (x20, whole process)"
for i in $(seq 20); do
  "$build/bench_rusage" -- "$sitrep" extract "$work/one.jsonl" 2>&1 | grep -o 'wall_s=[0-9.]*'
done | cut -d= -f2 | sort -n >"$work/proc.txt"
proc=$(sed -n 10p "$work/proc.txt")

echo
echo "== summary"
awk -v bytes="$bytes" -v arts="$articles" -v outl="$out_lines" -v ev="$events" \
    -v wall="$ex_wall" -v user="$ex_user" -v sys="$ex_sys" -v rss="$ex_rss" -v wcw="$wc_wall" \
    -v st="$startup" -v proc="$proc" 'BEGIN {
  if (wall <= 0) wall = 0.001; if (wcw <= 0) wcw = 0.001
  mbs = bytes / 1e6 / wall
  printf "corpus          %.1f MB, %d articles (%d output lines, %d events)\n", bytes / 1e6, arts, outl, ev
  cpu = user + sys; if (cpu <= 0) cpu = 0.001
  printf "extract         %.2f s wall, %.2f s user: %.0f articles/s, %.1f MB/s\n", wall, user, arts / wall, mbs
  printf "                by CPU time (fairer on a busy machine): %.0f articles/s, %.1f MB/s\n", arts / cpu, bytes / 1e6 / cpu
  printf "wc -w           %.2f s: %.1f MB/s; extract takes %.1fx the time of wc -w\n", wcw, bytes / 1e6 / wcw, wall / wcw
  printf "peak memory     %.1f MB\n", rss / 1024
  printf "start-up        %.2f ms in-process (median), %.1f ms whole process\n", st, proc * 1000
  # Per-core speed is judged on CPU time: on a shared machine the wall clock
  # also counts the time the pinned core spent running other programs.
  cmbs = bytes / 1e6 / cpu
  printf "goals           speed >= 20 MB/s per core (CPU time): %s; memory < 150 MB: %s; start-up < 20 ms: %s\n",
         (cmbs >= 20 ? "met" : "NOT met"), (rss / 1024 < 150 ? "met" : "NOT met"),
         (st < 20 ? "met" : "NOT met")
}'
if [ "$out_lines" -ne "$articles" ]; then
  echo "warning: $articles articles in, $out_lines lines out" >&2
fi

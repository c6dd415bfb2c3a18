#!/usr/bin/env bash
# bench/ingest.sh SITREP BUILD — speed of the event database.
#
#  1. Ingest of $SITREP_BENCH_DOCS documents (a list; default "10000 100000",
#     each size a run of its own) — the
#     development articles (../shared/eval/dev/*.jsonl beside the source tree,
#     or $SITREP_DEV_DIR; the store fixtures when those are absent) repeated
#     with varied ids, dates and first lines — into a new SQLite database with
#     extraction and merging, beside extraction alone in the same run, as
#     documents per CPU second on one core, and what storing and merging
#     cost as a multiple of extraction (the target is below 1).
#  2. `sitrep events` filtered by country and one month over
#     $SITREP_BENCH_EVENTS (default 1000000) stored events, timed as a
#     command (cold start included); the target is under 100 ms.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: bench/ingest.sh SITREP BUILD_DIR" >&2
  exit 2
fi
sitrep=$(realpath "$1")
build=$(realpath "$2")
src=$(cd "$(dirname "$0")/.." && pwd)
docs=${SITREP_BENCH_DOCS:-10000 100000}
events=${SITREP_BENCH_EVENTS:-1000000}
cmake --build "$build" --target bench_ingest >/dev/null

dev=${SITREP_DEV_DIR:-$src/../shared/eval/dev}
shopt -s nullglob
inputs=("$(realpath -m "$dev")"/*.jsonl)
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=("$src/tests/fixtures/store/reports.jsonl")
fi
work="$build/bench"
mkdir -p "$work"

for n in $docs; do
  echo "== ingest: $n documents from ${#inputs[@]} input file(s)"
  "$build/bench_ingest" docs "$n" "$work/ingest.db" "${inputs[@]}"
done

echo "== query: $events events"
"$build/bench_ingest" events "$events" "$work/events.db"
best=
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$sitrep" events --db "$work/events.db" --country ML --since 2020-03-01 --until 2020-03-31 \
    --format jsonl >"$work/query.out"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "sitrep events --country ML --since 2020-03-01 --until 2020-03-31: $(wc -l <"$work/query.out") events, best of 5: $best ms (target < 100 ms)"
rm -f "$work/ingest.db"* "$work/events.db"*

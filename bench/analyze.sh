#!/usr/bin/env bash
# bench/analyze.sh SITREP BUILD_DIR [N] — times trend, rank, alerts and report
# over N synthetic events (default 1,000,000) written by bench_analyze_gen.
# Targets: trend, rank and alerts under 1 s; report for one country and one
# week under 2 s.  The database is kept in BUILD_DIR/bench/ between runs.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: bench/analyze.sh SITREP BUILD_DIR [N]" >&2
  exit 2
fi
sitrep=$(realpath "$1")
build=$(realpath "$2")
n=${3:-1000000}
mkdir -p "$build/bench"
db="$build/bench/analyze-$n.db"
if [ ! -f "$db" ]; then
  echo "writing $n events to $db ..."
  "$build/bench_analyze_gen" "$db" "$n" 1
fi
run() { # LABEL LIMIT ARGS...
  local label=$1 limit=$2; shift 2
  local t0 t1
  t0=$(date +%s.%N)
  "$sitrep" "$@" --db "$db" >/dev/null
  t1=$(date +%s.%N)
  awk -v l="$label" -v a="$t0" -v b="$t1" -v lim="$limit" \
    'BEGIN { d = b - a; printf "%-44s %6.3f s  (target < %s s)%s\n", l, d, lim, d < lim ? "" : "  SLOW" }'
}
echo "$n events:"
run "trend, all events, by week" 1 trend
run "trend --country ML --per day" 1 trend --country ML --per day
run "rank --actor 'Military Forces of Mali'" 1 rank --date 2026-11-23 --actor "Military Forces of Mali"
run "alerts (every detector, every region)" 1 alerts
run "report --country ML --period 7d (md)" 2 report --country ML --period 7d
run "report --country ML --period 7d (html)" 2 report --country ML --period 7d --format html

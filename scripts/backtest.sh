#!/usr/bin/env bash
# scripts/backtest.sh [SITREP] [BACKTEST OPTIONS...] — the forecast back-test on
# the UCDP GED history of Burkina Faso.
#
# Imports ../shared/data/ucdp/ged_burkina_faso.csv (or $SITREP_UCDP) into a
# temporary database with `sitrep import ucdp` and runs `sitrep backtest` on
# it: MAE, RMSE and CRPS per horizon (1-3 months) for the model and the
# all-zero, last-value and bootstrap baselines, for violent events and their
# fatalities per region and month.  SITREP defaults to build/sitrep.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
sitrep=${1:-$src/build/sitrep}
[ $# -gt 0 ] && shift
data=${SITREP_UCDP:-$src/../shared/data/ucdp/ged_burkina_faso.csv}
if [ ! -f "$data" ]; then
  echo "backtest: no UCDP file at $data (set SITREP_UCDP)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$sitrep" import ucdp "$data" --db "$tmp/ucdp.db" >&2
"$sitrep" backtest --db "$tmp/ucdp.db" "$@"

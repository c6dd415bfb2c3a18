#!/usr/bin/env bash
# Scores `sitrep extract` on a held-out gold set in tests/fixtures/SET/, so
# the score estimates how the extraction rules do on reports they were not
# tuned on:
#   heldout   thirty articles written and annotated apart from the
#             development set (the default)
#   heldout2  thirty more, apart from the development set and from heldout,
#             kept as the final estimate (scripts/eval-heldout2.sh)
# Usage: eval-heldout.sh [--set SET] [SITREP_BINARY]   (default build/sitrep)
# Prints the scorer's report for all events, then for violent events only
# (--violent).  Extra scorer flags (--per-doc, --json) go in EVAL_FLAGS.
# Exits 0 without scoring when the shared scorer is not on this machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
set_name=heldout
if [ "${1:-}" = "--set" ]; then
    if [ $# -lt 2 ]; then
        echo "eval-heldout: --set needs a set name (heldout, heldout2)" >&2
        exit 2
    fi
    set_name=$2
    shift 2
fi
me=eval-$set_name
bin=${1:-$repo/build/sitrep}
gold=$repo/tests/fixtures/$set_name/articles.jsonl
if [ ! -f "$gold" ]; then
    echo "$me: no gold set at $gold" >&2
    exit 2
fi
eval_dir=${SITREP_EVAL_DIR:-$here/../../shared/eval}
if [ ! -f "$eval_dir/score.py" ]; then
    echo "$me: no scorer at $eval_dir/score.py; nothing scored"
    exit 0
fi
if [ ! -x "$bin" ]; then
    echo "$me: $bin is not an executable sitrep binary" >&2
    exit 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" extract "$gold" >"$out"
echo "== $set_name"
python3 "$eval_dir/score.py" "$gold" "$out" ${EVAL_FLAGS:-}
echo "== $set_name (violent events only)"
python3 "$eval_dir/score.py" "$gold" "$out" --violent ${EVAL_FLAGS:-}

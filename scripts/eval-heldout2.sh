#!/usr/bin/env bash
# Scores `sitrep extract` on the second held-out gold in tests/fixtures/heldout2/:
# thirty articles written and annotated apart from the development set and
# from the first held-out set, kept as the final estimate of how the
# extraction rules do on reports they were not tuned on.
# Usage: eval-heldout2.sh [SITREP_BINARY]   (default build/sitrep)
# Prints the scorer's report for all events, then for violent events only
# (--violent). Extra scorer flags (--per-doc, --json) go in EVAL_FLAGS.
# Exits 0 without scoring when the shared scorer is not on this machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${1:-$repo/build/sitrep}
gold=$repo/tests/fixtures/heldout2/articles.jsonl
eval_dir=${SITREP_EVAL_DIR:-$here/../../shared/eval}
if [ ! -f "$eval_dir/score.py" ]; then
    echo "eval-heldout2: no scorer at $eval_dir/score.py; nothing scored"
    exit 0
fi
if [ ! -x "$bin" ]; then
    echo "eval-heldout2: $bin is not an executable sitrep binary" >&2
    exit 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" extract "$gold" >"$out"
echo "== heldout2"
python3 "$eval_dir/score.py" "$gold" "$out" ${EVAL_FLAGS:-}
echo "== heldout2 (violent events only)"
python3 "$eval_dir/score.py" "$gold" "$out" --violent ${EVAL_FLAGS:-}

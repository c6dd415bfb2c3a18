#!/usr/bin/env bash
# Scores `sitrep extract` against the development gold: runs the binary given
# as $1 over the shared articles and clusters sets and prints the scorer's
# report for each, then over the project's own held-out set
# (tests/fixtures/heldout, written apart from the development texts: the
# gap between the two says how well the rules generalise; see its README).
# Exits 0 without scoring when the shared evaluation data is not on this
# machine.
set -euo pipefail
bin=${1:?usage: eval.sh SITREP_BINARY}
eval_dir=${SITREP_EVAL_DIR:-$(cd "$(dirname "$0")/.." && pwd)/../shared/eval}
if [ ! -d "$eval_dir/dev" ] || [ ! -f "$eval_dir/score.py" ]; then
    echo "eval: no evaluation data at $eval_dir; nothing scored"
    exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for set in articles clusters; do
    gold="$eval_dir/dev/$set.jsonl"
    [ -f "$gold" ] || continue
    "$bin" extract "$gold" >"$out/$set.jsonl"
    echo "== $set"
    python3 "$eval_dir/score.py" "$gold" "$out/$set.jsonl" ${EVAL_FLAGS:-}
done
heldout="$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures/heldout/articles.jsonl"
if [ -f "$heldout" ]; then
    "$bin" extract "$heldout" >"$out/heldout.jsonl"
    echo "== heldout (tests/fixtures/heldout: written apart from the development set)"
    python3 "$eval_dir/score.py" "$heldout" "$out/heldout.jsonl" ${EVAL_FLAGS:-}
fi

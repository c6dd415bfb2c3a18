#!/usr/bin/env bash
# Scores `sitrep extract` on the held-out gold in tests/fixtures/heldout/:
# thirty articles written and annotated apart from the development set, so
# the score estimates how the extraction rules do on reports they were not
# tuned on.  Usage: eval-heldout.sh [SITREP_BINARY] (default build/sitrep).
# Extra scorer flags (--per-doc, --violent, --json) go in EVAL_FLAGS.
# Exits 0 without scoring when the shared scorer is not on this machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${1:-$repo/build/sitrep}
gold=$repo/tests/fixtures/heldout/articles.jsonl
eval_dir=${SITREP_EVAL_DIR:-$here/../../shared/eval}
if [ ! -f "$eval_dir/score.py" ]; then
    echo "eval-heldout: no scorer at $eval_dir/score.py; nothing scored"
    exit 0
fi
if [ ! -x "$bin" ]; then
    echo "eval-heldout: $bin is not an executable sitrep binary" >&2
    exit 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" extract "$gold" >"$out"
echo "== heldout"
python3 "$eval_dir/score.py" "$gold" "$out" ${EVAL_FLAGS:-}

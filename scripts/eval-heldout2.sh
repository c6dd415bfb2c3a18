#!/usr/bin/env bash
# Scores `sitrep extract` on the second held-out gold in tests/fixtures/heldout2/
# (see eval-heldout.sh).  Usage: eval-heldout2.sh [SITREP_BINARY]
exec "$(dirname "$0")/eval-heldout.sh" --set heldout2 "$@"

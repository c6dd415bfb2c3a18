#!/usr/bin/env bash
# test_ingest_crash.sh — crash safety and concurrency of ingest.
#
# A folder of generated reports is ingested and killed with SIGKILL at random
# moments (25 times), then ingested to the end: every document must be
# stored exactly once, with no orphan mentions or events, the database must
# pass its integrity check, and the events must equal those of a clean
# ingest.  Two processes ingesting halves of the folder into one database at
# once must both succeed with the same result.  A writer held up past its
# busy timeout fails with a clear message; within it, it waits and says so.
set -u
SITREP=${SITREP:?}
T=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$T"' EXIT
fails=0
check() {
    local name=$1; shift
    if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}

# --- a folder of 1200 distinct reports, 12 per file ---------------------------
mkdir -p "$T/in/a" "$T/in/b"
awk -v dir="$T/in" 'BEGIN {
    split("Djibo Boulkessi Menaka Gao Ansongo Dioura Mopti Sevare Diabaly Arbinda Kaya Dori", town, " ");
    split("gunmen|armed men|suspected jihadists|JNIM fighters|militants", who, "|");
    split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", day, " ");
    for (i = 0; i < 1200; i++) {
        f = sprintf("%s/%s/batch%03d.jsonl", dir, (i % 2 ? "a" : "b"), int(i / 12));
        t = town[i % 12 + 1]; w = who[i % 5 + 1]; d = day[i % 7 + 1];
        m = 1 + int(i / 28) % 12; dd = 1 + i % 28;
        printf("{\"id\": \"gen-%04d\", \"published\": \"2024-%02d-%02d\", \"title\": \"%d killed near %s\", \"text\": \"%s attacked a position near %s on %s, killing %d people, officials said in report number %d. Residents said the attackers left before reinforcements arrived.\"}\n",
               i, m, dd, 3 + i % 40, t, w, t, d, 3 + i % 40, i) >> f;
    }
}'
nfiles=$(find "$T/in" -type f | wc -l)
check "generated $nfiles input files" test "$nfiles" -eq 200

strip() { sed 's/^{"id":[0-9]*,//' "$1" | sort; }

# --- reference: a clean ingest --------------------------------------------------
"$SITREP" ingest --quiet --db "$T/ref.db" "$T/in" || { echo "FAIL reference ingest"; exit 1; }
"$SITREP" events --db "$T/ref.db" --format jsonl >"$T/ref.jsonl"
strip "$T/ref.jsonl" >"$T/ref.sorted"
check "reference has events" test -s "$T/ref.sorted"

# --- kill -9 at random moments ----------------------------------------------------
start=$SECONDS
for k in $(seq 1 25); do
    "$SITREP" ingest --quiet --db "$T/crash.db" "$T/in" 2>/dev/null &
    pid=$!
    sleep "0.$(( (RANDOM % 40) + 2 ))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
done
"$SITREP" ingest --quiet --db "$T/crash.db" "$T/in"
check "ingest after 25 kills completes" test $? -eq 0
"$SITREP" ingest --db "$T/crash.db" --check >"$T/check" 2>&1
check "integrity and no orphans after kills" grep -q "^ok documents=1200 " "$T/check"
"$SITREP" events --db "$T/crash.db" --format jsonl >"$T/crash.jsonl"
strip "$T/crash.jsonl" >"$T/crash.sorted"
check "events after kills equal a clean ingest" cmp -s "$T/ref.sorted" "$T/crash.sorted"
echo "     (kill loop took $((SECONDS - start)) s)"

# --- two writers at once ----------------------------------------------------------
# (a long busy timeout: on a loaded machine a writer may wait for many of
# the other's batches; both starting on a new file is part of the test)
"$SITREP" ingest --quiet --busy-timeout 120000 --db "$T/two.db" "$T/in/a" 2>"$T/a.err" &
pa=$!
"$SITREP" ingest --quiet --busy-timeout 120000 --db "$T/two.db" "$T/in/b" 2>"$T/b.err" &
pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
check "both concurrent ingests succeed" test "$ra$rb" = "00"
[ "$ra$rb" = "00" ] || cat "$T/a.err" "$T/b.err"
"$SITREP" ingest --db "$T/two.db" --check >"$T/check2" 2>&1
check "concurrent ingests store every document once" grep -q "^ok documents=1200 " "$T/check2"
"$SITREP" events --db "$T/two.db" --format jsonl >"$T/two.jsonl"
strip "$T/two.jsonl" >"$T/two.sorted"
check "concurrent ingests give the same events" cmp -s "$T/ref.sorted" "$T/two.sorted"

# --- a database locked by another process -----------------------------------------
if command -v sqlite3 >/dev/null; then
    printf 'Date: 2024-03-01\n\nGunmen killed two farmers near Kaya on Thursday.\n' >"$T/one.txt"
    # The holder takes the write lock, says so through a file, and keeps
    # it until told to let go: no step depends on how fast anything starts
    # (on a busy machine a fixed sleep may end before the lock is taken or
    # after it is released).
    (echo "BEGIN IMMEDIATE;"; echo ".shell touch '$T/locked'"
     for _ in $(seq 1 600); do [ -e "$T/release" ] && break; sleep 0.1; done
     echo "COMMIT;") | sqlite3 "$T/ref.db" &
    holder=$!
    for _ in $(seq 1 600); do [ -e "$T/locked" ] && break; sleep 0.1; done
    check "the lock is held" test -e "$T/locked"
    "$SITREP" ingest --quiet --busy-timeout 300 --db "$T/ref.db" "$T/one.txt" 2>"$T/lock.err"
    check "locked database: exit 1" test $? -eq 1
    check "locked database: says so" grep -q "locked by another process" "$T/lock.err"
    check "locked database: says it waited" grep -q "waiting" "$T/lock.err"
    "$SITREP" ingest --quiet --busy-timeout 60000 --db "$T/ref.db" "$T/one.txt" 2>"$T/wait.err" &
    writer=$!
    for _ in $(seq 1 600); do grep -q "waiting" "$T/wait.err" 2>/dev/null && break; sleep 0.1; done
    check "a writer within the timeout says it waits" grep -q "waiting" "$T/wait.err"
    touch "$T/release"
    wait "$writer"
    check "a writer within the timeout waits and succeeds" test $? -eq 0
    wait "$holder"
    "$SITREP" ingest --db "$T/ref.db" --check >"$T/check3" 2>&1
    check "nothing lost while locked" grep -q "^ok documents=1201 " "$T/check3"
fi

echo "$fails failure(s)"
[ "$fails" -eq 0 ]

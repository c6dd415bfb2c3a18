#!/usr/bin/env bash
# test_store.sh — sitrep ingest / events / show / import on the fixtures:
# every format read, documents stored once, bad inputs skipped and named,
# exports in every format, UCDP history imported idempotently.
set -u
SITREP=${SITREP:?} SRC=${SITREP_SRC:?}
F="$SRC/tests/fixtures/store"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB="$T/t.db"
fails=0
check() { # check NAME COND...
    local name=$1; shift
    if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
contains() { grep -q -- "$2" "$1"; }

# --- ingest every kind of input --------------------------------------------
"$SITREP" ingest --db "$DB" --json "$F/reports.jsonl" "$F/article.html" "$F/feed.rss" \
    "$F/feed.atom" "$F/dated.txt" >"$T/sum.json" 2>"$T/err"
check "ingest of good inputs exits 0" test $? -eq 0
check "json summary counts documents" contains "$T/sum.json" '"documents_seen":8,"stored":8'
check "no warnings for dated inputs" test ! -s "$T/err"

# the same again: nothing new
"$SITREP" ingest --db "$DB" --json "$F/reports.jsonl" "$F/reports.jsonl.gz" >"$T/sum2.json" 2>&1
check "re-ingest stores nothing new" contains "$T/sum2.json" '"stored":0,"duplicates":6'

# --- bad inputs: skipped, named, counted, exit 1 -----------------------------
"$SITREP" ingest --db "$DB" --json "$F/not-a-feed.rss" "$F/truncated.jsonl.gz" \
    "$F/malformed.html" "$F/nodate.txt" "$F/folder" "$T/missing.txt" >"$T/bad.json" 2>"$T/bad.err"
check "bad inputs exit 1" test $? -eq 1
check "feed that is not XML is named" contains "$T/bad.err" "not-a-feed.rss: not a well-formed XML feed"
check "truncated gzip is named" contains "$T/bad.err" "truncated.jsonl.gz: truncated gzip stream"
check "binary file in a folder is named" contains "$T/bad.err" "image.bin: binary file, skipped"
check "undated document is stored with a warning" contains "$T/bad.err" "nodate.txt: no publication date"
check "missing file is named" contains "$T/bad.err" "missing.txt"
check "malformed HTML is still read" contains "$T/bad.json" '"skipped_reasons":{"binary":1,"malformed":2'
check "every message is one line naming the input" \
    bash -c "! grep -v '^sitrep ingest: ' '$T/bad.err'"
"$SITREP" ingest --db "$DB" --check >"$T/check" 2>&1
check "database consistent after bad inputs" contains "$T/check" "^ok documents=10 "

# stdin
printf 'Date: 2025-01-09\n\nArmed men killed four traders near Gao on Wednesday, witnesses said.\n' |
    "$SITREP" ingest --db "$DB" --quiet - 2>"$T/stdin.err"
check "stdin ingest" test $? -eq 0
"$SITREP" ingest --db "$DB" --check >"$T/check" 2>&1
check "stdin document stored" contains "$T/check" "^ok documents=11 "

# --- events in every format ----------------------------------------------------
"$SITREP" events --db "$DB" --format jsonl >"$T/ev.jsonl"
check "events jsonl has sources" contains "$T/ev.jsonl" '"sources":\["'
n=$(wc -l <"$T/ev.jsonl")
check "events exist" test "$n" -ge 1
"$SITREP" events --db "$DB" >"$T/ev.default"
check "jsonl is the default off a terminal" cmp -s "$T/ev.jsonl" "$T/ev.default"
"$SITREP" events --db "$DB" --format csv >"$T/ev.csv"
check "csv header is ACLED's" contains "$T/ev.csv" \
    "^event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,inter1,actor2,inter2,interaction,civilian_targeting,iso,country,admin1,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp$"
check "csv source column names the outlets" contains "$T/ev.csv" "example.org"
check "csv rows" test "$(($(wc -l <"$T/ev.csv") - 1))" -eq "$n"
"$SITREP" events --db "$DB" --format geojson >"$T/ev.geojson"
check "geojson is a FeatureCollection" contains "$T/ev.geojson" '"FeatureCollection"'
"$SITREP" events --db "$DB" --format cameo >"$T/ev.tsv"
check "cameo has GDELT column names" contains "$T/ev.tsv" $'^GLOBALEVENTID\tSQLDATE'
"$SITREP" events --db "$DB" --format hxl >"$T/ev.hxl"
check "hxl second row holds hashtags" bash -c "sed -n 2p '$T/ev.hxl' | grep -q '^#event+id,#date'"
"$SITREP" events --db "$DB" --format table >"$T/ev.table"
check "table ends with a count" contains "$T/ev.table" "events)$"

# filters
"$SITREP" events --db "$DB" --since 2099-01-01 --format jsonl >"$T/none"
check "since in the future gives nothing" test ! -s "$T/none"
"$SITREP" events --db "$DB" --source fx-001 --format jsonl >"$T/src"
check "source filter" contains "$T/src" '"fx-001"'
"$SITREP" events --db "$DB" --bbox 200,0,1,1 2>"$T/bbox.err"
check "bad bbox is a usage error" test $? -eq 2
"$SITREP" events --db "$DB" --format xml 2>/dev/null
check "unknown format is a usage error" test $? -eq 2
"$SITREP" events --db "$DB" --since yesterday 2>/dev/null
check "bad date is a usage error" test $? -eq 2
"$SITREP" events --db "$T/absent.db" 2>"$T/absent.err"
check "absent database is named" contains "$T/absent.err" "absent.db: no such database"

# --- show -------------------------------------------------------------------------
id=$(head -1 "$T/ev.jsonl" | sed 's/^{"id":\([0-9]*\).*/\1/')
"$SITREP" show --db "$DB" "$id" >"$T/show"
check "show prints the event and its sources" contains "$T/show" "^Sources ("
check "show prints evidence or figures" bash -c "grep -q 'reports:' '$T/show'"
"$SITREP" show --db "$DB" --json "$id" >"$T/show.json"
check "show --json lists the sources with their reports" contains "$T/show.json" '"reports": \['
"$SITREP" show --db "$DB" 999999 2>"$T/show.err"
check "show of an unknown event fails" test $? -eq 1

# --- UCDP import --------------------------------------------------------------------
"$SITREP" import ucdp --db "$DB" --json "$F/ucdp_sample.csv" >"$T/imp.json" 2>"$T/imp.err"
check "import skips the bad row and exits 1" test $? -eq 1
check "import counts" contains "$T/imp.json" '"rows":3,"created":2,"updated":0,"skipped":1'
check "bad row named with its line" contains "$T/imp.err" "ucdp_sample.csv:.*type_of_violence"
"$SITREP" import ucdp --db "$DB" --json "$F/ucdp_sample.csv" >"$T/imp2.json" 2>/dev/null
check "re-import changes nothing" contains "$T/imp2.json" '"created":0,"updated":2'
"$SITREP" events --db "$DB" --origin ucdp --format csv >"$T/ucdp.csv"
check "ucdp events are queryable" test "$(grep -c '^BFA[0-9]' "$T/ucdp.csv")" -eq 2
check "ucdp rows keep quoted line breaks" contains "$T/ucdp.csv" '^in two attacks",25,'
check "ucdp region-level place named as the region" contains "$T/ucdp.csv" ',Sahel,Sahel,14.00000,-0.50000,3,'

"$SITREP" events --db "$DB" --country BF --since 2023-01-01 --until 2023-01-31 --format jsonl >"$T/bf"
check "ucdp events filtered by country and date" test "$(wc -l <"$T/bf")" -eq 2
# ACLED-style CSV: our own export imports back as history
"$SITREP" events --db "$DB" --origin extracted --format csv >"$T/ours.csv"
nours=$(grep -c '^[A-Z][A-Z][A-Z][0-9]*,[0-9]' "$T/ours.csv")   # events with a date
"$SITREP" import csv --db "$T/acled.db" --json "$T/ours.csv" >"$T/acled.json"
check "ACLED-style csv imports dated events" contains "$T/acled.json" "\"created\":$nours,"
"$SITREP" import csv --db "$T/acled.db" --json "$T/ours.csv" >"$T/acled2.json"
check "ACLED-style csv re-import changes nothing" contains "$T/acled2.json" '"created":0,'
"$SITREP" events --db "$T/acled.db" --origin import --format jsonl >"$T/acled.jsonl"
check "imported events keep their figures" test "$(wc -l <"$T/acled.jsonl")" -eq "$nours"
"$SITREP" import csv --db "$T/acled.db" "$F/ucdp_sample.csv" 2>"$T/notacled.err"
check "a UCDP file is not an ACLED file" contains "$T/notacled.err" "not an ACLED-style event CSV"
if [ -f /work/shared/data/ucdp/ged_burkina_faso.csv ]; then
    "$SITREP" import ucdp --db "$T/ged.db" --json /work/shared/data/ucdp/ged_burkina_faso.csv >"$T/ged.json"
    check "the real GED extract imports whole" contains "$T/ged.json" '"rows":1504,"created":1504'
fi

# --- the development clusters: order and repetition change nothing -----------------
CL=/work/shared/eval/dev/clusters.jsonl
if [ -f "$CL" ]; then
    "$SITREP" ingest --quiet --db "$T/fwd.db" "$CL"
    tac "$CL" >"$T/rev.jsonl"
    "$SITREP" ingest --quiet --db "$T/rev.db" "$T/rev.jsonl"
    "$SITREP" events --db "$T/fwd.db" --format jsonl >"$T/fwd.jsonl"
    "$SITREP" events --db "$T/rev.db" --format jsonl >"$T/rev.events"
    sed 's/^{"id":[0-9]*,//' "$T/fwd.jsonl" | sort >"$T/fwd.sorted"
    sed 's/^{"id":[0-9]*,//' "$T/rev.events" | sort >"$T/rev.sorted"
    check "reverse order gives the same events" cmp -s "$T/fwd.sorted" "$T/rev.sorted"
    "$SITREP" ingest --quiet --db "$T/fwd.db" "$T/rev.jsonl"
    "$SITREP" events --db "$T/fwd.db" --format jsonl >"$T/again.jsonl"
    check "ingesting again changes nothing" cmp -s "$T/fwd.jsonl" "$T/again.jsonl"
    if [ -f /work/shared/eval/score_clusters.py ] && command -v python3 >/dev/null; then
        echo "     (clusters: $(python3 /work/shared/eval/score_clusters.py "$CL" "$T/fwd.jsonl" | tail -1))"
    fi
fi

# --- a database from a newer sitrep; a read-only file ---------------------------------
if command -v sqlite3 >/dev/null; then
    cp "$DB" "$T/newer.db"
    sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
    "$SITREP" ingest --db "$T/newer.db" "$F/dated.txt" 2>"$T/newer.err"
    check "newer schema refused" test $? -eq 1
    check "newer schema message" contains "$T/newer.err" "newer than this sitrep supports"
fi
if [ "$(id -u)" != 0 ]; then
    cp "$DB" "$T/ro.db"; chmod 444 "$T/ro.db"
    "$SITREP" ingest --db "$T/ro.db" "$F/dated.txt" 2>"$T/ro.err"
    check "read-only database refused" contains "$T/ro.err" "read-only"
fi

echo "$fails failure(s)"
[ "$fails" -eq 0 ]

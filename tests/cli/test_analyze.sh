#!/usr/bin/env bash
# test_analyze.sh — trend, rank and alerts checked against the same figures
# computed in plain SQL by the sqlite3 command on a fixed synthetic database
# (bench_analyze_gen, fixed seed); then the alert lifecycle, the report and
# the errors a user can make.
# Env: SITREP (the binary), SITREP_SRC (source dir), SITREP_BUILD (build dir).
set -u
: "${SITREP:?}" "${SITREP_BUILD:?}"
if ! command -v sqlite3 >/dev/null; then
  echo "sqlite3 command not installed (scripts/deps.sh test installs it): skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
db=$tmp/a.db
"$SITREP_BUILD/bench_analyze_gen" "$db" 6000 7 2026-11-27 1460 || { echo "generator failed"; exit 1; }
q() { sqlite3 -csv "$db" "$1"; }
# Events extracted from the bundled example articles join the imported history.
"$SITREP" ingest --db "$db" "${SITREP_SRC:-.}/examples/articles.jsonl" 2>/dev/null \
  || fail "ingest of the example articles failed"
n_ext=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE origin = 'extracted'")
[ "$n_ext" -gt 0 ] || fail "no extracted events in the fixture"

# ---- trend: weekly (ACLED Saturday-Friday) and monthly series ---------------------
# SQL week start: strftime('%w') is 0 on Sunday, so a day is (w + 1) % 7 days
# after the Saturday that starts its week.
wk="date(event_date, '-' || ((strftime('%w', event_date) + 1) % 7) || ' days')"
for filter in "country = 'ML'" "country = 'BF' AND admin1 = 'Sahel'" \
              "(actor1 = 'JNIM' OR actor2 = 'JNIM')" "event_type = 'Battles'"; do
  args=()
  case $filter in
    "country = 'ML'") args=(--country ML) ;;
    *Sahel*) args=(--country BF --admin1 Sahel) ;;
    *JNIM*) args=(--actor JNIM) ;;
    *Battles*) args=(--type Battles) ;;
  esac
  q "WITH w AS (SELECT $wk AS s, count(*) AS n, sum(fatalities) AS f FROM events
       WHERE $filter AND event_date BETWEEN '2026-03-07' AND '2026-11-27' GROUP BY 1)
     SELECT s, n, f FROM w ORDER BY s" > "$tmp/want"
  "$SITREP" trend --db "$db" "${args[@]}" --per week --since 2026-03-07 --until 2026-11-27 \
    --format csv | tail -n +2 | awk -F, '$3 > 0 {print $1 "," $3 "," $4}' > "$tmp/got"
  cmp -s "$tmp/want" "$tmp/got" || fail "weekly trend ($filter) differs from SQL: $(diff "$tmp/want" "$tmp/got" | head -5)"
  [ -s "$tmp/want" ] || fail "weekly trend ($filter): the SQL found nothing; the test checks nothing"
done
q "SELECT strftime('%Y-%m-01', event_date), count(*), sum(fatalities) FROM events
   WHERE country = 'NE' AND event_date BETWEEN '2025-01-01' AND '2026-11-27' GROUP BY 1 ORDER BY 1" > "$tmp/want"
"$SITREP" trend --db "$db" --country NE --per month --since 2025-01-01 --until 2026-11-27 --format csv \
  | tail -n +2 | awk -F, '$3 > 0 {print $1 "," $3 "," $4}' > "$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || fail "monthly trend differs from SQL: $(diff "$tmp/want" "$tmp/got" | head -5)"
q "SELECT event_date, count(*), sum(fatalities) FROM events WHERE country = 'ML'
   AND event_date BETWEEN '2026-10-01' AND '2026-11-27' GROUP BY 1 ORDER BY 1" > "$tmp/want"
"$SITREP" trend --db "$db" --country ML --per day --since 2026-10-01 --until 2026-11-27 --format csv \
  | tail -n +2 | awk -F, '$3 > 0 {print $1 "," $3 "," $4}' > "$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || fail "daily trend differs from SQL"
# With and without the imported history.
for origin in extracted import; do
  q "SELECT strftime('%Y-%m-01', event_date), count(*), sum(fatalities) FROM events
     WHERE origin = '$origin' AND event_date BETWEEN '2025-12-01' AND '2026-11-27' GROUP BY 1 ORDER BY 1" > "$tmp/want"
  "$SITREP" trend --db "$db" --origin $origin --per month --since 2025-12-01 --until 2026-11-27 --format csv \
    | tail -n +2 | awk -F, '$3 > 0 {print $1 "," $3 "," $4}' > "$tmp/got"
  cmp -s "$tmp/want" "$tmp/got" || fail "trend --origin $origin differs from SQL: $(diff "$tmp/want" "$tmp/got" | head -5)"
done
"$SITREP" trend --db "$db" --country ML > "$tmp/out" || fail "trend table exits non-zero"
grep -q "▁\|▂\|▃\|▄\|▅\|▆\|▇\|█" "$tmp/out" || fail "trend table has no sparkline"
grep -Eq "(large|moderate) (increase|decrease)|limited change|low baseline" "$tmp/out" \
  || fail "trend table has no change label"
"$SITREP" trend --db "$db" --country ML --format json | python3 -m json.tool >/dev/null \
  || fail "trend --format json is not JSON"

# ---- rank: a day for an actor among the days of the last 6 months -------------------
actor="Military Forces of Mali"
for day in 2026-11-23 2026-08-14 2026-05-02; do
  from=$(date -u -d "$day -6 months +1 day" +%F)
  want=$(sqlite3 "$db" "WITH d AS (SELECT event_date AS day, sum(fatalities) AS f FROM events
              WHERE (actor1 = '$actor' OR actor2 = '$actor') AND event_date BETWEEN '$from' AND '$day'
              GROUP BY 1), t AS (SELECT coalesce((SELECT f FROM d WHERE day = '$day'), 0) AS v)
            SELECT (1 + (SELECT count(*) FROM d, t WHERE f > t.v)) || ',' || t.v FROM t")
  got=$("$SITREP" rank --db "$db" --date "$day" --actor "$actor" --months 6 --format csv | tail -1 \
        | awk -F, '{print $1 "," $3}')
  [ "$want" = "$got" ] || fail "rank of $day: sitrep says $got, SQL says $want"
done
"$SITREP" rank --db "$db" --date 2026-11-23 --actor "$actor" > "$tmp/out" || fail "rank exits non-zero"
grep -q "^Rank [0-9]* of 184 days" "$tmp/out" || fail "rank table: $(head -3 "$tmp/out")"
# The deadliest day of the whole history is "the deadliest day ... on record".
top=$(q "SELECT event_date FROM events WHERE actor1 = '$actor' OR actor2 = '$actor'
         GROUP BY 1 ORDER BY sum(fatalities) DESC, event_date LIMIT 1")
"$SITREP" rank --db "$db" --date "$top" --actor "$actor" > "$tmp/out"
grep -q "deadliest day on record for events involving $actor" "$tmp/out" \
  || fail "rank of the deadliest day ($top): $(cat "$tmp/out" | head -4)"

# ---- alerts: surge recomputed in SQL for every region ----------------------------------
# The last complete ACLED week before 2026-11-27 (a Friday) is 11-21..11-27.
q "WITH w AS (SELECT country, admin1,
       sum(event_date BETWEEN '2026-11-21' AND '2026-11-27') AS cur,
       sum(event_date BETWEEN '2026-10-24' AND '2026-11-20') / 4.0 AS m4
     FROM events WHERE admin1 <> '' GROUP BY 1, 2)
   SELECT country || '/' || admin1 FROM w WHERE m4 >= 1 AND cur >= 2 * m4 ORDER BY 1" > "$tmp/want"
"$SITREP" alerts --db "$db" --until 2026-11-27 --format json > "$tmp/alerts.json" || fail "alerts exits non-zero"
python3 - "$tmp/alerts.json" > "$tmp/got" <<'EOF' || fail "alerts --format json is not JSON"
import json, sys
a = json.load(open(sys.argv[1]))
for k in sorted(x["country"] + "/" + x["admin1"] for x in a["alerts"]
                if x["detector"] == "surge" and x["admin1"]):
    print(k)
EOF
cmp -s "$tmp/want" "$tmp/got" || fail "surge alerts differ from SQL: $(diff "$tmp/want" "$tmp/got" | head -5)"
# Threat: the last 4 weeks' weekly mean against the 52 weeks before them.
q "WITH w AS (SELECT country, admin1,
       sum(event_date BETWEEN '2026-10-31' AND '2026-11-27') / 4.0 AS m4,
       sum(event_date BETWEEN '2025-11-01' AND '2026-10-30') / 52.0 AS y
     FROM events WHERE admin1 <> '' GROUP BY 1, 2)
   SELECT country || '/' || admin1 FROM w WHERE y > 0 AND m4 >= 1 AND m4 >= 2 * y ORDER BY 1" > "$tmp/want"
python3 - "$tmp/alerts.json" > "$tmp/got" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))
for k in sorted(x["country"] + "/" + x["admin1"] for x in a["alerts"]
                if x["detector"] == "threat" and x["admin1"]):
    print(k)
EOF
[ -s "$tmp/want" ] || fail "threat: the SQL found nothing; the test checks nothing"
cmp -s "$tmp/want" "$tmp/got" || fail "threat alerts differ from SQL: $(diff "$tmp/want" "$tmp/got" | head -5)"
# Fatality level: the last 30 days against every 30-day window of the year before.
q "WITH RECURSIVE d(x) AS (SELECT date('2026-11-27', '-365 days') UNION ALL
       SELECT date(x, '+1 day') FROM d WHERE x < date('2026-11-27', '-30 days')),
     r AS (SELECT e.country AS c, e.admin1 AS a, d.x AS x, sum(e.fatalities) AS f FROM d
           JOIN events e ON e.event_date BETWEEN date(d.x, '-29 days') AND d.x
           WHERE e.admin1 <> '' GROUP BY 1, 2, 3),
     cur AS (SELECT country AS c, admin1 AS a, sum(fatalities) AS f FROM events
             WHERE admin1 <> '' AND event_date BETWEEN '2026-10-29' AND '2026-11-27' GROUP BY 1, 2)
   SELECT cur.c || '/' || cur.a FROM cur WHERE cur.f >= 10 AND cur.f >
     coalesce((SELECT max(f) FROM r WHERE r.c = cur.c AND r.a = cur.a), -1) ORDER BY 1" > "$tmp/want"
python3 - "$tmp/alerts.json" > "$tmp/got" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))
for k in sorted(x["country"] + "/" + x["admin1"] for x in a["alerts"]
                if x["detector"] == "fatalities" and x["admin1"]):
    print(k)
EOF
cmp -s "$tmp/want" "$tmp/got" || fail "fatality-level alerts differ from SQL: $(diff "$tmp/want" "$tmp/got" | head -5)"
python3 - "$tmp/alerts.json" <<'EOF' || fail "alerts lack evidence or definitions"
import json, sys
a = json.load(open(sys.argv[1]))
assert a["alerts"], "no alerts at all on the fixture"
for x in a["alerts"]:
    assert x["evidence"] and x["definition"] and x["message"], x
assert a["nbinom_alarm_rate"]["region_weeks"] > 0
EOF
# Running again keeps one open alert per detector, region and subject.
n1=$(sqlite3 "$db" "SELECT count(*) FROM alerts")
"$SITREP" alerts --db "$db" --until 2026-11-27 > "$tmp/out"
n2=$(sqlite3 "$db" "SELECT count(*) FROM alerts")
[ "$n1" = "$n2" ] && [ "$n1" -gt 0 ] || fail "alerts not de-duplicated: $n1 then $n2 rows"
grep -q " new " "$tmp/out" && fail "second run reported new alerts"
id=$(sqlite3 "$db" "SELECT min(id) FROM alerts")
"$SITREP" alerts ack "$id" --db "$db" >/dev/null || fail "alerts ack failed"
"$SITREP" alerts list --db "$db" --format csv | grep -q "^$id," && fail "acknowledged alert still listed as open"
"$SITREP" alerts list --all --db "$db" --format csv | grep -q "^$id,.*,acked," || fail "alerts list --all lacks the acked alert"
"$SITREP" alerts --db "$db" --until 2026-11-27 >/dev/null
n3=$(sqlite3 "$db" "SELECT count(*) FROM alerts")
[ "$n3" = "$n2" ] || fail "an acknowledged alert was reopened for the same period"
"$SITREP" alerts export --db "$db" | python3 -m json.tool >/dev/null || fail "alerts export is not JSON"
"$SITREP" alerts ack 999999 --db "$db" 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "ack of a missing alert: exit $rc"

# ---- forecast, report -------------------------------------------------------------------
"$SITREP" forecast --db "$db" --country BF --format csv > "$tmp/fc" || fail "forecast failed"
[ "$(tail -n +2 "$tmp/fc" | wc -l)" -eq 24 ] || fail "forecast: want 8 regions x 3 months, got $(tail -n +2 "$tmp/fc" | wc -l)"
awk -F, 'NR > 1 && !($6 <= $7 && $7 <= $8) {bad = 1} END {exit bad}' "$tmp/fc" \
  || fail "forecast quantiles out of order"
"$SITREP" report --db "$db" --country ML --period 7d > "$tmp/r.md" || fail "report failed"
for h in "# Situation report: Mali" "## Headline" "## Main events" "## Outlook" "deadliest\|ranks"; do
  grep -q "$h" "$tmp/r.md" || fail "report lacks '$h'"
done
grep -q "N/A" "$tmp/r.md" && fail "report has N/A"
"$SITREP" report --db "$db" --country ML --period 2w --format html --output "$tmp/r.html" || fail "html report failed"
grep -q "<svg" "$tmp/r.html" || fail "html report has no SVG"
grep -q "<circle" "$tmp/r.html" || fail "html report map has no event dots"
# An extracted event in the report: its sources are the articles.
day=$(sqlite3 "$db" "SELECT event_date FROM events WHERE origin = 'extracted' ORDER BY fatalities DESC LIMIT 1")
cc=$(sqlite3 "$db" "SELECT country FROM events WHERE origin = 'extracted' ORDER BY fatalities DESC LIMIT 1")
"$SITREP" report --db "$db" --country "$cc" --origin extracted --since "$day" --until "$day" > "$tmp/x.md" \
  || fail "report on extracted events failed"
grep -q "sources: " "$tmp/x.md" || fail "report does not name the sources of an extracted event"
"$SITREP" report --db "$db" --country ML --since 2010-01-01 --until 2010-01-31 > "$tmp/e.md"
grep -q "No events were recorded" "$tmp/e.md" || fail "empty report does not say so"

# ---- errors -------------------------------------------------------------------------------
expect() { # NAME RC REGEX -- ARGS
  local name=$1 rc=$2 re=$3; shift 4
  "$SITREP" "$@" >/dev/null 2>"$tmp/err"; local got=$?
  [ $got -eq "$rc" ] || fail "$name: exit $got, want $rc"
  grep -Eq -- "$re" "$tmp/err" || fail "$name: stderr '$(head -c 200 "$tmp/err")'"
}
expect "unknown region" 1 "did you mean 'Mopti'" -- trend --db "$db" --admin1 Mopit
expect "unknown actor" 1 "did you mean 'Military Forces of Mali'" -- rank --db "$db" --date 2026-11-01 --actor "Militry Forces of Mali"
expect "since after until" 2 "after --until" -- trend --db "$db" --since 2026-05-01 --until 2026-04-01
expect "bad date" 2 "not a date" -- trend --db "$db" --since 2026-02-30
expect "unknown option" 2 "unknown option" -- forecast --db "$db" --bogus
expect "bad per" 2 "--per" -- trend --db "$db" --per year
expect "rank without date" 2 "needs --date" -- rank --db "$db"
expect "missing db" 1 "." -- trend --db "$tmp/none.db"
"$SITREP" trend --db "$db" --country ML --since 2010-01-01 --until 2010-03-01 > "$tmp/out"
grep -q "^No events" "$tmp/out" || fail "empty period not said plainly"

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "analysis commands agree with SQL"

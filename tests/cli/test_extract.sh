#!/usr/bin/env bash
# test_extract.sh — `sitrep extract` on good input: the output contract.
# Env: SITREP (the binary), SITREP_SRC (source dir), SITREP_BUILD (build dir).
set -u
: "${SITREP:?}" "${SITREP_SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# run NAME -- ARGS...: runs sitrep with stdin from $tmp/in (or /dev/null),
# leaving $tmp/out, $tmp/err and $rc.
run() {
  local in=/dev/null
  [ -f "$tmp/in" ] && in="$tmp/in"
  "$SITREP" "$@" <"$in" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  rm -f "$tmp/in"
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "$2: exit $rc, want $1 ($(head -c 300 "$tmp/err"))"; }
expect_out() { grep -qE -- "$1" "$tmp/out" || fail "$2: stdout lacks /$1/: $(head -c 300 "$tmp/out")"; }
expect_lines() {
  local n; n=$(wc -l <"$tmp/out")
  [ "$n" -eq "$1" ] || fail "$2: $n output lines, want $1"
}
expect_no_err() { [ ! -s "$tmp/err" ] || fail "$1: unexpected stderr: $(head -c 300 "$tmp/err")"; }

ex="$SITREP_SRC/examples/articles.jsonl"

# --help documents every option and the exit codes.
run extract --help
expect_rc 0 "--help"
for opt in --pretty --explain --published --id --lexicon --help --version "Exit status" \
           "0  every article" "1  bad input" "2  usage error"; do
  expect_out "$opt" "--help mentions $opt"
done
run extract -h
expect_rc 0 "-h"
run extract --version
expect_rc 0 "--version"
expect_out '^sitrep [0-9]+\.[0-9]+' "--version"

# One line per article of the examples, each {"id": ..., "events": [...]}.
n_articles=$(grep -c . "$ex")
run extract "$ex"
expect_rc 0 "examples"
expect_no_err "examples"
expect_lines "$n_articles" "examples"
bad=$(grep -vcE '^\{"id": "ex-[0-9]+", "events": \[.*\]\}$' "$tmp/out")
[ "$bad" -eq 0 ] || fail "examples: $bad lines not of the form {\"id\", \"events\"}"
cp "$tmp/out" "$tmp/first"

# Deterministic: the same input gives the same bytes, from a file or stdin.
cp "$ex" "$tmp/in"
run extract
expect_rc 0 "examples from stdin"
cmp -s "$tmp/first" "$tmp/out" || fail "stdin output differs from file output"
cp "$ex" "$tmp/in"
run extract -
cmp -s "$tmp/first" "$tmp/out" || fail "'-' output differs from file output"

# Several inputs: their lines in order.
run extract "$ex" "$ex"
expect_lines $((n_articles * 2)) "two inputs"

# Every event carries the guidelines' keys (when the extractor finds events).
for key in event_date date_precision event_type sub_event_type actor1 actor2 country \
           admin1 location geo_precision fatalities fatalities_low fatalities_high \
           status claimed_by evidence; do
  if grep -q '"events": \[{' "$tmp/first"; then
    grep '"events": \[{' "$tmp/first" | grep -qv "\"$key\": " &&
      fail "an event lacks \"$key\""
  fi
done

# Plain text: id from the file name, --id, or "stdin".
printf 'Gunmen attacked a village near Djibo on Sunday.\n' >"$tmp/report.txt"
run extract --published 2025-06-02 "$tmp/report.txt"
expect_rc 0 "plain text file"
expect_out '^\{"id": "report.txt", "events": \[' "plain text id"
expect_no_err "plain text with --published"
run extract --published 2025-06-02 --id my-report "$tmp/report.txt"
expect_out '^\{"id": "my-report", ' "--id"
cp "$tmp/report.txt" "$tmp/in"
run extract --published 2025-06-02
expect_out '^\{"id": "stdin", ' "plain text on stdin"
# Leading white space does not make a file JSON or lose the text.
printf '\n\n  Soldiers were killed.\n' >"$tmp/in"
run extract --published 2025-06-02
expect_rc 0 "plain text with leading blank lines"
expect_lines 1 "plain text with leading blank lines"

# JSON lines: unknown keys ignored; no id gives FILE:LINE; title only is fine;
# blank lines, CRLF and a byte-order mark are accepted.
printf '\xef\xbb\xbf{"id":"a","published":"2025-06-02","text":"x","lang":"en","tags":[1]}\r\n\n{"published":"2025-06-02","text":"y"}\n{"id":"c","published":"2025-06-02T08:30:00Z","title":"Only a title"}\n' >"$tmp/mixed.jsonl"
run extract "$tmp/mixed.jsonl"
expect_rc 0 "mixed JSON lines"
expect_no_err "mixed JSON lines"
expect_lines 3 "mixed JSON lines"
expect_out "^\\{\"id\": \"a\", " "first id"
expect_out "^\\{\"id\": \"$tmp/mixed.jsonl:3\", " "default id FILE:LINE"
expect_out '^\{"id": "c", ' "title-only article"
# An integer id is written as a string.
printf '{"id":17,"published":"2025-06-02","text":"x"}\n' >"$tmp/in"
run extract
expect_out '^\{"id": "17", ' "integer id"

# --pretty: a readable view, no escape codes when stdout is not a terminal.
run extract --pretty "$ex"
expect_rc 0 "--pretty"
expect_out '^== ex-001' "--pretty header"
expect_out 'JNIM claims attack on army post near Djibo' "--pretty title"
if grep -q $'\x1b' "$tmp/out"; then fail "--pretty wrote escape codes to a pipe"; fi
run extract --explain "$ex"
expect_rc 0 "--explain"
expect_out '^== ex-001' "--explain header"
# --explain traces each figure to its source and words, each actor to its entry.
if grep -q '"figures": \[{' "$tmp/first"; then
  expect_out '^    figures  [0-9]+ from [a-z]+: "' "--explain figures"
fi
if grep -q '"actor1": {' "$tmp/first"; then
  expect_out '^    actor1   .+: (lexicon actor [0-9]+|composed)' "--explain actor1"
fi
# On a terminal (a pseudo-terminal from script(1)) the view is coloured,
# unless NO_COLOR is set.
if command -v script >/dev/null 2>&1; then
  script -qec "'$SITREP' extract --pretty '$ex'" /dev/null </dev/null >"$tmp/tty" 2>&1
  grep -q $'\x1b\\[' "$tmp/tty" || fail "--pretty on a terminal has no colour"
  NO_COLOR=1 script -qec "'$SITREP' extract --pretty '$ex'" /dev/null </dev/null >"$tmp/tty" 2>&1
  if grep -q $'\x1b\\[' "$tmp/tty"; then fail "NO_COLOR did not turn colour off"; fi
  grep -q '== ex-001' "$tmp/tty" || fail "--pretty on a terminal printed no article"
fi

# A lexicon given with --lexicon is used.
if [ -n "${SITREP_BUILD:-}" ] && [ -f "$SITREP_BUILD/sitrep.lex" ]; then
  cp "$ex" "$tmp/in"
  run extract --lexicon "$SITREP_BUILD/sitrep.lex"
  expect_rc 0 "--lexicon"
  cmp -s "$tmp/first" "$tmp/out" || fail "--lexicon with the default file changed the output"
fi

[ "$fails" -eq 0 ] && echo "test_extract: all passed"
exit $((fails > 0))

#!/usr/bin/env bash
# test_extract_bad.sh — `sitrep extract` on bad input: a one-line message that
# names the input, the right exit status, the good articles still extracted,
# and never a crash.
# Env: SITREP (the binary), SITREP_SRC (source dir), SITREP_BUILD (build dir).
set -u
: "${SITREP:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

good='{"id":"g1","published":"2025-06-02","text":"Gunmen killed 5 people in Djibo on Sunday."}'
good2='{"id":"g2","published":"2025-06-02","title":"Clash","text":"Soldiers clashed with militants."}'

# case NAME WANT_RC WANT_LINES STDERR_REGEX -- ARGS...  (stdin: $tmp/stdin if present)
case_() {
  local name=$1 want_rc=$2 want_lines=$3 want_err=$4
  shift 5
  local in=/dev/null
  [ -f "$tmp/stdin" ] && in="$tmp/stdin"
  (cd "$tmp" && "$SITREP" extract "$@" <"$in" >"$tmp/out" 2>"$tmp/err")
  local rc=$?
  rm -f "$tmp/stdin"
  if [ "$rc" -ge 128 ]; then
    fail "$name: killed by signal $((rc - 128))"
    return
  fi
  [ "$rc" -eq "$want_rc" ] || fail "$name: exit $rc, want $want_rc ($(head -c 300 "$tmp/err"))"
  local lines; lines=$(wc -l <"$tmp/out")
  [ "$lines" -eq "$want_lines" ] || fail "$name: $lines output lines, want $want_lines"
  if [ -n "$want_err" ]; then
    grep -qE -- "$want_err" "$tmp/err" || fail "$name: stderr lacks /$want_err/: $(head -c 300 "$tmp/err")"
  fi
  # Every message is one line starting with "sitrep".
  if grep -vqE '^sitrep' "$tmp/err"; then
    fail "$name: a message does not start with 'sitrep': $(grep -vE '^sitrep' "$tmp/err" | head -c 200)"
  fi
}

# Invalid UTF-8 among good lines: that line is skipped and named with the byte.
printf '%s\n{"id":"u","text":"caf\xe9"}\n%s\n' "$good" "$good2" >"$tmp/utf8.jsonl"
case_ "invalid UTF-8 line" 1 2 '^sitrep: utf8\.jsonl:2: invalid UTF-8 at byte 22 \(0xE9\)' -- utf8.jsonl
# ... and in a plain-text file: the file is named with line and byte.
printf 'First line.\nSecond \xc3\x28 line.\n' >"$tmp/utf8.txt"
case_ "invalid UTF-8 text" 1 0 '^sitrep: utf8\.txt:2: invalid UTF-8 at byte 20 of the file' -- --published 2025-06-02 utf8.txt
# An overlong encoding and a UTF-16 surrogate are invalid too.
printf '{"id":"o","text":"a\xc0\xafb"}\n' >"$tmp/overlong.jsonl"
case_ "overlong UTF-8" 1 0 'overlong\.jsonl:1: invalid UTF-8 at byte 20' -- overlong.jsonl
printf '{"id":"s","text":"a\xed\xa0\x80b"}\n' >"$tmp/surrogate.jsonl"
case_ "surrogate in UTF-8" 1 0 'surrogate\.jsonl:1: invalid UTF-8 at byte 20' -- surrogate.jsonl

# NUL bytes: raw in a line, raw in text, escaped in JSON.
printf '%s\n{"id":"n","text":"a\0b"}\n' "$good" >"$tmp/nul.jsonl"
case_ "NUL in a JSON line" 1 1 '^sitrep: nul\.jsonl:2: NUL byte at byte 20' -- nul.jsonl
printf 'Some text\0 with a NUL.' >"$tmp/nul.txt"
case_ "NUL in text" 1 0 '^sitrep: nul\.txt:1: NUL byte at byte 10' -- --published 2025-06-02 nul.txt
printf '{"id":"e","text":"a\\u0000b"}\n%s\n' "$good" >"$tmp/escnul.jsonl"
case_ "escaped NUL" 1 1 '^sitrep: escnul\.jsonl:1: invalid JSON' -- escnul.jsonl

# Empty input: a file, white space only, and empty stdin.
: >"$tmp/empty.jsonl"
case_ "empty file" 1 0 '^sitrep: empty\.jsonl: empty input' -- empty.jsonl
printf '\n  \n\t\n' >"$tmp/blank.txt"
case_ "blank file" 1 0 '^sitrep: blank\.txt: empty input' -- blank.txt
: >"$tmp/stdin"
case_ "empty stdin" 1 0 '^sitrep: stdin: empty input' --

# Malformed JSON among good lines: warning, skip, go on, exit 1 at the end.
printf '%s\n{"id":"x","text":\n%s\n[1,2]\n{"id":"y"}\n{"id":"z","text":5}\n' "$good" "$good2" >"$tmp/mixed.jsonl"
case_ "malformed line" 1 2 '^sitrep: mixed\.jsonl:2: invalid JSON at byte [0-9]+: .*\(line skipped\)$' -- mixed.jsonl
grep -qE '^sitrep: mixed\.jsonl:4: not a JSON object' "$tmp/err" || fail "array line not named"
grep -qE '^sitrep: mixed\.jsonl:5: no "text" and no "title"' "$tmp/err" || fail "line without text not named"
grep -qE '^sitrep: mixed\.jsonl:6: "text" is not a string' "$tmp/err" || fail "wrong type not named"
[ "$(wc -l <"$tmp/err")" -eq 4 ] || fail "malformed lines: want 4 messages, got $(wc -l <"$tmp/err")"

# A missing "published": a warning, the article still extracted, exit 0.
printf '{"id":"nopub","text":"Gunmen attacked a village on Sunday."}\n' >"$tmp/nopub.jsonl"
case_ "missing published" 0 1 '^sitrep: nopub\.jsonl:1: warning: no "published" date' -- nopub.jsonl
grep -q '^{"id": "nopub", "events": \[' "$tmp/out" || fail "missing published: no id line"
case_ "missing published, --published given" 0 1 '' -- --published 2025-06-02 nopub.jsonl
[ -s "$tmp/err" ] && fail "--published should silence the warning: $(cat "$tmp/err")"
printf 'Gunmen attacked a village on Sunday.\n' >"$tmp/nopub.txt"
case_ "plain text without --published" 0 1 '^sitrep: nopub\.txt: warning: no "published" date' -- nopub.txt

# Many undated articles: the first three are named, the rest counted.
for i in 1 2 3 4 5; do printf '{"id":"n%d","text":"x"}\n' "$i"; done >"$tmp/undated.jsonl"
case_ "many undated" 0 5 '^sitrep: undated\.jsonl: warning: 2 more articles without a "published" date$' -- undated.jsonl
[ "$(grep -c ': warning: no "published"' "$tmp/err")" -eq 3 ] || fail "many undated: want 3 named warnings"

# A "published" that is not a date: named, extracted undated, exit 1.
printf '{"id":"bp","published":"last Tuesday","text":"x"}\n{"id":"bp2","published":"2025-02-30","text":"x"}\n' >"$tmp/badpub.jsonl"
case_ "published not a date" 1 2 "^sitrep: badpub\\.jsonl:1: \"published\" is not a date \\(YYYY-MM-DD\\): 'last Tuesday'" -- badpub.jsonl
grep -qE "^sitrep: badpub\\.jsonl:2: \"published\" is not a date .*'2025-02-30'" "$tmp/err" || fail "impossible date accepted"

# Usage errors: exit 2, nothing read.
case_ "unknown option" 2 0 "^sitrep extract: unknown option '--bogus'" -- --bogus
case_ "unknown short option" 2 0 "^sitrep extract: unknown option '-x'" -- -x
case_ "missing option argument" 2 0 '^sitrep extract: --published needs an argument' -- --published
case_ "--published not a date" 2 0 "^sitrep extract: --published: '2025-13-01' is not a date" -- --published 2025-13-01
printf '%s\n' "$good" >"$tmp/g.jsonl"
case_ "--id with two inputs" 2 0 '^sitrep extract: --id names one article' -- --id a g.jsonl g.jsonl

# Files that cannot be read: named, skipped, the others still extracted.
case_ "missing file" 1 0 '^sitrep: nosuch\.jsonl: No such file or directory$' -- nosuch.jsonl
case_ "missing file among good" 1 2 '^sitrep: nosuch\.jsonl: No such file or directory$' -- g.jsonl nosuch.jsonl g.jsonl
mkdir -p "$tmp/adir"
case_ "directory" 1 1 '^sitrep: adir: is a directory$' -- adir g.jsonl
case_ "bad lexicon" 1 0 '^sitrep: lexicon: ' -- --lexicon nosuch.lex g.jsonl
printf 'not a lexicon at all, just text\n' >"$tmp/fake.lex"
case_ "foreign lexicon" 1 0 '^sitrep: lexicon: ' -- --lexicon fake.lex g.jsonl

# A 20 MB article on one line: read whole, quickly.
sentence='Gunmen on motorbikes attacked the market of Djibo on Sunday and killed 12 civilians, residents said. '
{
  printf '{"id":"big","published":"2025-06-02","title":"Big","text":"'
  yes "$sentence" | head -c 20000000 | tr -d '\n'
  printf '"}\n'
} >"$tmp/big.jsonl"
start=$(date +%s%N)
case_ "20 MB line" 0 1 '' -- big.jsonl
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "20 MB article: ${ms} ms"
grep -q '^{"id": "big", ' "$tmp/out" || fail "20 MB line: no output line"
# A generous bound that still catches quadratic work: sanitizer builds
# are several times slower than a normal one.
[ "$ms" -lt 120000 ] || fail "20 MB line took ${ms} ms"
# A long plain-text article (smaller: the JSON case above has the size).
tail -c +60 "$tmp/big.jsonl" | head -c 5000000 >"$tmp/big.txt"
case_ "5 MB text" 0 1 '' -- --published 2025-06-02 big.txt

# Truncated last line (no newline, cut JSON) after good lines.
printf '%s\n{"id":"cut","text":"unfinished' "$good" >"$tmp/cut.jsonl"
case_ "truncated last line" 1 1 '^sitrep: cut\.jsonl:2: invalid JSON' -- cut.jsonl

# Output that cannot be written: named, exit 1.
if [ -w /dev/full ]; then
  "$SITREP" extract "$tmp/g.jsonl" >/dev/full 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 1 ] || fail "full disk: exit $rc, want 1"
  grep -qE '^sitrep: standard output: No space left' "$tmp/err" || fail "full disk: $(cat "$tmp/err")"
fi

[ "$fails" -eq 0 ] && echo "test_extract_bad: all passed"
exit $((fails > 0))

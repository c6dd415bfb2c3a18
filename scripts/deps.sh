#!/usr/bin/env bash
# Installs the Debian packages sitrep needs, when missing.
# Usage: scripts/deps.sh [build|test|fuzz]
#   build  compiler, CMake and the libraries (jansson, utf8proc, SQLite,
#          libxml2, zlib, cmocka); python3 for the evaluation scorer
#   test   also the sqlite3 command, which some command tests query with
#   fuzz   also clang and its libFuzzer runtime (-DSITREP_FUZZ=ON)
set -euo pipefail
want=(build-essential cmake pkg-config libjansson-dev libutf8proc-dev
      libsqlite3-dev libxml2-dev zlib1g-dev libcmocka-dev python3)
case "${1:-build}" in
  build) ;;
  test) want+=(sqlite3) ;;
  fuzz) want+=(sqlite3 clang libclang-rt-14-dev) ;;
  *) echo "usage: scripts/deps.sh [build|test|fuzz]" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "sitrep: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "sitrep: missing packages (${missing[*]}); run as root or install them" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs the Debian packages sitrep needs to build and test, when missing.
# Usage: scripts/deps.sh [build|test]   (test also brings the fuzzing tools)
set -euo pipefail
want=(build-essential cmake pkg-config libjansson-dev libutf8proc-dev
      libsqlite3-dev libxml2-dev zlib1g-dev libcmocka-dev python3)
if [ "${1:-build}" = test ]; then
  want+=(clang libclang-rt-14-dev sqlite3)
fi
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

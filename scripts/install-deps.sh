#!/bin/sh
# Install the Debian packages cqpm needs to build, test and run.
# Idempotent: only missing packages are installed. Must run as root
# (or with sudo available) on Debian 12 or later.
set -eu

BUILD="build-essential pkg-config meson ninja-build \
 libsqlite3-dev sqlite3 libmicrohttpd-dev libsodium-dev libjansson-dev \
 libxml2-dev libzip-dev zlib1g-dev libqrencode-dev libcurl4-openssl-dev \
 libcairo2-dev libpango1.0-dev libfontconfig-dev fonts-dejavu-core"
TEST="nodejs npm chromium poppler-utils zip unzip curl"
BENCH="wrk nginx-light time libreoffice-writer"

want="$BUILD"
case "${1:-build}" in
  build) ;;
  test) want="$BUILD $TEST" ;;
  bench) want="$BUILD $TEST $BENCH" ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# node may come from elsewhere than Debian; accept any working node+npm.
case "$missing" in *nodejs*|*npm*)
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | sed 's/ nodejs//; s/ npm//')
  fi ;;
esac
[ -z "$(echo $missing)" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "cqpm: installation des paquets manquants :$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null

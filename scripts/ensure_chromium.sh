#!/usr/bin/env bash
# Make sure a Chromium is there for the browser tests. Playwright cannot download
# its own browser here, so the tests drive the system one.
set -euo pipefail
for name in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
  if [ -n "$name" ] && command -v "$name" >/dev/null 2>&1; then
    exit 0
  fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found: installing Debian's chromium package..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
No Chromium found, and this user cannot install one.
Install it, then run `make test` again:
  Debian/Ubuntu: sudo apt-get install chromium
  macOS:         brew install --cask chromium
Or point CHROMIUM at an installed Chrome/Chromium binary: CHROMIUM=/path/to/chrome make test
MSG
exit 1

#!/usr/bin/env bash
# Make sure a Chromium is there for the browser tests. Playwright cannot download
# its own browser here, so the tests drive the system one: chromium-headless-shell
# when it is there (what Playwright itself runs headless: the same engine without
# the browser's window and services, a third of the work per page), else the full
# chromium, which `make bench` and `make audit` (Lighthouse) use.
set -euo pipefail
found() { command -v "$1" >/dev/null 2>&1; }
if [ -n "${CHROMIUM:-}" ] && found "$CHROMIUM"; then
  exit 0
fi
missing=()
found chromium || found chromium-browser || found google-chrome || missing+=(chromium)
found chromium-headless-shell || missing+=(chromium-headless-shell)
if [ ${#missing[@]} = 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} package(s) for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
if found chromium-headless-shell || found chromium || found chromium-browser || found google-chrome; then
  exit 0   # one is enough for the tests
fi
cat >&2 <<'MSG'
No Chromium found, and this user cannot install one.
Install it, then run `make test` again:
  Debian/Ubuntu: sudo apt-get install chromium chromium-headless-shell
  macOS:         brew install --cask chromium
Or point CHROMIUM at an installed Chrome/Chromium binary: CHROMIUM=/path/to/chrome make test
MSG
exit 1

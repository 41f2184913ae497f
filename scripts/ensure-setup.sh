#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: npm packages (which bring Node 22 as the
# `node` dev dependency) and Debian's Chromium for the end-to-end tests and the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages (rollup's native
  # builds) out of the lock file and `npm ci` then refuses it; `npm install` still follows the lock.
  npm install --no-audit --no-fund
fi
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian's chromium (needed by the end-to-end tests and the demo)..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

#!/usr/bin/env bash
# The README's main command: installs what is missing, builds the extension, starts the demo MIS with
# the default school and opens Chromium with the extension loaded on the demo's register page.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-setup.sh
exec npm run --silent start -- "$@"

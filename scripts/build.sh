#!/usr/bin/env bash
# Builds what is handed out, then prints the sizes:
#   dist/                       the page, for any static web server (works offline after the
#                               first visit: service worker; installable: web app manifest)
#   dist-single/xingping.html   the single file, for a USB stick or a chat: opened from disk
#                               in Chrome, Edge or 360 browser, no server needed
# Installs whatever build tool is missing first (scripts/ensure-tools.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh

bash scripts/ensure-tools.sh
trunk build --release
python3 scripts/single_file.py
python3 scripts/sizes.py

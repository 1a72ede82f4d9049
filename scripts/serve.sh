#!/usr/bin/env bash
# Builds the page and serves it at http://127.0.0.1:8080, rebuilding on every change.
# A debug build has no offline service worker (the one it ships unregisters itself, so a
# release build served here before cannot hide changes); `bash scripts/serve.sh --release`
# serves the release build with it, which then offers each rebuild as "有新版本，点击更新".
# Installs whatever build tool is missing first (scripts/ensure-tools.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh

bash scripts/ensure-tools.sh
echo "serving at http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"

#!/usr/bin/env bash
# Installs whatever the build and tests need and is missing; silent when all is there.
#
#   bash scripts/ensure-tools.sh            # build tools: wasm32 target, trunk, wasm-bindgen, wasm-opt
#   bash scripts/ensure-tools.sh --browser  # also Chromium, ChromeDriver, CJK fonts, Playwright deps
#
# Prints one line per thing it installs. Installer output goes to .tools/logs/ and is shown
# only when an install fails.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

TRUNK_VERSION="0.21.14"
BROWSER=0
for arg in "$@"; do
  case "$arg" in
  --browser) BROWSER=1 ;;
  *)
    echo "usage: $0 [--browser]" >&2
    exit 2
    ;;
  esac
done

LOGS="$XP_ROOT/.tools/logs"
mkdir -p "$LOGS"

# Runs a command with its output in .tools/logs/NAME.log; on failure prints the log's tail.
logged() {
  local name="$1"
  shift
  if ! "$@" >"$LOGS/$name.log" 2>&1; then
    echo "ensure-tools: installing $name failed; last lines of $LOGS/$name.log:" >&2
    tail -n 40 "$LOGS/$name.log" >&2
    exit 1
  fi
}

# --- Rust: rustfmt, clippy and the wasm32 target ------------------------------------------
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    echo "ensure-tools: adding Rust component $component"
    logged "rustup-$component" rustup component add "$component"
  fi
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "ensure-tools: adding Rust target wasm32-unknown-unknown"
  logged rustup-wasm32 rustup target add wasm32-unknown-unknown
fi

# --- Trunk ---------------------------------------------------------------------------------
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  echo "ensure-tools: installing trunk $TRUNK_VERSION (cargo install, about 10 minutes)"
  logged trunk cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# --- wasm-bindgen-cli, at exactly the wasm-bindgen version in Cargo.lock ------------------
# Trunk downloads its own copy when the one on PATH differs, which fails offline.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
  "$XP_ROOT/Cargo.lock")"
if [ -z "$WB_VERSION" ]; then
  echo "ensure-tools: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ] ||
  ! command -v wasm-bindgen-test-runner >/dev/null; then
  echo "ensure-tools: installing wasm-bindgen-cli $WB_VERSION (cargo install, a few minutes)"
  # Not --locked: the CLI's own lock file pins dependencies that no longer build.
  logged wasm-bindgen-cli cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# --- wasm-opt, from the npm package binaryen, into .tools/binaryen -------------------------
installed_binaryen() {
  node -p "require('$XP_BINARYEN_DIR/node_modules/binaryen/package.json').version" 2>/dev/null || true
}
if [ "$(installed_binaryen)" != "$XP_BINARYEN_VERSION" ] || ! wasm-opt --version >/dev/null 2>&1; then
  echo "ensure-tools: installing wasm-opt (npm binaryen@$XP_BINARYEN_VERSION) into .tools/binaryen"
  mkdir -p "$XP_BINARYEN_DIR"
  logged binaryen npm install --prefix "$XP_BINARYEN_DIR" --no-audit --no-fund --save-exact \
    "binaryen@$XP_BINARYEN_VERSION"
fi

[ "$BROWSER" = 1 ] || exit 0

# --- Browser-test system packages (Debian) -------------------------------------------------
APT_PACKAGES=(chromium chromium-driver fonts-noto-cjk poppler-utils)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "ensure-tools: installing ${missing[*]} (apt-get)"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  logged apt-update $SUDO apt-get update -q
  logged apt-install $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# --- Playwright (npm, tests/e2e); it drives Debian's Chromium, never a downloaded one -----
E2E="$XP_ROOT/tests/e2e"
STAMP="$E2E/node_modules/.xingping-lock.sha256"
want="$(sha256sum "$E2E/package-lock.json" | cut -d' ' -f1)"
if [ ! -d "$E2E/node_modules" ] || [ "$(cat "$STAMP" 2>/dev/null || true)" != "$want" ]; then
  echo "ensure-tools: installing Playwright test dependencies (npm ci in tests/e2e)"
  logged e2e-npm-ci bash -c 'cd "$1" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund' _ "$E2E"
  echo "$want" >"$STAMP"
fi

#!/usr/bin/env bash
# Runs every check CI runs, in order, stopping at the first failure:
#   tools → fmt → clippy (native, wasm32) → native tests → release page build and single file
#   → page and single-file sizes → wasm-bindgen-test browser tests (when there are any)
#   → Playwright end-to-end tests.
# Installs whatever is missing first (scripts/ensure-tools.sh --browser).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh

STARTED=$SECONDS
STEP=0
STEPS=8
step() {
  STEP=$((STEP + 1))
  printf '\n\033[1m==> [%d/%d] %s\033[0m  (%ds elapsed)\n' "$STEP" "$STEPS" "$*" "$((SECONDS - STARTED))"
}
trap 'status=$?; [ $status = 0 ] || printf "\n\033[1;31mFAILED at step %d/%d (exit %d).\033[0m\n" "$STEP" "$STEPS" "$status" >&2' EXIT

step "Install missing tools (Rust target, trunk, wasm-bindgen, wasm-opt, Chromium, Playwright)"
bash scripts/ensure-tools.sh --browser

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy, native and wasm32, warnings denied"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings

step "cargo test (native: unit, integration, doc and component render tests)"
cargo test

step "trunk build --release (into dist/), then the single file (dist-single/xingping.html)"
trunk build --release
python3 scripts/single_file.py

step "Size of the built page (dist/) and of the single file, raw and gzip (budget: 160 KB gzip, enforced)"
python3 scripts/sizes.py --check

step "wasm-bindgen-test in headless Chromium (test files with run_in_browser)"
# A test file under tests/ opts in with `wasm_bindgen_test_configure!(run_in_browser);`
# (and `#![cfg(target_arch = "wasm32")]`, so that the native `cargo test` skips it).
browser_tests=()
for f in tests/*.rs tests/*/main.rs; do
  [ -f "$f" ] || continue
  if grep -qE 'wasm_bindgen_test_configure!\s*\(\s*run_in_browser' "$f"; then
    name="${f#tests/}"
    name="${name%/main.rs}"
    browser_tests+=("${name%.rs}")
  fi
done
if [ "${#browser_tests[@]}" = 0 ]; then
  echo "no test file under tests/ has wasm_bindgen_test_configure!(run_in_browser); skipped"
else
  for t in "${browser_tests[@]}"; do
    echo "-- tests/$t"
    env -u GECKODRIVER -u SAFARIDRIVER -u MSEDGEDRIVER \
      CHROMEDRIVER=/usr/bin/chromedriver \
      WASM_BINDGEN_TEST_WEBDRIVER_JSON="$XP_ROOT/tests/webdriver.json" \
      WASM_BINDGEN_TEST_TIMEOUT=120 \
      cargo test --target wasm32-unknown-unknown --test "$t"
  done
fi

step "Playwright end-to-end tests against dist/ (headless Chromium, http://127.0.0.1:8099)"
(cd tests/e2e && npx --no-install playwright test)

trap - EXIT
printf '\n\033[1;32mALL CHECKS PASSED (%d steps, %ds).\033[0m\n' "$STEPS" "$((SECONDS - STARTED))"

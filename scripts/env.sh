# Sourced (not run) by the other scripts: puts this project's tools on PATH for the calling
# shell only. Nothing here is installed or changed globally.
#   . "$(dirname "$0")/env.sh"

XP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Pinned npm version of binaryen, whose `wasm-opt` Trunk uses (Debian's binaryen is too old).
XP_BINARYEN_VERSION="132.0.0"
XP_BINARYEN_DIR="$XP_ROOT/.tools/binaryen"
export XP_ROOT XP_BINARYEN_VERSION XP_BINARYEN_DIR

case ":$PATH:" in
*":${CARGO_HOME:-$HOME/.cargo}/bin:"*) ;;
*) PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH" ;;
esac
case ":$PATH:" in
*":$XP_BINARYEN_DIR/node_modules/.bin:"*) ;;
*) PATH="$XP_BINARYEN_DIR/node_modules/.bin:$PATH" ;;
esac
export PATH

# Trunk otherwise asks crates.io for a newer version of itself at every start.
export TRUNK_SKIP_VERSION_CHECK=true

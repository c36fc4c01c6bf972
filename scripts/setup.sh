#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine with rustup, node and npm:
#   - rustup target wasm32-unknown-unknown, components rustfmt + clippy
#   - wasm-bindgen-cli at exactly the version pinned in Cargo.lock
#   - npm packages (npm ci) when node_modules is missing or older than the lock file
#   - Debian chromium when /usr/bin/chromium is missing (for the browser test)
# Everything already present is skipped, so a second run takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is required but not installed" >&2; exit 1; }; }

need cargo
need rustup
need node
need npm
export PATH="$HOME/.cargo/bin:$PATH"

# --- Rust target and components -------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
installed_components=$(rustup component list --installed)
for c in rustfmt clippy; do
  if ! grep -q "^$c" <<<"$installed_components"; then
    say "rustup component add $c"
    rustup component add "$c"
  fi
done

# --- wasm-bindgen-cli, same version as the wasm-bindgen crate in Cargo.lock ------------
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ -z "$want" ]]; then
  echo "setup: wasm-bindgen not found in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [[ "$have" != "$want" ]]; then
  say "cargo install wasm-bindgen-cli --version $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# --- npm packages ----------------------------------------------------------------------
stamp=node_modules/.package-lock.json # written by npm after every install
if [[ ! -f "$stamp" || package.json -nt "$stamp" || ( -f package-lock.json && package-lock.json -nt "$stamp" ) ]]; then
  if [[ -f package-lock.json ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund
  else
    say "npm install"
    npm install --no-audit --no-fund
  fi
fi

# --- Chromium for the headless browser test ---------------------------------------------
if [[ ! -x /usr/bin/chromium ]]; then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    need sudo
    sudo=(sudo)
  fi
  say "apt-get install chromium"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update
  if ! "${sudo[@]}" apt-get install -y -o DPkg::Lock::Timeout=600 chromium; then
    say "apt-get install failed; trying apt-get --fix-broken install and retrying"
    "${sudo[@]}" apt-get -y -o DPkg::Lock::Timeout=600 --fix-broken install
    "${sudo[@]}" apt-get install -y -o DPkg::Lock::Timeout=600 chromium
  fi
fi

say "ok (wasm-bindgen $want, $(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null | head -n1 | awk '{print $1, $2}'))"

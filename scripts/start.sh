#!/usr/bin/env bash
# Set up, build dist/index.html and serve dist/ on http://localhost:8080 (PORT env overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
bash scripts/setup.sh
node scripts/build-web.mjs
exec node scripts/serve.mjs dist "${PORT:-8080}"

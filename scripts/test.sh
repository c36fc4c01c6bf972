#!/usr/bin/env bash
# Everything CI checks: set-up, rustfmt, clippy, cargo tests, the web page's type check, the
# wasm + page build and the headless browser test. Runs every step (the browser test only if
# the page was built) and exits non-zero if any step failed, listing the failures.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

bash scripts/setup.sh || { echo "test: set-up failed" >&2; exit 1; }

failed=()
step() {
  local name=$1; shift
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    printf '\033[32m--- ok: %s (%ss)\033[0m\n' "$name" $((SECONDS - start))
    return 0
  fi
  printf '\033[31m--- FAILED: %s (%ss)\033[0m\n' "$name" $((SECONDS - start))
  failed+=("$name")
  return 1
}

step "cargo fmt --check" cargo fmt --all --check
step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
# The wasm bindings compile only for wasm32: lint them there too, for every feature set
# that ships: the default (one module, --single pages), and the page's checker and reader.
step "cargo clippy (wasm32)" cargo clippy -p budgetlint --lib --target wasm32-unknown-unknown -- -D warnings
for features in wasm-checker wasm-reader; do
  step "cargo clippy (wasm32, $features)" cargo clippy -p budgetlint --lib --target wasm32-unknown-unknown \
    --no-default-features --features "$features" -- -D warnings
done
step "cargo test" cargo test --workspace
# The web page's JavaScript: the report's types are generated from the schema (and must be
# up to date), then tsc checks the page, its worker and the node scripts/tests against them.
step "report types match the schema" node scripts/report-types.mjs --check
step "typecheck (tsc --noEmit)" npm run --silent typecheck
if step "build wasm + dist/index.html" node scripts/build-web.mjs; then
  step "browser test" node --test tests/browser/
else
  failed+=("browser test (skipped: no page)")
fi
# The page with the readers in a second, lazily loaded module (build-web.mjs --split): the
# browser test then also asserts that pasted text never instantiates the reader module and
# that a PDF, DOCX or GB18030 file does, once.
if step "build split page (checker + lazy reader module)" node scripts/build-web.mjs --split --out target/page-split; then
  step "browser test (split page)" env BUDGETLINT_DIST=target/page-split node --test tests/browser/
else
  failed+=("browser test, split page (skipped: no page)")
fi

echo
if ((${#failed[@]})); then
  printf '\033[31mtest: %d failed:\033[0m\n' "${#failed[@]}"
  printf '  - %s\n' "${failed[@]}"
  exit 1
fi
echo "test: all passed"

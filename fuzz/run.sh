#!/usr/bin/env bash
# Run every reader's fuzz target for SECONDS (default 120) each, seeded from the test fixtures.
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in
# fuzz/artifacts/<target>/; turn each into a regression test in crate/tests/office.rs.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-120}
fx=../tests/fixtures
mkdir -p corpus/{docx,xlsx,xls,html,read_bytes}
cp "$fx"/parity/*.docx corpus/docx/
cp "$fx"/office/*.xlsx corpus/xlsx/
cp "$fx"/office/*.xls corpus/xls/
cp "$fx"/parity/*.html "$fx"/office/*.jsp corpus/html/
cp "$fx"/parity/001*.docx "$fx"/office/sample000-tables.lo.xlsx "$fx"/parity/004*.html corpus/read_bytes/
targets=${TARGETS:-docx xlsx xls html read_bytes}
for t in $targets; do
  echo "== $t ($secs s)"
  # Keep going after a crash: show the panic and the summary, then fuzz the next reader.
  cargo +nightly fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=4096 -max_len=1048576 2>&1 \
    | grep -E "panicked at|^Done|SUMMARY|Test unit written" || true
done

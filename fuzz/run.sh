#!/usr/bin/env bash
# Run every reader's fuzz target for SECONDS (default 120) each, seeded from the test fixtures.
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in
# fuzz/artifacts/<target>/; turn each into a regression test in crate/tests/office.rs.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-120}
fx=../tests/fixtures
mkdir -p corpus/{docx,xlsx,xls,html,read_bytes}
cp "$fx"/parity/*.docx corpus/docx/
cp "$fx"/office/*.xlsx corpus/xlsx/
cp "$fx"/office/*.xls corpus/xls/
cp "$fx"/parity/*.html "$fx"/office/*.jsp corpus/html/
cp "$fx"/parity/001*.docx "$fx"/office/sample000-tables.lo.xlsx "$fx"/parity/004*.html corpus/read_bytes/
for t in docx xlsx xls html read_bytes; do
  echo "== $t ($secs s)"
  cargo +nightly fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=4096 -max_len=1048576 2>&1 | tail -n 3
done

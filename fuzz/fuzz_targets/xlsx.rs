//! The xlsx reader on arbitrary bytes: must not panic, whatever it is given.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = budgetlint::ingest::xlsx::read(data);
});

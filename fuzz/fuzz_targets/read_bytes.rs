//! Format detection and every reader behind it, then the whole check.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = budgetlint::check(budgetlint::Input::Bytes(data), &budgetlint::Options::default());
});

//! The HTML reader on arbitrary text: must not panic or hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = budgetlint::ingest::html::read(&text, "UTF-8");
});

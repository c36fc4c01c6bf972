//! Any bytes after a PDF header go through the PDF reader and the checker without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend_from_slice(data);
    let _ = budgetlint::check(budgetlint::Input::Bytes(&bytes), &Default::default());
});

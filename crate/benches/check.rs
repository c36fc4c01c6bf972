//! Benchmark (not a test): time to check each fixture sample, natively.
//! Run with `cargo bench -p budgetlint`; prints the median of repeated runs per file.

use budgetlint::{check, Input, Options};
use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/samples");
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    entries.sort();
    let options = Options::default();
    for path in entries {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let mut times = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let r = check(Input::Bytes(&bytes), &options);
            std::hint::black_box(r);
            times.push(t.elapsed());
        }
        times.sort();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!(
            "{name:<32} {:>8} bytes  median {:>8.3} ms  min {:>8.3} ms",
            bytes.len(),
            times[15].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3
        );
    }
}

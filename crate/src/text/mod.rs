//! Text utilities every layer may use: matching keys, outline numbering, printed numbers,
//! figures in running text and table captions. They read strings and return values; they
//! know nothing of documents, readers or rules, so this module imports only `interval`
//! (the printed-precision arithmetic) and external crates.

pub mod caption;
pub mod figures;
pub mod norm;
pub mod number;
pub mod numbering;

//! Extraction tests: sentences in the phrasings real documents use, with what is read.
use super::*;

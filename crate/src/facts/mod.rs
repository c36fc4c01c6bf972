//! Facts: figures read out of the narrative, each with its unit and its place.

pub mod claims;
pub mod column_subjects;
pub mod performance;
pub mod table_facts;

//! What the user may choose for a check: the language of messages, how printed figures
//! round, rules to skip and severity overrides. The CLI and the page deserialise these
//! (`{}` is a valid options object); `report` applies them while assembling a report.

use crate::finding::Severity;
use crate::interval::Rounding;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Options for a check. Every field has a default, so `{}` is a valid options object.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    pub lang: Lang,
    /// `round` (default): printed figures are rounded; `round-or-truncate`: also accept
    /// figures whose extra digits were cut off.
    pub rounding: Rounding,
    /// Rule ids (or family prefixes such as `table`) not to run.
    pub disable: Vec<String>,
    /// Severity overrides by rule id or family (`{"layout": "warning", "year.heading": "off"}`);
    /// a rule id wins over its family.
    pub severity: std::collections::BTreeMap<String, Level>,
}

/// A severity chosen by the user for a rule or family; `off` turns it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            _ => Severity::parse(s).map(|s| match s {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Info => Level::Info,
            }),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options { lang: Lang::Zh, rounding: Rounding::Round, disable: Vec::new(), severity: Default::default() }
    }
}

impl<'de> Deserialize<'de> for Rounding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "round" => Ok(Rounding::Round),
            "round-or-truncate" | "truncate" => Ok(Rounding::RoundOrTruncate),
            other => Err(serde::de::Error::custom(format!("unknown rounding '{other}' (round | round-or-truncate)"))),
        }
    }
}

//! Who speaks a unit: the narrator, a quotation, a passage in another language, or one host of a
//! dialogue script. The role is a property of the text, decided in `script`; which voice plays
//! each role is decided later, from the settings (`segment::Casting`).

use std::fmt;

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Role {
    #[default]
    Narrator,
    /// A direct quotation (or a block quotation).
    Quote,
    /// A sentence or paragraph in another language, by its ISO 639-1 code.
    Language(String),
    /// A host of a dialogue script, by the name in its label.
    Speaker(String),
}

/// `narrator`, `quote`, `language:de`, `speaker:Alex`: as the manifest and `script --json` show it.
impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::Narrator => f.write_str("narrator"),
            Role::Quote => f.write_str("quote"),
            Role::Language(code) => write!(f, "language:{code}"),
            Role::Speaker(name) => write!(f, "speaker:{name}"),
        }
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_print_as_the_manifest_records_them() {
        assert_eq!(Role::Narrator.to_string(), "narrator");
        assert_eq!(Role::Quote.to_string(), "quote");
        assert_eq!(Role::Language("de".into()).to_string(), "language:de");
        assert_eq!(Role::Speaker("Alex".into()).to_string(), "speaker:Alex");
        assert_eq!(serde_json::to_string(&Role::Speaker("Sam".into())).unwrap(), "\"speaker:Sam\"");
    }
}

//! Cache keys: SHA-256 over the backend's name and version, every voice setting, and the spoken
//! text. Change any of them and the key changes, so a stale clip can never be reused.

use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey(String);

impl CacheKey {
    /// `settings` are the sound-shaping settings as (name, value) pairs, e.g. voice and rate.
    pub fn new(backend: &str, backend_version: &str, settings: &[(&str, String)], spoken: &str) -> CacheKey {
        let mut hasher = Sha256::new();
        // Lengths before values: no two different inputs can run together into the same bytes.
        let mut field = |bytes: &[u8]| {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        field(b"readcast-clip-v1");
        field(backend.as_bytes());
        field(backend_version.as_bytes());
        for (name, value) in settings {
            field(name.as_bytes());
            field(value.as_bytes());
        }
        field(spoken.as_bytes());
        let digest = hasher.finalize();
        CacheKey(crate::hex::hex(&digest))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(version: &str, rate: &str, text: &str) -> CacheKey {
        CacheKey::new("espeak-ng", version, &[("voice", "en-us".into()), ("rate", rate.into())], text)
    }

    #[test]
    fn every_component_changes_the_key() {
        let base = key("1.51", "175", "Hello.");
        assert_eq!(base, key("1.51", "175", "Hello."));
        assert_ne!(base, key("1.52", "175", "Hello."));
        assert_ne!(base, key("1.51", "180", "Hello."));
        assert_ne!(base, key("1.51", "175", "Hello!"));
        assert_eq!(base.as_str().len(), 64);
    }
}

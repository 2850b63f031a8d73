//! An episode's identity in a feed: its guid and the time it was first rendered.
//!
//! Podcast apps key what a listener has heard on the guid, and sort by the date; both must
//! survive a re-render (a fixed typo, another voice), or the app would show the episode as new.
//! So the first render makes them and every later render of the same folder copies them from
//! the `episode.json` already there.

use std::path::Path;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::manifest::Manifest;

/// An `episode.json` larger than this is not one readcast wrote; it is not read for identity.
const MAX_PREVIOUS_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub guid: String,
    /// RFC 3339.
    pub first_rendered: String,
}

/// The identity of the episode about to be written to `manifest_path`: the one the previous
/// manifest there holds, or a new one made from the folder name and `now`.
///
/// A manifest written before readcast recorded these keeps what the feed already showed for
/// it: the guid `feed` derived from it, and the file's time as the date.
pub fn identity_for(manifest_path: &Path, slug: &str, now: OffsetDateTime) -> Identity {
    let previous = previous_manifest(manifest_path);
    let first_rendered = previous
        .as_ref()
        .and_then(|(m, written)| {
            let recorded = m.first_rendered.clone().filter(|t| OffsetDateTime::parse(t, &Rfc3339).is_ok());
            recorded.or_else(|| written.format(&Rfc3339).ok())
        })
        .unwrap_or_else(|| now.format(&Rfc3339).unwrap_or_default());
    let guid = previous.map(|(m, _)| super::feed::guid(slug, &m)).unwrap_or_else(|| new_guid(slug, now));
    Identity { guid, first_rendered }
}

/// The manifest already in the folder, and when it was written.
fn previous_manifest(path: &Path) -> Option<(Manifest, OffsetDateTime)> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_PREVIOUS_MANIFEST_BYTES {
        return None;
    }
    let manifest = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let written = meta.modified().map(OffsetDateTime::from).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    Some((manifest, written))
}

/// The folder name and a hash of it with the time: readable in a feed, and unique even when a
/// folder is deleted and a different article later takes its name.
fn new_guid(slug: &str, now: OffsetDateTime) -> String {
    let mut hash = Sha256::new();
    hash.update(slug.as_bytes());
    hash.update(now.unix_timestamp_nanos().to_le_bytes());
    let hex = crate::hex::hex(&hash.finalize()[..8]);
    format!("{slug}-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_render_gets_a_new_identity_and_a_later_one_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("episode.json");
        let first = OffsetDateTime::from_unix_timestamp(1_780_000_000).unwrap();
        let made = identity_for(&path, "ferry-times", first);
        assert!(made.guid.starts_with("ferry-times-") && made.guid.len() == "ferry-times-".len() + 16);
        assert_eq!(OffsetDateTime::parse(&made.first_rendered, &Rfc3339).unwrap(), first);

        let manifest = serde_json::json!({
            "title": "T", "source": "a.txt", "backend": "espeak-ng", "backend_version": "1",
            "voice": "en-us", "rate_wpm": 175, "sample_rate": 44100, "duration_s": 1.0,
            "synthesized": 1, "cached": 0, "segments": [],
            "guid": made.guid, "first_rendered": made.first_rendered,
        });
        std::fs::write(&path, manifest.to_string()).unwrap();
        let later = identity_for(&path, "ferry-times", first + time::Duration::days(3));
        assert_eq!(later, made);
    }

    #[test]
    fn a_manifest_from_before_identities_keeps_the_guid_the_feed_showed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("episode.json");
        let manifest = serde_json::json!({
            "title": "T", "source": "a.txt", "backend": "espeak-ng", "backend_version": "1",
            "voice": "en-us", "rate_wpm": 175, "sample_rate": 44100, "duration_s": 1.0,
            "synthesized": 1, "cached": 0,
            "segments": [{"id": "abc", "kind": "title", "text": "T", "spoken": "T", "start_s": 0.0, "end_s": 1.0}],
        });
        std::fs::write(&path, manifest.to_string()).unwrap();
        let old: Manifest = serde_json::from_value(manifest).unwrap();
        let now = OffsetDateTime::from_unix_timestamp(1_780_000_000).unwrap();
        let kept = identity_for(&path, "t", now);
        assert_eq!(kept.guid, crate::publish::feed::guid("t", &old));
        let written = OffsetDateTime::from(std::fs::metadata(&path).unwrap().modified().unwrap());
        let first = OffsetDateTime::parse(&kept.first_rendered, &Rfc3339).unwrap();
        assert_eq!(first.unix_timestamp(), written.unix_timestamp());
    }

    #[test]
    fn a_damaged_previous_manifest_gives_a_new_identity() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("episode.json");
        std::fs::write(&path, "{ not json").unwrap();
        let now = OffsetDateTime::from_unix_timestamp(1_780_000_000).unwrap();
        let other = now + time::Duration::seconds(1);
        assert_ne!(identity_for(&path, "a", now).guid, identity_for(&path, "a", other).guid);
    }
}

//! The sync state: what each source's server said last (ETag, Last-Modified) and what became
//! of each item (rendered, failed so far, skipped), in `<out>/sync-state.json`.
//!
//! The file is written atomically and only when its content changes, so a sync that finds
//! nothing new leaves it as it was. It is keyed by the source's URL; an item by its guid or link.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::FollowError;
use super::fetch::Validators;

/// The state file's name in the output folder.
pub const STATE_FILE: &str = "sync-state.json";
/// A larger state file is refused rather than read: it is far beyond many feeds' worth.
const MAX_STATE_BYTES: u64 = 64 * 1024 * 1024;
/// Attempts at an item before it is skipped for good.
pub const MAX_ATTEMPTS: u32 = 3;

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub sources: BTreeMap<String, SourceState>,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceState {
    #[serde(flatten)]
    pub validators: Validators,
    /// When the source last changed (new items, or new content from the server), RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<String>,
    #[serde(default)]
    pub items: BTreeMap<String, ItemState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Rendered into an episode.
    Done,
    /// Failed; tried again on the next sync until [`MAX_ATTEMPTS`].
    Failed,
    /// Given up: failed too often, or nothing to read (no link, no text).
    Skipped,
    /// Older than the `max_new` newest when it was first seen: never rendered.
    Passed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemState {
    pub status: Status,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode: Option<String>,
    /// The item's link, so a failed item can be named and retried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SourceState {
    /// Whether the item still has to be rendered (new, or failed fewer than [`MAX_ATTEMPTS`]).
    pub fn wants(&self, key: &str) -> bool {
        self.items.get(key).is_none_or(|item| item.status == Status::Failed && item.attempts < MAX_ATTEMPTS)
    }

    /// Whether a failed item waits for another attempt (the next fetch must not be skipped by a
    /// 304, or it could not be retried).
    pub fn has_retries(&self) -> bool {
        self.items.values().any(|i| i.status == Status::Failed && i.attempts < MAX_ATTEMPTS)
    }

    pub fn count(&self, status: Status) -> usize {
        self.items.values().filter(|i| i.status == status).count()
    }
}

impl State {
    pub fn path(out_dir: &Path) -> PathBuf {
        out_dir.join(STATE_FILE)
    }

    /// The state in `out_dir`; no file yet is an empty state, a damaged one an error (it is
    /// not overwritten: it is the only record of what was rendered).
    pub fn load(out_dir: &Path) -> Result<State, FollowError> {
        let path = State::path(out_dir);
        let read_err = |source| FollowError::Read { path: path.clone(), source };
        match std::fs::metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
            Err(e) => return Err(read_err(e)),
            Ok(meta) if meta.len() > MAX_STATE_BYTES => {
                return Err(FollowError::BadFile { path, reason: "larger than 64 MB".into() });
            }
            Ok(_) => {}
        }
        let text = std::fs::read_to_string(&path).map_err(read_err)?;
        serde_json::from_str(&text).map_err(|e| FollowError::BadFile { path, reason: e.to_string() })
    }

    /// Write the state to `out_dir` atomically, unless the file already says exactly this.
    pub fn save(&self, out_dir: &Path) -> Result<(), FollowError> {
        let path = State::path(out_dir);
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| FollowError::BadFile { path: path.clone(), reason: e.to_string() })?;
        text.push('\n');
        if std::fs::read(&path).is_ok_and(|current| current == text.as_bytes()) {
            return Ok(());
        }
        crate::atomic_file::write_atomic(&path, text.as_bytes())
            .map(drop)
            .map_err(|source| FollowError::Write { path, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_once_unchanged_state_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(State::load(dir.path()).unwrap(), State::default());
        let mut state = State::default();
        let source = state.sources.entry("http://127.0.0.1:1/f".into()).or_default();
        source.validators.etag = Some("\"v1\"".into());
        source.items.insert(
            "g".into(),
            ItemState { status: Status::Failed, attempts: 1, episode: None, link: None, note: None },
        );
        state.save(dir.path()).unwrap();
        let path = State::path(dir.path());
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        state.save(dir.path()).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), before);
        let loaded = State::load(dir.path()).unwrap();
        assert_eq!(loaded, state);
        assert!(loaded.sources["http://127.0.0.1:1/f"].wants("g"));
        assert!(loaded.sources["http://127.0.0.1:1/f"].wants("new"));
        std::fs::write(&path, "{ not json").unwrap();
        assert!(matches!(State::load(dir.path()), Err(FollowError::BadFile { .. })));
    }
}

//! Finding the episodes for the feed: every `<out>/<folder>/episode.json` and the files beside it.
//!
//! A folder that cannot go into a feed (no audio, an unreadable manifest) is skipped with a
//! reason rather than failing the whole feed: one broken episode should not take the show down.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use time::OffsetDateTime;

use super::feed::{Audio, FeedError, FeedItem, parse_date};
use super::manifest::Manifest;

/// A manifest larger than this is not one readcast wrote.
pub const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;

/// The episodes found, and the folders skipped with why.
#[derive(Debug, Default)]
pub struct Scan {
    pub items: Vec<FeedItem>,
    pub skipped: Vec<(String, SkipReason)>,
}

/// Why a folder was left out of the feed (printed after its name as a warning).
#[derive(Debug, thiserror::Error)]
pub enum SkipReason {
    #[error("cannot read episode.json: {0}")]
    Unreadable(std::io::Error),
    #[error("episode.json is over {} MB", MAX_MANIFEST_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("episode.json is not an episode manifest: {0}")]
    NotAManifest(serde_json::Error),
    #[error("no episode.mp3 or episode.wav")]
    NoAudio,
}

/// Read every episode folder directly under `dir`, in name order.
pub fn scan_episodes(dir: &Path) -> Result<Scan, FeedError> {
    let read_err = |source| FeedError::Read { path: dir.to_path_buf(), source };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        // A hidden folder is a render in progress (or a dead one's leftover), not an episode.
        .filter(|path| !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .filter(|path| path.join("episode.json").is_file())
        .collect();
    folders.sort();
    let mut scan = Scan::default();
    for folder in folders {
        let slug = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match read_episode(&folder, &slug) {
            Ok(item) => scan.items.push(item),
            Err(reason) => scan.skipped.push((slug, reason)),
        }
    }
    Ok(scan)
}

fn read_episode(folder: &Path, slug: &str) -> Result<FeedItem, SkipReason> {
    let manifest_path = folder.join("episode.json");
    let meta = std::fs::metadata(&manifest_path).map_err(SkipReason::Unreadable)?;
    if meta.len() > MAX_MANIFEST_BYTES {
        return Err(SkipReason::TooLarge);
    }
    let text = std::fs::read_to_string(&manifest_path).map_err(SkipReason::Unreadable)?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(SkipReason::NotAManifest)?;
    let audio = audio_file(folder).ok_or(SkipReason::NoAudio)?;
    // The time of the first render, which re-renders keep; a manifest from before readcast
    // recorded it falls back to the file's time.
    let published = manifest
        .first_rendered
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_else(|| OffsetDateTime::from(meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
    Ok(FeedItem {
        slug: slug.to_string(),
        manifest,
        published,
        audio,
        has_transcript_json: folder.join("transcript.json").is_file(),
        has_vtt: folder.join("episode.vtt").is_file(),
        has_srt: folder.join("episode.srt").is_file(),
        has_chapters: folder.join("chapters.json").is_file(),
    })
}

/// The MP3 when there is one (every podcast app plays it), else the WAV.
fn audio_file(folder: &Path) -> Option<Audio> {
    [("episode.mp3", "audio/mpeg"), ("episode.wav", "audio/wav")].into_iter().find_map(|(file, mime)| {
        let meta = std::fs::metadata(folder.join(file)).ok().filter(|m| m.is_file())?;
        Some(Audio { file, bytes: meta.len(), mime })
    })
}

//! The cache folder: entries at `<dir>/<first two hex digits>/<key>.clip`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{CacheKey, decode_clip, encode_clip};
use crate::audio::Clip;

#[derive(Debug, Clone)]
pub struct SegmentCache {
    dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    pub entries: u64,
    pub bytes: u64,
}

const EXTENSION: &str = "clip";

/// A temporary entry lives for the milliseconds its clip takes to write; one this old was left
/// by a render that was killed, and `prune` and `clear` remove it.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(5 * 60);

impl SegmentCache {
    pub fn new(dir: impl Into<PathBuf>) -> SegmentCache {
        SegmentCache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, key: &CacheKey) -> PathBuf {
        let k = key.as_str();
        self.dir.join(&k[..2]).join(format!("{k}.{EXTENSION}"))
    }

    /// The cached clip, if a sound entry exists. A damaged entry is removed and reads as a miss.
    pub fn get(&self, key: &CacheKey) -> Option<Clip> {
        let path = self.path_of(key);
        let bytes = std::fs::read(&path).ok()?;
        match decode_clip(&bytes) {
            Ok(clip) => {
                // Touch the entry so `prune` keeps recently used clips.
                if let Ok(file) = std::fs::File::options().append(true).open(&path) {
                    let _ = file.set_modified(SystemTime::now());
                }
                Some(clip)
            }
            Err(_) => {
                let _ = std::fs::remove_file(&path);
                None
            }
        }
    }

    /// Store a clip atomically: a temporary file in the same folder, renamed into place.
    pub fn put(&self, key: &CacheKey, clip: &Clip) -> std::io::Result<()> {
        let path = self.path_of(key);
        let dir = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(dir)?;
        let mut temp = tempfile::Builder::new().prefix(".entry.").suffix(".tmp").tempfile_in(dir)?;
        temp.write_all(&encode_clip(clip))?;
        temp.as_file().sync_data()?;
        temp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Remove the temporary entries (`.entry.*.tmp`) killed renders left behind.
    fn remove_stale_temps(&self) {
        let Ok(shards) = std::fs::read_dir(&self.dir) else { return };
        for file in shards.flatten().filter_map(|s| std::fs::read_dir(s.path()).ok()).flatten().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let stale = file
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE_TEMP_AGE));
            if name.starts_with(".entry.") && name.ends_with(".tmp") && stale {
                let _ = std::fs::remove_file(file.path());
            }
        }
    }

    /// Every entry with its size and last use.
    fn entries(&self) -> Vec<(PathBuf, u64, SystemTime)> {
        let mut out = Vec::new();
        let Ok(shards) = std::fs::read_dir(&self.dir) else { return out };
        for shard in shards.flatten() {
            let Ok(files) = std::fs::read_dir(shard.path()) else { continue };
            for file in files.flatten() {
                let path = file.path();
                if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
                    continue;
                }
                if let Ok(meta) = file.metadata() {
                    out.push((path, meta.len(), meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
                }
            }
        }
        out
    }

    pub fn stats(&self) -> CacheStats {
        let entries = self.entries();
        CacheStats { entries: entries.len() as u64, bytes: entries.iter().map(|e| e.1).sum() }
    }

    /// Remove every entry; returns what was removed.
    pub fn clear(&self) -> std::io::Result<CacheStats> {
        self.remove_stale_temps();
        let stats = self.stats();
        for (path, _, _) in self.entries() {
            remove_if_present(&path)?;
        }
        Ok(stats)
    }

    /// Remove the least recently used entries until the cache is at most `max_bytes`.
    pub fn prune(&self, max_bytes: u64) -> std::io::Result<CacheStats> {
        self.remove_stale_temps();
        let mut entries = self.entries();
        entries.sort_by_key(|e| e.2);
        let mut total: u64 = entries.iter().map(|e| e.1).sum();
        let mut removed = CacheStats::default();
        for (path, len, _) in entries {
            if total <= max_bytes {
                break;
            }
            remove_if_present(&path)?;
            total -= len;
            removed.entries += 1;
            removed.bytes += len;
        }
        Ok(removed)
    }
}

/// Another render may have removed it first; that is fine.
fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SampleRate;

    fn clip(n: usize) -> Clip {
        Clip { sample_rate: SampleRate(22_050), channels: 1, samples: vec![0.25; n] }
    }

    fn key(text: &str) -> CacheKey {
        CacheKey::new("test", "1", &[], text)
    }

    #[test]
    fn put_get_and_corruption_is_a_removed_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = SegmentCache::new(dir.path());
        assert!(cache.get(&key("a")).is_none());
        cache.put(&key("a"), &clip(100)).unwrap();
        assert_eq!(cache.get(&key("a")).unwrap().samples.len(), 100);
        let path = cache.path_of(&key("a"));
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(cache.get(&key("a")).is_none());
        assert!(!path.exists(), "a damaged entry is removed");
    }

    #[test]
    fn prune_drops_least_recently_used_first() {
        let dir = tempfile::tempdir().unwrap();
        let cache = SegmentCache::new(dir.path());
        for (i, name) in ["old", "middle", "new"].iter().enumerate() {
            cache.put(&key(name), &clip(1000)).unwrap();
            let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + i as u64 * 100);
            std::fs::File::options().append(true).open(cache.path_of(&key(name))).unwrap().set_modified(t).unwrap();
        }
        // Reading "old" makes it the most recently used.
        assert!(cache.get(&key("old")).is_some());
        let one = cache.stats().bytes / 3;
        let removed = cache.prune(one * 2).unwrap();
        assert_eq!(removed.entries, 1);
        assert!(cache.get(&key("middle")).is_none());
        assert!(cache.get(&key("old")).is_some() && cache.get(&key("new")).is_some());
        assert_eq!(cache.clear().unwrap().entries, 2);
        assert_eq!(cache.stats(), CacheStats::default());
    }
}

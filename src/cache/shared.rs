//! A second tier behind the local cache, shared by many machines (the farm's object store).
//!
//! The local cache stays the first answer; on a miss it asks the shared tier and keeps what it
//! gets, and what is spoken here is offered to the shared tier too. The tier only moves bytes:
//! entries are checked by the local cache's own decoder, and a damaged one is discarded from the
//! tier and counts as a miss. A process installs its tier once (the farm's worker does); without
//! one, the cache is what it always was.

use std::sync::{Arc, OnceLock};

use super::CacheKey;

/// Storage for cache entries by key, reachable from every machine of a farm. Calls block;
/// failures are misses (the segment is spoken again), never errors of the render.
pub trait SharedTier: Send + Sync {
    /// The entry's bytes, or None when absent or unreachable.
    fn get(&self, key: &CacheKey) -> Option<Vec<u8>>;
    /// Offer an entry; failing to store it only costs a later miss.
    fn put(&self, key: &CacheKey, entry: &[u8]);
    /// Drop an entry found damaged.
    fn discard(&self, key: &CacheKey);
}

static TIER: OnceLock<Arc<dyn SharedTier>> = OnceLock::new();

/// Put `tier` behind every segment cache of this process. Only the first call counts.
pub fn install(tier: Arc<dyn SharedTier>) {
    let _ = TIER.set(tier);
}

pub(super) fn tier() -> Option<&'static Arc<dyn SharedTier>> {
    TIER.get()
}

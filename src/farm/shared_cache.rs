//! The segment cache's shared tier on the object store `readcast-segments`: entries under the
//! same key as the local cache, so a segment one worker spoke is found by every other.
//!
//! The cache calls from the render's synchronous threads; each call runs on the farm's runtime
//! and waits, bounded by [`CALL_LIMIT`], so a slow server costs a miss rather than a stuck render.

use std::time::Duration;

use async_nats::jetstream::object_store::ObjectStore;
use tokio::io::AsyncReadExt;
use tokio::runtime::Handle;

use crate::cache::CacheKey;
use crate::cache::shared::SharedTier;

/// Longest wait for one entry.
const CALL_LIMIT: Duration = Duration::from_secs(30);
/// Largest entry read: a clip of several minutes; anything bigger is not one of ours.
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;

pub struct ObjectTier {
    handle: Handle,
    store: ObjectStore,
}

impl ObjectTier {
    pub fn new(handle: Handle, store: ObjectStore) -> ObjectTier {
        ObjectTier { handle, store }
    }

    fn wait<T>(&self, work: impl Future<Output = Option<T>>) -> Option<T> {
        self.handle.block_on(async { tokio::time::timeout(CALL_LIMIT, work).await.ok().flatten() })
    }
}

impl SharedTier for ObjectTier {
    fn get(&self, key: &CacheKey) -> Option<Vec<u8>> {
        self.wait(async {
            let object = self.store.get(key.as_str()).await.ok()?;
            if object.info().size as u64 > MAX_ENTRY_BYTES {
                return None;
            }
            let mut bytes = Vec::new();
            // The object store checks its own SHA-256 digest at the end of the read.
            object.take(MAX_ENTRY_BYTES).read_to_end(&mut bytes).await.ok()?;
            Some(bytes)
        })
    }

    fn put(&self, key: &CacheKey, entry: &[u8]) {
        self.wait(async {
            let mut reader = entry;
            self.store.put(key.as_str(), &mut reader).await.ok().map(drop)
        });
    }

    fn discard(&self, key: &CacheKey) {
        self.wait(async { self.store.delete(key.as_str()).await.ok() });
    }
}

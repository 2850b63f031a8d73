//! The segment cache's shared tier on the object store `readcast-segments`: entries under the
//! same key as the local cache, so a segment one worker spoke is found by every other.
//!
//! The cache calls from the render's synchronous threads; each call runs on the farm's runtime
//! and waits, bounded by [`CALL_LIMIT`], so a slow server costs a miss rather than a stuck render.

use std::time::Duration;

use async_nats::jetstream::{self, object_store::ObjectStore};
use tokio::runtime::Handle;

use super::FarmError;
use super::connect::SEGMENTS_BUCKET;
use super::object_read::StoredObject;

use crate::cache::CacheKey;
use crate::cache::shared::SharedTier;

/// Longest wait for one entry.
const CALL_LIMIT: Duration = Duration::from_secs(30);
/// Largest entry read: a clip of several minutes; anything bigger is not one of ours.
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;

pub struct ObjectTier {
    handle: Handle,
    js: jetstream::Context,
    store: ObjectStore,
}

impl ObjectTier {
    pub fn new(handle: Handle, js: jetstream::Context, store: ObjectStore) -> ObjectTier {
        ObjectTier { handle, js, store }
    }

    fn wait<T>(&self, work: impl Future<Output = Option<T>>) -> Option<T> {
        self.handle.block_on(async { tokio::time::timeout(CALL_LIMIT, work).await.ok().flatten() })
    }
}

impl SharedTier for ObjectTier {
    fn get(&self, key: &CacheKey) -> Option<Vec<u8>> {
        self.wait(async {
            let mut object = StoredObject::open(&self.js, &self.store, SEGMENTS_BUCKET, key.as_str()).await.ok()??;
            if object.info.size as u64 > MAX_ENTRY_BYTES {
                return None;
            }
            let mut bytes = Vec::with_capacity(object.info.size);
            loop {
                match object.next_chunk().await {
                    Ok(Some(chunk)) if (bytes.len() + chunk.len()) as u64 <= MAX_ENTRY_BYTES => {
                        bytes.extend_from_slice(&chunk)
                    }
                    Ok(Some(_)) => return None,
                    Ok(None) => return Some(bytes),
                    Err(FarmError::Corrupt { .. }) => {
                        // Damaged in the store: gone, so the segment is spoken and stored again.
                        let _ = self.store.delete(key.as_str()).await;
                        return None;
                    }
                    Err(_) => return None,
                }
            }
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

//! The segment cache's shared tier on the object store `readcast-segments`: entries under the
//! same key as the local cache, so a segment one worker spoke is found by every other.
//!
//! The cache calls from the render's synchronous threads; each call runs on the farm's runtime
//! and waits, bounded by [`CALL_LIMIT`], so a slow server costs a miss rather than a stuck render.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_nats::jetstream;
use async_nats::jetstream::object_store::{ObjectMetadata, ObjectStore};
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
    chunk_size: usize,
    js: jetstream::Context,
    store: ObjectStore,
}

impl ObjectTier {
    pub fn new(handle: Handle, js: jetstream::Context, store: ObjectStore, chunk_size: usize) -> ObjectTier {
        ObjectTier { handle, chunk_size, js, store }
    }

    fn wait<T>(&self, work: impl Future<Output = Option<T>>) -> Option<T> {
        self.handle.block_on(async {
            tokio::time::timeout(CALL_LIMIT, work).await.unwrap_or_else(|_| {
                self.warn_once("no answer", &format!("in {} s", CALL_LIMIT.as_secs()));
                None
            })
        })
    }

    /// Say once per process that the shared tier failed: a miss is harmless, but a tier that
    /// never answers costs every segment again and should be seen.
    fn warn_once(&self, what: &str, error: &dyn std::fmt::Display) {
        static WARNED: AtomicBool = AtomicBool::new(false);
        if !WARNED.swap(true, Ordering::Relaxed) {
            eprintln!("readcast: warning: the shared segment cache: {what}: {error}");
        }
    }
}

impl SharedTier for ObjectTier {
    fn get(&self, key: &CacheKey) -> Option<Vec<u8>> {
        self.wait(async {
            let opened = StoredObject::open(&self.js, &self.store, SEGMENTS_BUCKET, key.as_str()).await;
            let mut object = match opened {
                Ok(object) => object?,
                Err(e) => {
                    self.warn_once("cannot read", &crate::error::one_line(&e));
                    return None;
                }
            };
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
                    Err(e @ FarmError::Corrupt { .. }) => {
                        // Damaged in the store: gone, so the segment is spoken and stored again.
                        self.warn_once("discarded", &e);
                        let _ = self.store.delete(key.as_str()).await;
                        return None;
                    }
                    Err(e) => {
                        self.warn_once("cannot read", &crate::error::one_line(&e));
                        return None;
                    }
                }
            }
        })
    }

    fn put(&self, key: &CacheKey, entry: &[u8]) {
        self.wait(async {
            let mut reader = entry;
            let meta = ObjectMetadata {
                name: key.as_str().to_string(),
                chunk_size: Some(self.chunk_size),
                ..Default::default()
            };
            match self.store.put(meta, &mut reader).await {
                Ok(_) => Some(()),
                Err(e) => {
                    self.warn_once("cannot store", &e);
                    None
                }
            }
        });
    }

    fn discard(&self, key: &CacheKey) {
        self.wait(async { self.store.delete(key.as_str()).await.ok() });
    }
}

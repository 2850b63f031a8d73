//! The segment cache's shared tier on the object store `readcast-segments`: entries under the
//! same key as the local cache, so a segment one worker spoke is found by every other.
//!
//! The cache calls from the render's synchronous threads; each call runs on the farm's runtime
//! and waits, bounded by [`CALL_LIMIT`], so a slow server costs a miss rather than a stuck render.
//! A put does not wait: the entry is stored in the background (at most [`PENDING_PUTS`] at once,
//! so memory stays bounded) while the engine speaks the next segment, and the worker waits for
//! them all ([`ObjectTier::flush`]) before it records the job done, so a job another worker
//! resubmits finds every segment.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_nats::jetstream;
use async_nats::jetstream::object_store::{ObjectMetadata, ObjectStore};
use tokio::runtime::Handle;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::FarmError;
use super::connect::SEGMENTS_BUCKET;
use super::object_read::StoredObject;

use crate::cache::CacheKey;
use crate::cache::shared::SharedTier;

/// Longest wait for one entry.
const CALL_LIMIT: Duration = Duration::from_secs(30);
/// Entries being stored at once; a further put waits for one of them.
const PENDING_PUTS: usize = 8;
/// Largest entry read: a clip of several minutes; anything bigger is not one of ours.
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;

pub struct ObjectTier {
    handle: Handle,
    chunk_size: usize,
    js: jetstream::Context,
    store: ObjectStore,
    /// The puts under way, and the permits that bound them.
    pending: Mutex<JoinSet<()>>,
    permits: Arc<Semaphore>,
}

impl ObjectTier {
    pub fn new(handle: Handle, js: jetstream::Context, store: ObjectStore, chunk_size: usize) -> ObjectTier {
        let (pending, permits) = (Mutex::new(JoinSet::new()), Arc::new(Semaphore::new(PENDING_PUTS)));
        ObjectTier { handle, chunk_size, js, store, pending, permits }
    }

    /// Wait until every entry offered so far is stored (or has failed to be).
    pub async fn flush(&self) {
        let mut pending = match self.pending.lock() {
            Ok(mut pending) => std::mem::take(&mut *pending),
            Err(_) => return,
        };
        while pending.join_next().await.is_some() {}
    }

    fn wait<T>(&self, work: impl Future<Output = Option<T>>) -> Option<T> {
        self.handle.block_on(async {
            tokio::time::timeout(CALL_LIMIT, work).await.unwrap_or_else(|_| {
                warn_once("no answer", &format!("in {} s", CALL_LIMIT.as_secs()));
                None
            })
        })
    }
}

/// Say once per process that the shared tier failed: a miss is harmless, but a tier that never
/// answers costs every segment again and should be seen.
fn warn_once(what: &str, error: &dyn std::fmt::Display) {
    static WARNED: AtomicBool = AtomicBool::new(false);
    if !WARNED.swap(true, Ordering::Relaxed) {
        eprintln!("readcast: warning: the shared segment cache: {what}: {error}");
    }
}

impl SharedTier for ObjectTier {
    fn get(&self, key: &CacheKey) -> Option<Vec<u8>> {
        self.wait(async {
            let opened = StoredObject::open(&self.js, &self.store, SEGMENTS_BUCKET, key.as_str()).await;
            let mut object = match opened {
                Ok(object) => object?,
                Err(e) => {
                    warn_once("cannot read", &crate::error::one_line(&e));
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
                        warn_once("discarded", &e);
                        let _ = self.store.delete(key.as_str()).await;
                        return None;
                    }
                    Err(e) => {
                        warn_once("cannot read", &crate::error::one_line(&e));
                        return None;
                    }
                }
            }
        })
    }

    fn put(&self, key: &CacheKey, entry: &[u8]) {
        // Waits only while PENDING_PUTS entries are on their way already.
        let Ok(permit) = self.handle.block_on(Arc::clone(&self.permits).acquire_owned()) else { return };
        let (store, entry) = (self.store.clone(), entry.to_vec());
        let meta =
            ObjectMetadata { name: key.as_str().to_string(), chunk_size: Some(self.chunk_size), ..Default::default() };
        let put = async move {
            let mut reader = entry.as_slice();
            let stored = tokio::time::timeout(CALL_LIMIT, store.put(meta, &mut reader)).await;
            drop(permit);
            match stored {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => warn_once("cannot store", &e),
                Err(_) => warn_once("no answer", &format!("in {} s", CALL_LIMIT.as_secs())),
            }
        };
        if let Ok(mut pending) = self.pending.lock() {
            pending.spawn_on(put, &self.handle);
        }
    }

    fn discard(&self, key: &CacheKey) {
        self.wait(async { self.store.delete(key.as_str()).await.ok() });
    }
}

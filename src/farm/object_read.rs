//! Reading an object of an object store chunk by chunk with direct gets.
//!
//! `ObjectStore::get` makes a consumer on the bucket's stream for every object read. For a
//! shared cache read once per segment that is a lot of consumers for the server to place, and in
//! a cluster that has lost a server (nats-server 2.9) each placement can wait out a timeout. A
//! direct get asks the stream for the next message on the object's chunk subject: no consumer,
//! any replica answers. The object's SHA-256 is checked at the end, as the client would.

use async_nats::jetstream::object_store::{InfoErrorKind, ObjectInfo, ObjectStore};
use async_nats::jetstream::{self, stream::Stream};
use base64::Engine;
use bytes::Bytes;
use sha2::{Digest, Sha256};

use super::FarmError;

/// An object being read: its description, then its chunks in order.
pub struct StoredObject {
    pub info: ObjectInfo,
    stream: Stream<()>,
    subject: String,
    next_sequence: u64,
    chunks_read: usize,
    hasher: Sha256,
}

impl StoredObject {
    /// The object `name` of `bucket`, or None when there is no such object.
    pub async fn open(
        js: &jetstream::Context,
        store: &ObjectStore,
        bucket: &str,
        name: &str,
    ) -> Result<Option<StoredObject>, FarmError> {
        let what = || format!("cannot read {name} from {bucket}");
        let info = match store.info(name).await {
            Ok(info) if !info.deleted => info,
            Ok(_) => return Ok(None),
            Err(e) if e.kind() == InfoErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(FarmError::request(what())(e)),
        };
        let stream = js.get_stream_no_info(format!("OBJ_{bucket}")).await.map_err(FarmError::request(what()))?;
        let subject = format!("$O.{bucket}.C.{}", info.nuid);
        Ok(Some(StoredObject { info, stream, subject, next_sequence: 1, chunks_read: 0, hasher: Sha256::new() }))
    }

    /// The next chunk; None after the last, once the whole object's digest has matched.
    pub async fn next_chunk(&mut self) -> Result<Option<Bytes>, FarmError> {
        if self.chunks_read == self.info.chunks {
            return self.check_digest().map(|()| None);
        }
        let what = format!("cannot read {} from {}", self.info.name, self.info.bucket);
        let message = self
            .stream
            .direct_get_next_for_subject(self.subject.clone(), Some(self.next_sequence))
            .await
            .map_err(FarmError::request(what))?;
        self.next_sequence = message.sequence + 1;
        self.chunks_read += 1;
        self.hasher.update(&message.payload);
        Ok(Some(message.payload))
    }

    fn check_digest(&mut self) -> Result<(), FarmError> {
        let digest = std::mem::take(&mut self.hasher).finalize();
        let ours = format!("SHA-256={}", base64::engine::general_purpose::URL_SAFE.encode(digest));
        match &self.info.digest {
            Some(stored) if *stored != ours => Err(FarmError::Corrupt { object: self.info.name.clone() }),
            _ => Ok(()),
        }
    }
}

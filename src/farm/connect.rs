//! Reaching the farm: one connection to a NATS server with JetStream, and the queue, the job
//! table and the two object stores, created on first use with the same settings by whichever
//! command gets there first.
//!
//! | name                 | kind                         | holds                                  |
//! |----------------------|------------------------------|----------------------------------------|
//! | `READCAST_JOBS`      | stream, work-queue retention | one message per job waiting or running |
//! | `readcast-jobs`      | key-value bucket             | each job's state, by job id            |
//! | `readcast-episodes`  | object store                 | finished episodes' files, `<id>/<file>`|
//! | `readcast-segments`  | object store                 | spoken segments, by cache key          |

use std::path::PathBuf;
use std::time::Duration;

use async_nats::jetstream::{self, consumer, kv, object_store, stream};

use super::FarmError;
use super::patience::through_elections;

pub const JOBS_STREAM: &str = "READCAST_JOBS";
pub const JOBS_SUBJECT: &str = "readcast.jobs";
pub const JOBS_BUCKET: &str = "readcast-jobs";
pub const EPISODES_BUCKET: &str = "readcast-episodes";
pub const SEGMENTS_BUCKET: &str = "readcast-segments";
/// The durable consumer every worker pulls from: one consumer, so each job goes to one worker.
pub const WORKERS_CONSUMER: &str = "readcast-workers";
/// Workers publish `<prefix>.<job id>` as they go; `submit --wait` listens.
pub const PROGRESS_PREFIX: &str = "readcast.progress";

/// How to reach the farm and how its queue behaves.
#[derive(Debug, Clone)]
pub struct FarmSettings {
    pub url: String,
    /// A NATS credentials file (JWT and seed); never a password on the command line.
    pub creds: Option<PathBuf>,
    /// How long a job may go without word from its worker before it is given to another.
    /// Default: 30 s. Workers report every third of it while rendering.
    pub ack_wait: Duration,
    /// Attempts at a job before it is marked failed. Default: 3.
    pub max_deliver: i64,
    /// Copies of the queue and stores in a cluster. Default: 1 (one server).
    pub replicas: usize,
}

/// A connection to the farm with its queue and stores at hand.
pub struct Farm {
    pub client: async_nats::Client,
    pub js: jetstream::Context,
    pub jobs: kv::Store,
    pub episodes: object_store::ObjectStore,
    pub segments: object_store::ObjectStore,
    pub settings: FarmSettings,
}

/// The largest object chunk: one message each, so fewer chunks are fewer round trips (the
/// client's default of 128 KiB made an episode's WAV some 150 acknowledged messages).
const MAX_CHUNK: usize = 1024 * 1024;

impl Farm {
    /// The chunk size for objects stored now: [`MAX_CHUNK`] or the server's message limit.
    pub fn chunk_size(&self) -> usize {
        match self.client.server_info().max_payload {
            0 => 128 * 1024,
            limit => limit.min(MAX_CHUNK),
        }
    }

    /// An object's description for a put, in chunks of [`Farm::chunk_size`].
    pub fn object_meta(&self, name: &str) -> object_store::ObjectMetadata {
        object_store::ObjectMetadata {
            name: name.to_string(),
            chunk_size: Some(self.chunk_size()),
            ..Default::default()
        }
    }
}

/// Connect and make sure the queue and stores exist.
pub async fn connect(settings: &FarmSettings) -> Result<Farm, FarmError> {
    let url = settings.url.clone();
    let mut options = async_nats::ConnectOptions::new().name("readcast").connection_timeout(Duration::from_secs(5));
    if let Some(path) = &settings.creds {
        options = options
            .credentials_file(path)
            .await
            .map_err(|source| FarmError::Credentials { path: path.clone(), source })?;
    }
    // Several servers of a cluster, comma-separated; the client also learns the others from them.
    let servers: Vec<&str> = url.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let client = options.connect(servers.as_slice()).await.map_err(|source| {
        use async_nats::ConnectErrorKind::{Authentication, AuthorizationViolation};
        match source.kind() {
            AuthorizationViolation | Authentication => FarmError::Refused { url: url.clone(), source },
            _ => FarmError::Unreachable { url: url.clone(), source },
        }
    })?;
    let js = jetstream::new(client.clone());
    // Without JetStream the account query has no responder: say so rather than fail later. (An
    // answer this client cannot parse, as from a 2.9 server, still means JetStream is there.)
    if let Err(e) = js.query_account().await {
        use async_nats::jetstream::context::AccountErrorKind;
        if matches!(e.kind(), AccountErrorKind::JetStreamUnavailable | AccountErrorKind::JetStream(_)) {
            return Err(FarmError::NoJetStream { url: url.clone() });
        }
    }
    let (jobs, episodes, segments) = through_elections(|| create_stores(&js, settings)).await?;
    Ok(Farm { client, js, jobs, episodes, segments, settings: settings.clone() })
}

async fn create_stores(
    js: &jetstream::Context,
    settings: &FarmSettings,
) -> Result<(kv::Store, object_store::ObjectStore, object_store::ObjectStore), FarmError> {
    js.get_or_create_stream(stream::Config {
        name: JOBS_STREAM.to_string(),
        subjects: vec![JOBS_SUBJECT.to_string()],
        retention: stream::RetentionPolicy::WorkQueue,
        storage: stream::StorageType::File,
        num_replicas: settings.replicas,
        // The same submission within this window is dropped by the server as well.
        duplicate_window: Duration::from_secs(120),
        ..Default::default()
    })
    .await
    .map_err(FarmError::request(format!("cannot create the stream {JOBS_STREAM}")))?;
    let jobs = job_table(js, settings).await?;
    let episodes = object_store(js, EPISODES_BUCKET, settings.replicas).await?;
    let segments = object_store(js, SEGMENTS_BUCKET, settings.replicas).await?;
    Ok((jobs, episodes, segments))
}

/// The job table. Its stream is made here in the key-value layout (one message per key, rollups,
/// direct gets) rather than by `create_key_value`, which first reads the account's limits in a
/// form nats-server 2.9 does not send.
async fn job_table(js: &jetstream::Context, settings: &FarmSettings) -> Result<kv::Store, FarmError> {
    if let Ok(store) = js.get_key_value(JOBS_BUCKET).await {
        return Ok(store);
    }
    let created = js.get_or_create_stream(stream::Config {
        name: format!("KV_{JOBS_BUCKET}"),
        subjects: vec![format!("$KV.{JOBS_BUCKET}.>")],
        max_messages_per_subject: 1,
        storage: stream::StorageType::File,
        num_replicas: settings.replicas,
        allow_rollup: true,
        deny_delete: true,
        allow_direct: true,
        discard: stream::DiscardPolicy::New,
        ..Default::default()
    });
    let created = created.await;
    match js.get_key_value(JOBS_BUCKET).await {
        Ok(store) => Ok(store),
        Err(e) => Err(match created {
            Err(create) => FarmError::request(format!("cannot create the bucket {JOBS_BUCKET}"))(create),
            Ok(_) => FarmError::request(format!("cannot open the bucket {JOBS_BUCKET}"))(e),
        }),
    }
}

async fn object_store(
    js: &jetstream::Context,
    bucket: &str,
    replicas: usize,
) -> Result<object_store::ObjectStore, FarmError> {
    if let Ok(store) = js.get_object_store(bucket).await {
        return Ok(store);
    }
    let created = js
        .create_object_store(object_store::Config {
            bucket: bucket.to_string(),
            storage: stream::StorageType::File,
            num_replicas: replicas,
            ..Default::default()
        })
        .await;
    match created {
        Ok(store) => Ok(store),
        // Another command made it first (or an earlier attempt did, and its answer was lost).
        Err(e) => js
            .get_object_store(bucket)
            .await
            .map_err(|_| FarmError::request(format!("cannot create the object store {bucket}"))(e)),
    }
}

impl Farm {
    /// The workers' shared pull consumer on the queue.
    pub async fn consumer(&self) -> Result<consumer::PullConsumer, FarmError> {
        let stream = self
            .js
            .get_stream(JOBS_STREAM)
            .await
            .map_err(FarmError::request(format!("cannot open the stream {JOBS_STREAM}")))?;
        stream
            .get_or_create_consumer(
                WORKERS_CONSUMER,
                consumer::pull::Config {
                    durable_name: Some(WORKERS_CONSUMER.to_string()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: self.settings.ack_wait,
                    // One delivery more than the attempts: a job whose workers all died mid-job
                    // comes back once more, and that worker records it failed instead of
                    // rendering it (otherwise it would stay "running" for ever).
                    max_deliver: self.settings.max_deliver + 1,
                    ..Default::default()
                },
            )
            .await
            .map_err(FarmError::request("cannot open the workers' consumer"))
    }
}

/// A runtime for the farm's network work: the rest of readcast stays synchronous and calls in
/// through `block_on`.
pub fn runtime() -> Result<tokio::runtime::Runtime, FarmError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("readcast-farm")
        .build()
        .map_err(FarmError::Runtime)
}

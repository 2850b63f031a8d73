//! A job's state in the bucket `readcast-jobs`: what `farm` shows, what `collect` fetches, and
//! how a resubmission or a redelivery learns that the job is already done.

use serde::{Deserialize, Serialize};

use std::sync::atomic::{AtomicUsize, Ordering};

use super::FarmError;
use super::connect::{Farm, JOBS_BUCKET};
use super::patience::through_elections;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Queued,
    Running,
    Done,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRecord {
    pub state: State,
    pub slug: String,
    pub title: String,
    pub source: String,
    pub segments: usize,
    /// The worker running or last running the job.
    pub worker: Option<String>,
    /// Delivery attempts so far.
    pub attempts: i64,
    /// Why the job failed (or why the last attempt did).
    pub error: Option<String>,
    /// The episode's files in `readcast-episodes`, as `<job id>/<file name>`.
    pub files: Vec<String>,
    pub synthesized: usize,
    pub cached: usize,
    pub duration_s: f64,
    /// Wall time of the render on its worker.
    pub render_s: f64,
    /// When the job was done, in seconds since 1970 (the newest of two episodes with the same
    /// folder name is the one `collect` keeps).
    #[serde(default)]
    pub finished_at: f64,
}

impl JobRecord {
    pub fn queued(slug: &str, title: &str, source: &str, segments: usize) -> JobRecord {
        JobRecord {
            state: State::Queued,
            slug: slug.to_string(),
            title: title.to_string(),
            source: source.to_string(),
            segments,
            worker: None,
            attempts: 0,
            error: None,
            files: Vec::new(),
            synthesized: 0,
            cached: 0,
            duration_s: 0.0,
            render_s: 0.0,
            finished_at: 0.0,
        }
    }

    pub fn to_bytes(&self) -> bytes::Bytes {
        serde_json::to_vec(self).unwrap_or_default().into()
    }
}

impl Farm {
    /// The job's record, if the farm has seen it (an unreadable record counts as unseen).
    pub async fn record(&self, id: &str) -> Result<Option<JobRecord>, FarmError> {
        let read = || async {
            self.jobs.get(id).await.map_err(FarmError::request(format!("cannot read the state of job {id}")))
        };
        let bytes = through_elections(read).await?;
        Ok(bytes.and_then(|b| serde_json::from_slice(&b).ok()))
    }

    pub async fn set_record(&self, id: &str, record: &JobRecord) -> Result<(), FarmError> {
        let write = || async {
            self.jobs
                .put(id, record.to_bytes())
                .await
                .map(drop)
                .map_err(FarmError::request(format!("cannot record the state of job {id}")))
        };
        through_elections(write).await
    }

    /// Record a new job; false when a record was already there (the job was submitted before).
    pub async fn create_record(&self, id: &str, record: &JobRecord) -> Result<bool, FarmError> {
        use async_nats::jetstream::kv::CreateErrorKind;
        let attempts = AtomicUsize::new(0);
        let create = || async {
            let attempt = attempts.fetch_add(1, Ordering::Relaxed);
            match self.jobs.create(id, record.to_bytes()).await {
                Ok(_) => Ok(true),
                // A record found on a second attempt is the first attempt's, whose answer was
                // lost: still this submission's to queue (a second copy of the job is dropped
                // by the server's duplicate window).
                Err(e) if e.kind() == CreateErrorKind::AlreadyExists => Ok(attempt > 0),
                Err(e) => Err(FarmError::request(format!("cannot record job {id}"))(e)),
            }
        };
        through_elections(create).await
    }

    /// Every job's id and record.
    pub async fn records(&self) -> Result<Vec<(String, JobRecord)>, FarmError> {
        // A cluster that lost a server answers again once it has elected new leaders, within
        // seconds: a few attempts before giving up.
        let mut attempt = 1;
        let keys = loop {
            match self.job_ids().await {
                Ok(keys) => break keys,
                Err(_) if attempt < LIST_ATTEMPTS => {
                    attempt += 1;
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
                Err(e) => return Err(e),
            }
        };
        let mut out = Vec::with_capacity(keys.len());
        for id in keys {
            if let Some(record) = self.record(&id).await? {
                out.push((id, record));
            }
        }
        Ok(out)
    }

    /// The job ids, from the subjects of the bucket's stream: a stream info request, answered
    /// by the stream's leader, where `keys()` would make a consumer.
    async fn job_ids(&self) -> Result<Vec<String>, FarmError> {
        use futures_util::TryStreamExt;
        let what = "cannot list the jobs";
        let stream = self.js.get_stream_no_info(format!("KV_{JOBS_BUCKET}")).await.map_err(FarmError::request(what))?;
        let prefix = format!("$KV.{JOBS_BUCKET}.");
        let subjects: Vec<(String, usize)> = stream
            .info_with_subjects(format!("{prefix}>"))
            .await
            .map_err(FarmError::request(what))?
            .try_collect()
            .await
            .map_err(FarmError::request(what))?;
        let mut ids: Vec<String> =
            subjects.into_iter().filter_map(|(subject, _)| subject.strip_prefix(&prefix).map(str::to_string)).collect();
        ids.sort();
        Ok(ids)
    }
}

/// Attempts at listing the jobs.
const LIST_ATTEMPTS: u32 = 5;

//! A job's state in the bucket `readcast-jobs`: what `farm` shows, what `collect` fetches, and
//! how a resubmission or a redelivery learns that the job is already done.

use serde::{Deserialize, Serialize};

use super::FarmError;
use super::connect::Farm;

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
        }
    }

    pub fn to_bytes(&self) -> bytes::Bytes {
        serde_json::to_vec(self).unwrap_or_default().into()
    }
}

impl Farm {
    /// The job's record, if the farm has seen it (an unreadable record counts as unseen).
    pub async fn record(&self, id: &str) -> Result<Option<JobRecord>, FarmError> {
        let bytes =
            self.jobs.get(id).await.map_err(FarmError::request(format!("cannot read the state of job {id}")))?;
        Ok(bytes.and_then(|b| serde_json::from_slice(&b).ok()))
    }

    pub async fn set_record(&self, id: &str, record: &JobRecord) -> Result<(), FarmError> {
        self.jobs
            .put(id, record.to_bytes())
            .await
            .map(drop)
            .map_err(FarmError::request(format!("cannot record the state of job {id}")))
    }

    /// Record a new job; false when a record was already there (the job was submitted before).
    pub async fn create_record(&self, id: &str, record: &JobRecord) -> Result<bool, FarmError> {
        use async_nats::jetstream::kv::CreateErrorKind;
        match self.jobs.create(id, record.to_bytes()).await {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == CreateErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(FarmError::request(format!("cannot record job {id}"))(e)),
        }
    }

    /// Every job's id and record.
    pub async fn records(&self) -> Result<Vec<(String, JobRecord)>, FarmError> {
        use futures_util::TryStreamExt;
        let keys: Vec<String> = match self.jobs.keys().await {
            Ok(keys) => keys.try_collect().await.map_err(FarmError::request("cannot list the jobs"))?,
            Err(e) => return Err(FarmError::request("cannot list the jobs")(e)),
        };
        let mut out = Vec::with_capacity(keys.len());
        for id in keys {
            if let Some(record) = self.record(&id).await? {
                out.push((id, record));
            }
        }
        Ok(out)
    }
}

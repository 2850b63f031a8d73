//! One job rendered on a worker, synchronously, by the same code as `render`: the job's
//! settings laid over the worker's own, the engine the job names, the script rebuilt from the
//! cleaned article and checked against the submitted segment ids, then `render_prepared`.

use std::path::Path;
use std::sync::Mutex;

use super::FarmError;
use super::job::Job;
use crate::casting::VoicePlan;
use crate::commands::render::backend_options;
use crate::config::Config;
use crate::error::Error;
use crate::ingest::InputSource;
use crate::pipeline::prepare_article;
use crate::progress::Progress;
use crate::render::{RenderedEpisode, render_prepared};
use crate::synth::VoiceSet;
use crate::synth::registry::{self, BackendName};

pub fn render_job(job: &Job, base: &Config, out: &Path, progress: &Mutex<Progress>) -> Result<RenderedEpisode, Error> {
    let mut config = base.clone();
    job.settings.apply(&mut config);
    config.out_dir = out.to_path_buf();
    let engine: BackendName = serde_json::from_value(serde_json::Value::String(job.settings.backend.clone()))
        .map_err(|_| bad_job(job, format!("unknown engine {}", job.settings.backend)))?;
    config.backend = Some(engine);
    let options = backend_options(&config);
    let (backend, _) = registry::choose(Some(engine), &options)?;
    let version = backend.check()?;
    registry::validate_voice(backend.as_ref())?;
    let voices = VoiceSet::new(backend, &options);
    let plan = VoicePlan::new(&config, &voices)?;
    let prepared = prepare_article(job.article(), &job.source, &config, &plan);
    let ids: Vec<&str> = prepared.segments.iter().map(|s| s.id.as_str()).collect();
    if ids != job.segment_ids {
        return Err(bad_job(job, "this worker's readcast makes a different script of it (another version?)".into()));
    }
    let source = InputSource::parse(&job.source);
    render_prepared(&source, prepared, &job.slug, &config, &voices, &version, progress)
}

fn bad_job(job: &Job, reason: String) -> Error {
    Error::Farm(FarmError::BadJob { id: job.id(), reason })
}

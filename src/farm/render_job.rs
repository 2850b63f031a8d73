//! One job rendered on a worker, synchronously, by the same code as `render`: the job's
//! settings and show laid over the worker's own, the engine the job names (kept from the last
//! job when it is the same), the script rebuilt from the cleaned article and checked against the
//! submitted segment ids, then `render_prepared`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::FarmError;
use super::job::Job;
use crate::casting::VoicePlan;
use crate::commands::render::backend_options;
use crate::commands::shared_backend::{Permits, SharedBackend};
use crate::config::Config;
use crate::error::Error;
use crate::ingest::InputSource;
use crate::pipeline::prepare_article;
use crate::progress::Progress;
use crate::render::{RenderedEpisode, render_prepared};
use crate::synth::VoiceSet;
use crate::synth::registry::{self, BackendName};

/// `cover` is the job's cover, fetched from the farm by the worker.
pub fn render_job(
    job: &Job,
    base: &Config,
    out: &Path,
    cover: Option<PathBuf>,
    progress: &Mutex<Progress>,
) -> Result<RenderedEpisode, Error> {
    let mut config = base.clone();
    job.settings.apply(&mut config);
    job.show.apply(&mut config, cover);
    config.out_dir = out.to_path_buf();
    let engine_name: BackendName = serde_json::from_value(serde_json::Value::String(job.settings.backend.clone()))
        .map_err(|_| bad_job(job, format!("unknown engine {}", job.settings.backend)))?;
    config.backend = Some(engine_name);
    let (voices, version, permits) = engine(engine_name, &config)?;
    let plan = VoicePlan::new(&config, &voices)?;
    let prepared = prepare_article(job.article(), &job.source, &config, &plan);
    let ids: Vec<&str> = prepared.segments.iter().map(|s| s.id.as_str()).collect();
    if ids != job.segment_ids {
        return Err(bad_job(job, "this worker's readcast makes a different script of it (another version?)".into()));
    }
    let source = InputSource::parse(&job.source);
    // Jobs run side by side on a worker draw on the same `--jobs` engine calls, as the
    // articles of one `render` do.
    let shared = SharedBackend::sharing(voices.as_ref(), permits);
    render_prepared(&source, prepared, &job.slug, &config, &shared, &version, progress)
}

/// The engine of the last job, kept for the next: an engine costs to start (espeak-ng's worker
/// processes load the library and voice; a Piper voice loads its model), and `render` starts it
/// once for all its articles. One worker per process, so one slot; only the job's engine, voice
/// and rate change from job to job (the rest of the options are the worker's own).
static LAST_ENGINE: Mutex<Option<KeptEngine>> = Mutex::new(None);

struct KeptEngine {
    key: (BackendName, Option<String>, u32),
    voices: Arc<VoiceSet>,
    version: String,
    permits: Arc<Permits>,
}

/// The job's engine, checked (installed, voice known), from the last job's when it is the same.
fn engine(name: BackendName, config: &Config) -> Result<(Arc<VoiceSet>, String, Arc<Permits>), Error> {
    let options = backend_options(config);
    let key = (name, options.voice.clone(), options.rate);
    let mut last = LAST_ENGINE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(kept) = last.as_ref().filter(|kept| kept.key == key) {
        return Ok((Arc::clone(&kept.voices), kept.version.clone(), Arc::clone(&kept.permits)));
    }
    // Another engine: the old one's processes end before the new one's start.
    *last = None;
    let (backend, _) = registry::choose(Some(name), &options)?;
    let version = backend.check()?;
    registry::validate_voice(backend.as_ref())?;
    let voices = Arc::new(VoiceSet::new(backend, &options));
    let permits = Permits::new(config.jobs);
    *last =
        Some(KeptEngine { key, voices: Arc::clone(&voices), version: version.clone(), permits: Arc::clone(&permits) });
    Ok((voices, version, permits))
}

fn bad_job(job: &Job, reason: String) -> Error {
    Error::Farm(FarmError::BadJob { id: job.id(), reason })
}

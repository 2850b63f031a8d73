//! `readcast render`: every input into an episode.
//!
//! Inputs are files, URLs, standard input or folders (each folder stands for the article files
//! inside). All inputs are first read and segmented, which is quick and needs no engine, so the
//! whole run's work is known and shown as one progress display. Then up to [`MAX_LANES`]
//! articles are rendered side by side, sharing `--jobs` engine processes between them. A failed
//! input does not stop the others: every failure is reported at the end, and the exit code is
//! non-zero when any input failed.

use std::collections::HashSet;
use std::sync::Mutex;

use crate::casting::VoicePlan;
use crate::cli::{Cli, RenderArgs};
use crate::config::Config;
use crate::episode_folder::choose_slug;
use crate::error::{Error, one_line};
use crate::ingest::{InputSource, expand_inputs};
use crate::pipeline::{Prepared, prepare};
use crate::progress::{Progress, ProgressMode};
use crate::render::{RenderedEpisode, render_prepared};
use crate::synth::VoiceSet;
use crate::synth::{BackendOptions, registry};

use super::shared_backend::SharedBackend;

/// Articles rendered at the same time at most. A few keep the engine busy across article ends;
/// more would only hold more episodes half-written at once.
pub const MAX_LANES: usize = 4;

pub fn run(cli: &Cli, args: &RenderArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.apply(&mut config)?;
    if !args.publish {
        return run_with_config(&config, &args.inputs);
    }
    // A show the feed would refuse is reported before any synthesis, not after it.
    let show = super::feed::checked_show(&config)?;
    match run_with_config(&config, &args.inputs) {
        Ok(()) => super::feed::publish(&config, &show).map(drop),
        // The episodes that were rendered still go out; the failures are reported as well.
        Err(failed @ Error::SomeInputsFailed { .. }) => {
            super::feed::publish(&config, &show)?;
            Err(failed)
        }
        Err(e) => Err(e),
    }
}

pub fn backend_options(config: &Config) -> BackendOptions {
    BackendOptions {
        voice: config.voice.clone(),
        rate: config.rate,
        timeout: config.segment_timeout,
        jobs: config.jobs,
        command: config.command.clone(),
    }
}

/// The outcome of one input: its position on the command line, its name, and what happened.
pub(crate) type Outcome = (usize, String, Result<RenderedEpisode, Error>);

/// An input read and segmented, waiting for its voice (`submit` queues these for the farm).
pub(crate) struct Job {
    pub(crate) source: InputSource,
    pub(crate) prepared: Prepared,
    pub(crate) slug: String,
}

/// An input that failed before or during its render: its position, its name, the error.
pub(crate) type Failure = (usize, String, Error);

pub fn run_with_config(config: &Config, inputs: &[String]) -> Result<(), Error> {
    let (backend, version, choice_note) = ready_backend(config)?;
    if let Some(cover) = &config.show.image {
        // A bad cover should stop the run before any synthesis, not after every episode's.
        crate::publish::Cover::load(cover)?;
    }
    let plan = VoicePlan::new(config, &backend)?;
    // Said once every voice is known to work: a failure has its own one line instead.
    if let Some(note) = choice_note.filter(|_| !config.quiet) {
        eprintln!("readcast: {note}");
    }
    let (jobs, mut failures, total_inputs) = prepare_inputs(inputs, config, &plan);
    if !jobs.is_empty() {
        // Made only once there is an episode to put in it: bad input leaves no empty folder.
        std::fs::create_dir_all(&config.out_dir).map_err(Error::output(&config.out_dir))?;
    }
    let outcomes = render_jobs(jobs, config, &backend, &version);
    // Reported in input order, so the output does not depend on which article finished first.
    for (index, name, outcome) in outcomes {
        match outcome {
            Ok(episode) => report_episode(&name, &episode, config.quiet),
            Err(e) => failures.push((index, name, e)),
        }
    }
    failures.sort_by_key(|(index, _, _)| *index);
    conclude(failures, total_inputs)
}

/// The engine to speak with, checked (installed, voice known), its version, and the note that
/// says which engine was chosen when none was named.
pub(crate) fn ready_backend(config: &Config) -> Result<(VoiceSet, String, Option<String>), Error> {
    let options = backend_options(config);
    let (backend, choice_note) = registry::choose(config.backend, &options)?;
    let version = backend.check()?;
    registry::validate_voice(backend.as_ref())?;
    Ok((VoiceSet::new(backend, &options), version, choice_note))
}

/// Read and segment every input (quick, no engine); a failure is kept for the report at the end.
/// Returns the jobs, the failures and how many inputs there were.
pub(crate) fn prepare_inputs(
    inputs: &[String],
    config: &Config,
    plan: &VoicePlan,
) -> (Vec<(usize, Job)>, Vec<Failure>, usize) {
    let mut failures = Vec::new();
    let mut jobs = Vec::new();
    let mut taken = HashSet::new();
    let expanded = expand_inputs(inputs);
    let total_inputs = expanded.len();
    for (index, item) in expanded.into_iter().enumerate() {
        let source = match item {
            Ok(source) => source,
            Err((name, e)) => {
                failures.push((index, name, e.into()));
                continue;
            }
        };
        match prepare(&source, config, plan) {
            Ok(prepared) => {
                let slug = choose_slug(&config.out_dir, &source, &prepared.article, &mut taken, config.quiet);
                jobs.push((index, Job { source, prepared, slug }));
            }
            Err(e) => failures.push((index, source.display_name(), e)),
        }
    }
    (jobs, failures, total_inputs)
}

/// Render the jobs, up to [`MAX_LANES`] articles side by side sharing `--jobs` engine calls,
/// under one progress display; the outcomes come back in input order.
pub(crate) fn render_jobs(
    jobs: Vec<(usize, Job)>,
    config: &Config,
    backend: &dyn crate::synth::Backend,
    version: &str,
) -> Vec<Outcome> {
    let total_segments: usize = jobs.iter().map(|(_, job)| job.prepared.segments.len()).sum();
    let label = match jobs.as_slice() {
        [(_, job)] => job.slug.clone(),
        _ => format!("{} articles", jobs.len()),
    };
    // Each lane takes its job: the render keeps the article's text (moved into the manifest)
    // rather than a copy beside the one held here.
    let slots: Vec<Mutex<Option<(usize, Job)>>> = jobs.into_iter().map(|job| Mutex::new(Some(job))).collect();
    let progress = Mutex::new(Progress::new(ProgressMode::detect(config.quiet), &label, total_segments as u64));
    let shared = SharedBackend::new(backend, config.jobs);
    let lanes = config.jobs.min(MAX_LANES);
    let mut outcomes = Vec::with_capacity(slots.len());
    let rendered = crate::synth::pool::run_in_order(
        slots.len(),
        lanes,
        |position| {
            // Every position is taken once, so the slot is always full; an empty one renders nothing.
            let taken = slots[position].lock().ok().and_then(|mut slot| slot.take());
            let outcome = taken.map(|(index, job)| {
                let outcome =
                    render_prepared(&job.source, job.prepared, &job.slug, config, &shared, version, &progress);
                (index, job.source.display_name(), outcome)
            });
            Ok::<Option<Outcome>, std::convert::Infallible>(outcome)
        },
        |_, outcome| {
            outcomes.extend(outcome);
            Ok(())
        },
    );
    let Ok(()) = rendered;
    if let Ok(progress) = progress.lock() {
        progress.finish();
    }
    outcomes
}

fn report_episode(name: &str, episode: &RenderedEpisode, quiet: bool) {
    if !quiet {
        eprintln!(
            "readcast: {name}: {} segments ({} synthesized, {} from cache), {:.1} s of audio",
            episode.segments, episode.synthesized, episode.cached, episode.duration_s
        );
    }
    for file in &episode.files {
        println!("{}", file.display());
    }
}

/// The run's result from its failures: an interruption as such (exit 130/143); one input's
/// error as it is; for many inputs each failure on its own line, then how many failed.
pub(crate) fn conclude(mut failures: Vec<Failure>, total_inputs: usize) -> Result<(), Error> {
    if let Some(position) = failures.iter().position(|(_, _, e)| matches!(e, Error::Interrupted(_))) {
        return Err(failures.swap_remove(position).2);
    }
    if total_inputs == 1 {
        return match failures.pop() {
            Some((_, _, e)) => Err(e),
            None => Ok(()),
        };
    }
    for (_, name, e) in &failures {
        let line = one_line(e);
        if line.contains(name.as_str()) {
            eprintln!("readcast: error: {line}");
        } else {
            eprintln!("readcast: error: {name}: {line}");
        }
    }
    match (failures.len(), total_inputs) {
        (_, 0) => Err(Error::NoInputs),
        (0, _) => Ok(()),
        (failed, total) => Err(Error::SomeInputsFailed { failed, total }),
    }
}

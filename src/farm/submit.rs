//! `readcast submit`: read and prepare the inputs here, as `render` does, and queue one job per
//! article. A job already known to the farm (the same article with the same settings) is not
//! queued again; a failed one is. `--wait` follows every job to its end under one progress
//! display fed by the workers' reports.

use std::collections::HashMap;
use std::time::Duration;

use async_nats::jetstream::message::PublishMessage;
use futures_util::StreamExt;

use super::FarmError;
use super::connect::{Farm, FarmSettings, JOBS_SUBJECT, PROGRESS_PREFIX, connect, runtime};
use super::episode_store::{cover_object, store_cover};
use super::job::{Job, JobSettings, WireShow};
use super::patience::through_elections;
use super::record::{JobRecord, State};
use crate::casting::VoicePlan;
use crate::commands::render::{backend_options, conclude, prepare_inputs};
use crate::config::Config;
use crate::error::Error;
use crate::progress::{Progress, ProgressMode};
use crate::synth::{VoiceSet, registry};

/// How often `--wait` reads the state of the jobs not finished yet. A worker's final report
/// (see [`END_REPORT`]) wakes it at once; this only catches a report lost on the way (core
/// NATS messages are sent once, and one sent before `--wait` listened is never seen).
const STATE_POLL: Duration = Duration::from_secs(2);

/// How often `--wait` looks for Ctrl-C.
const CANCEL_POLL: Duration = Duration::from_millis(200);

/// The payload of a worker's last progress report on a job: done or failed, read the record.
pub const END_REPORT: &str = "end";

pub fn run(settings: &FarmSettings, config: &Config, inputs: &[String], wait: bool) -> Result<(), Error> {
    // The engine is only named here (its name and voice go into the segment ids); it speaks on
    // the workers.
    let options = backend_options(config);
    let (backend, _) = registry::choose(config.backend, &options)?;
    let voices = VoiceSet::new(backend, &options);
    let plan = VoicePlan::new(config, &voices)?;
    let job_settings = JobSettings::from_config(config, &plan.casting);
    // The cover travels as an object of its own; checked here, as `render` checks it.
    let cover = config.show.image.as_deref().map(crate::publish::Cover::load).transpose()?;
    let cover_object = cover.as_ref().map(|c| cover_object(&c.data));
    let show = WireShow::from_config(config, cover_object.clone());
    let (prepared, failures, total_inputs) = prepare_inputs(inputs, config, &plan);
    let jobs: Vec<Job> = prepared
        .iter()
        .map(|(_, p)| {
            let (source, prepared) = (p.source.display_name(), &p.prepared);
            let (article, segments) = (&prepared.article, &prepared.segments);
            Job::new(source, p.slug.clone(), article, segments, job_settings.clone(), show.clone())
        })
        .collect();
    if jobs.is_empty() {
        // Nothing to queue: the inputs' errors are the whole answer.
        return conclude(failures, total_inputs);
    }
    let runtime = runtime()?;
    let farm = runtime.block_on(connect(settings))?;
    if let (Some(cover), Some(object)) = (&cover, &cover_object) {
        runtime.block_on(store_cover(&farm, object, &cover.data))?;
    }
    // Listening before queuing: a job quick to end reports it before `queue_all` returns.
    let reports = match wait {
        true => Some(
            runtime
                .block_on(farm.client.subscribe(format!("{PROGRESS_PREFIX}.*")))
                .map_err(FarmError::request("cannot follow the workers"))?,
        ),
        false => None,
    };
    runtime.block_on(queue_all(&farm, &jobs))?;
    let failed_jobs = match reports {
        Some(reports) => runtime.block_on(wait_for(&farm, &jobs, reports, config.quiet))?,
        None => 0,
    };
    conclude(failures, total_inputs)?;
    match failed_jobs {
        0 => Ok(()),
        failed => Err(FarmError::JobsFailed { failed, total: jobs.len() }.into()),
    }
}

/// Queue every job the farm does not know yet; print each id with its episode's slug.
async fn queue_all(farm: &Farm, jobs: &[Job]) -> Result<(), Error> {
    for job in jobs {
        let id = job.id();
        let record = JobRecord::queued(&job.slug, &job.article.title, &job.source, job.segment_ids.len());
        // The record is made first and only once: of two submissions of the same job, one queues it.
        let mut queue = farm.create_record(&id, &record).await?;
        let mut note = "queued";
        if !queue {
            match farm.record(&id).await?.map(|r| r.state) {
                Some(State::Failed) => {
                    farm.set_record(&id, &record).await?;
                    queue = true;
                    note = "queued again (it had failed)";
                }
                Some(State::Done) => note = "already done",
                _ => note = "already queued",
            }
        }
        if queue {
            publish(farm, &id, job).await?;
        }
        println!("{id}\t{}\t{note}", job.slug);
    }
    Ok(())
}

async fn publish(farm: &Farm, id: &str, job: &Job) -> Result<(), FarmError> {
    let payload: bytes::Bytes = job.to_bytes().into();
    let send = || async {
        // The message id lets the server drop a second copy sent within its duplicate window.
        let message = PublishMessage::build().payload(payload.clone()).message_id(id);
        let ack = farm
            .js
            .send_publish(JOBS_SUBJECT, message)
            .await
            .map_err(FarmError::request(format!("cannot queue job {id}")))?;
        ack.await.map_err(FarmError::request(format!("the server did not take job {id}")))?;
        Ok(())
    };
    through_elections(send).await
}

/// Follow the jobs until each is done or failed; returns how many failed (each said on stderr).
async fn wait_for(farm: &Farm, jobs: &[Job], mut reports: async_nats::Subscriber, quiet: bool) -> Result<usize, Error> {
    let total: usize = jobs.iter().map(|j| j.segment_ids.len()).sum();
    let label = format!("{} jobs on the farm", jobs.len());
    let mut progress = Progress::new(ProgressMode::detect(quiet), &label, total as u64);
    // Segments reported done per unfinished job; a job leaves the map when it ends.
    let mut open: HashMap<String, (usize, u64)> = jobs.iter().map(|j| (j.id(), (j.segment_ids.len(), 0))).collect();
    let mut failures = Vec::new();
    let mut poll = tokio::time::interval(STATE_POLL);
    let mut cancel = tokio::time::interval(CANCEL_POLL);
    while !open.is_empty() {
        tokio::select! {
            Some(report) = reports.next() => {
                let id = report.subject.rsplit('.').next().unwrap_or_default().to_string();
                if report.payload.as_ref() == END_REPORT.as_bytes() {
                    settle(farm, &id, &mut open, &mut progress, &mut failures).await;
                    continue;
                }
                let done: u64 = std::str::from_utf8(&report.payload).ok().and_then(|s| s.parse().ok()).unwrap_or(0);
                if let Some((segments, seen)) = open.get_mut(&id) {
                    advance(&mut progress, seen, done.min(*segments as u64));
                }
            }
            _ = cancel.tick() => crate::cancel::check()?,
            _ = poll.tick() => {
                let ids: Vec<String> = open.keys().cloned().collect();
                for id in ids {
                    settle(farm, &id, &mut open, &mut progress, &mut failures).await;
                }
            }
        }
    }
    progress.finish();
    for (id, record) in &failures {
        let error = record.error.as_deref().unwrap_or("no reason recorded");
        eprintln!("readcast: error: job {id} ({}): {error}", record.slug);
    }
    Ok(failures.len())
}

/// Read the record of `id` and, when the job has ended, take it off `open` (a failure is kept
/// in `failures`). A record unreadable for now (a cluster electing a leader) is read again on
/// the next tick.
async fn settle(
    farm: &Farm,
    id: &str,
    open: &mut HashMap<String, (usize, u64)>,
    progress: &mut Progress,
    failures: &mut Vec<(String, JobRecord)>,
) {
    if !open.contains_key(id) {
        return;
    }
    let Ok(Some(record)) = farm.record(id).await else { return };
    if matches!(record.state, State::Done | State::Failed)
        && let Some((segments, mut seen)) = open.remove(id)
    {
        advance(progress, &mut seen, segments as u64);
        if record.state == State::Failed {
            failures.push((id.to_string(), record));
        }
    }
}

/// Move the display forward to `done` segments of a job of which `seen` were shown.
fn advance(progress: &mut Progress, seen: &mut u64, done: u64) {
    while *seen < done {
        progress.inc();
        *seen += 1;
    }
}

//! `readcast worker`: take jobs from the queue (up to `--jobs` at once, as `render` runs
//! articles), render each exactly as `render` does, put the episode's files in
//! `readcast-episodes`, record the job done, acknowledge.
//!
//! The render runs on a blocking thread, unaware of the farm; this side tells the server every
//! third of the ack wait that the job is alive (an in-progress ack) and publishes how many
//! segments are done. A worker killed outright stops telling, and after the ack wait the server
//! gives the job to another. Ctrl-C or SIGTERM stops the render at its next safe point and the
//! job is handed back (a negative ack) for another worker to take at once.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_nats::jetstream::AckKind;
use async_nats::jetstream::consumer::PullConsumer;
use async_nats::jetstream::message::Message;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use super::FarmError;
use super::connect::{Farm, FarmSettings, PROGRESS_PREFIX, connect, runtime};
use super::job::Job;
use super::record::{JobRecord, State};
use super::shared_cache::ObjectTier;
use crate::config::Config;
use crate::error::Error;
use crate::progress::{Progress, ProgressMode};
use crate::render::RenderedEpisode;

/// How long one wait for a job lasts before the worker looks for a stop request again.
const POLL: Duration = Duration::from_millis(500);

/// Longest wait for the answer to one fetch (which the server gives within [`POLL`]).
const FETCH_LIMIT: Duration = Duration::from_secs(5);

/// Attempts at opening the workers' consumer at start.
const CONSUMER_ATTEMPTS: u32 = 10;

/// What became of one job.
enum Next {
    Continue,
    /// Stopped by a signal, the job handed back.
    Stop,
}

pub fn run(settings: &FarmSettings, base: Config, name: String) -> Result<(), Error> {
    let runtime = runtime()?;
    let farm = runtime.block_on(connect(settings))?;
    let tier = ObjectTier::new(runtime.handle().clone(), farm.js.clone(), farm.segments.clone(), farm.chunk_size());
    let tier = Arc::new(tier);
    crate::cache::shared::install(tier.clone());
    let base = Arc::new(base);
    runtime.block_on(work(&farm, &tier, base, &name))
}

async fn work(farm: &Farm, tier: &ObjectTier, base: Arc<Config>, name: &str) -> Result<(), Error> {
    // A cluster that has just started (or lost a server) places the consumer within seconds.
    let mut attempt = 1;
    let consumer = loop {
        match farm.consumer().await {
            Ok(consumer) => break consumer,
            Err(_) if attempt < CONSUMER_ATTEMPTS => {
                attempt += 1;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => return Err(e.into()),
        }
    };
    if !base.quiet {
        eprintln!("readcast: worker {name}: waiting for jobs at {}", farm.settings.url);
    }
    // As `render` does with several articles, up to `--jobs` jobs (at most MAX_LANES) run side
    // by side: one job's mastering and encoding overlap the next one's speech. The engine
    // itself bounds the calls in flight (its worker processes, the model's session).
    let lanes = base.jobs.clamp(1, crate::commands::render::MAX_LANES);
    let mut running = FuturesUnordered::new();
    // The fetch under way survives a job ending meanwhile: dropping it could lose a message
    // the server has just sent (it would come back only after the ack wait).
    let mut fetching: Option<Pin<Box<dyn Future<Output = Option<Message>> + '_>>> = None;
    let mut stopping = false;
    loop {
        stopping |= crate::cancel::requested().is_some();
        if stopping && running.is_empty() && fetching.is_none() {
            eprintln!("readcast: worker {name}: stopped");
            return Ok(());
        }
        if !stopping && fetching.is_none() && running.len() < lanes {
            fetching = Some(Box::pin(next_job(&consumer, name)));
        }
        tokio::select! {
            Some(outcome) = running.next(), if !running.is_empty() => match outcome {
                Ok(Next::Stop) => stopping = true,
                Ok(Next::Continue) => {}
                // A server lost mid-job (a cluster electing a new leader, a network cut): the
                // unacknowledged job comes back after the ack wait, and this worker goes on.
                Err(e) => eprintln!(
                    "readcast: worker {name}: warning: {}; the job returns to the queue",
                    crate::error::one_line(&e)
                ),
            },
            message = finish_fetch(&mut fetching), if fetching.is_some() => {
                fetching = None;
                match message {
                    // A job that arrives after a stop request goes straight back.
                    Some(message) if stopping => {
                        let _ = message.ack_with(AckKind::Nak(None)).await;
                    }
                    Some(message) => running.push(take(farm, tier, &base, name, message)),
                    None => {}
                }
            }
        }
    }
}

/// The next job from the queue; None when none came within POLL, on a stop request, or when
/// the fetch failed (said on stderr; the client reconnects on its own).
async fn next_job(consumer: &PullConsumer, name: &str) -> Option<Message> {
    let batch = consumer.fetch().max_messages(1).expires(POLL).messages();
    let mut batch = match answer_or_stop(batch).await {
        Some(Ok(batch)) => batch,
        // No answer in FETCH_LIMIT (the server is gone, the client reconnecting), or a stop
        // request: the caller looks again.
        None => return None,
        Some(Err(e)) => {
            eprintln!("readcast: worker {name}: warning: cannot fetch a job: {e}");
            tokio::time::sleep(POLL).await;
            return None;
        }
    };
    // A fetch ends within POLL; one not answered by FETCH_LIMIT was lost with its server and
    // would wait for ever, deaf to a stop request.
    match answer_or_stop(batch.next()).await {
        Some(Some(Ok(message))) => Some(message),
        _ => None,
    }
}

/// Await the fetch under way (the caller only asks when there is one).
async fn finish_fetch<'a>(
    fetching: &mut Option<Pin<Box<dyn Future<Output = Option<Message>> + 'a>>>,
) -> Option<Message> {
    match fetching {
        Some(fetch) => fetch.await,
        None => std::future::pending().await,
    }
}

/// `request`'s answer; None when a stop is requested first or no answer comes in FETCH_LIMIT.
async fn answer_or_stop<T>(request: impl Future<Output = T>) -> Option<T> {
    let stop = async {
        while crate::cancel::requested().is_none() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::select! {
        answer = tokio::time::timeout(FETCH_LIMIT, request) => answer.ok(),
        () = stop => None,
    }
}

/// Run one delivered job to its end: done, handed back, retried later or failed.
async fn take(farm: &Farm, tier: &ObjectTier, base: &Arc<Config>, name: &str, message: Message) -> Result<Next, Error> {
    let attempt = message.info().map(|info| info.delivered).unwrap_or(1);
    let job = match Job::from_bytes(&message.payload) {
        Ok(job) => job,
        Err(e) => {
            eprintln!("readcast: worker {name}: dropping a message that is not a job: {e}");
            let _ = message.ack_with(AckKind::Term).await;
            return Ok(Next::Continue);
        }
    };
    let id = job.id();
    let fresh = || JobRecord::queued(&job.slug, &job.article.title, &job.source, job.segment_ids.len());
    let mut record = farm.record(&id).await?.unwrap_or_else(fresh);
    if record.state == State::Done {
        // Done before (a redelivery after the ack was lost): never rendered twice.
        let _ = message.double_ack().await;
        return Ok(Next::Continue);
    }
    if attempt > farm.settings.max_deliver {
        // Every attempt ended without a word from its worker (killed, or its machine off).
        let attempts = farm.settings.max_deliver;
        record.state = State::Failed;
        record.worker = None;
        record.error = Some(format!("its worker stopped without a word on each of {attempts} attempts"));
        farm.set_record(&id, &record).await?;
        let _ = message.ack_with(AckKind::Term).await;
        eprintln!("readcast: worker {name}: job {id} failed: lost on each of {attempts} attempts");
        report_end(farm, &id).await;
        return Ok(Next::Continue);
    }
    record.state = State::Running;
    record.worker = Some(name.to_string());
    record.attempts = attempt;
    farm.set_record(&id, &record).await?;
    if !base.quiet {
        eprintln!("readcast: worker {name}: job {id} ({}), attempt {attempt}", job.slug);
    }

    let out = tempfile::tempdir().map_err(Error::output(std::env::temp_dir()))?;
    let started = Instant::now();
    let result = match keep_alive(farm, &message, None, fetch_cover(farm, &job, out.path())).await {
        Ok(cover) => render_alive(farm, base, &message, &job, &id, out.path(), cover).await,
        Err(e) => Err(e),
    };
    // The spoken segments reach the shared cache before the job counts as done (or is retried).
    keep_alive(farm, &message, None, tier.flush()).await;
    record.render_s = started.elapsed().as_secs_f64();
    match result {
        Ok(episode) => finish(farm, name, &message, &id, record, &episode).await,
        Err(Error::Interrupted(_)) => {
            message.ack_with(AckKind::Nak(None)).await.map_err(FarmError::boxed("cannot hand the job back"))?;
            record.state = State::Queued;
            record.worker = None;
            farm.set_record(&id, &record).await?;
            eprintln!("readcast: worker {name}: stopped; job {id} handed back to the queue");
            Ok(Next::Stop)
        }
        Err(e) => fail(farm, name, &message, &id, record, attempt, &e).await,
    }
}

/// Render on a blocking thread while the job is kept alive, telling `submit --wait` on each tick
/// how far it is.
async fn render_alive(
    farm: &Farm,
    base: &Arc<Config>,
    message: &Message,
    job: &Job,
    id: &str,
    out: &Path,
    cover: Option<PathBuf>,
) -> Result<RenderedEpisode, Error> {
    let mode = ProgressMode::detect(base.quiet);
    let progress = Arc::new(Mutex::new(Progress::new(mode, &job.slug, job.segment_ids.len() as u64)));
    let render = tokio::task::spawn_blocking({
        let (base, job, out, progress) = (Arc::clone(base), job.clone(), out.to_path_buf(), Arc::clone(&progress));
        move || super::render_job::render_job(&job, &base, &out, cover, &progress)
    });
    let joined = keep_alive(farm, message, Some((id, progress.as_ref())), render).await;
    if let Ok(progress) = progress.lock() {
        progress.finish();
    }
    joined.map_err(|e| FarmError::request("the render stopped unexpectedly")(e))?
}

/// Run `work` (a step of a job: the cover's download, the render, the flush of the shared cache,
/// the episode's upload) while telling the server, every third of the ack wait, that the job is
/// alive, and with `progress`, publishing how many segments are done: a silent gap longer than
/// the ack wait would hand the job to another worker while this one still finishes it (seen
/// around the render with a 2 s ack wait on a loaded machine).
async fn keep_alive<T>(
    farm: &Farm,
    message: &Message,
    progress: Option<(&str, &Mutex<Progress>)>,
    work: impl Future<Output = T>,
) -> T {
    tokio::pin!(work);
    let mut tick = tokio::time::interval(farm.settings.ack_wait / 3);
    loop {
        tokio::select! {
            out = &mut work => return out,
            _ = tick.tick() => {
                let _ = message.ack_with(AckKind::Progress).await;
                if let Some((id, progress)) = progress {
                    let done = progress.lock().map(|p| p.done()).unwrap_or(0);
                    let _ = farm.client.publish(format!("{PROGRESS_PREFIX}.{id}"), format!("{done}").into()).await;
                }
            }
        }
    }
}

/// The job's cover from the farm, into `dir` (beside, not in, the episode's folder, so it is
/// not stored with the episode's files).
async fn fetch_cover(farm: &Farm, job: &Job, dir: &Path) -> Result<Option<PathBuf>, Error> {
    let Some(object) = &job.show.cover else { return Ok(None) };
    let target = dir.join("cover");
    super::episode_store::download(farm, object, &target).await?;
    Ok(Some(target))
}

/// Tell `submit --wait` that the job has ended (its record says how); lost if nobody listens.
async fn report_end(farm: &Farm, id: &str) {
    let _ = farm.client.publish(format!("{PROGRESS_PREFIX}.{id}"), super::submit::END_REPORT.into()).await;
}

/// Store the episode's files, record the job done, then acknowledge it.
async fn finish(
    farm: &Farm,
    name: &str,
    message: &Message,
    id: &str,
    mut record: JobRecord,
    episode: &RenderedEpisode,
) -> Result<Next, Error> {
    let storing = Instant::now();
    record.files = keep_alive(farm, message, None, super::episode_store::upload(farm, id, &episode.dir)).await?;
    let stored_s = storing.elapsed().as_secs_f64();
    record.state = State::Done;
    record.error = None;
    record.synthesized = episode.synthesized;
    record.cached = episode.cached;
    record.duration_s = episode.duration_s;
    record.finished_at =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64());
    farm.set_record(id, &record).await?;
    // Recorded first: if this ack is lost, the redelivered job is seen done and not rendered again.
    message.double_ack().await.map_err(FarmError::boxed(format!("cannot acknowledge job {id}")))?;
    // Said before `submit --wait` is woken: whoever it tells may stop this worker at once.
    eprintln!(
        "readcast: worker {name}: job {id} done: {} segments ({} synthesized, {} from cache), {:.1} s of audio; \
         rendered in {:.2} s, stored in {stored_s:.2} s",
        episode.segments, episode.synthesized, episode.cached, episode.duration_s, record.render_s
    );
    report_end(farm, id).await;
    Ok(Next::Continue)
}

/// A failed attempt: retried by any worker after a short delay, until the last attempt (or an
/// error no retry can fix) marks the job failed for good.
async fn fail(
    farm: &Farm,
    name: &str,
    message: &Message,
    id: &str,
    mut record: JobRecord,
    attempt: i64,
    error: &Error,
) -> Result<Next, Error> {
    let line = crate::error::one_line(error);
    let final_attempt = attempt >= farm.settings.max_deliver || error.exit_code() == 2;
    record.error = Some(line.clone());
    record.worker = None;
    if final_attempt {
        record.state = State::Failed;
        farm.set_record(id, &record).await?;
        let _ = message.ack_with(AckKind::Term).await;
        eprintln!("readcast: worker {name}: job {id} failed: {line}");
        report_end(farm, id).await;
    } else {
        record.state = State::Queued;
        farm.set_record(id, &record).await?;
        let _ = message.ack_with(AckKind::Nak(Some(Duration::from_secs(1)))).await;
        eprintln!("readcast: worker {name}: job {id} attempt {attempt} failed, to be retried: {line}");
    }
    Ok(Next::Continue)
}

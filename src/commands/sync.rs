//! `readcast sync`: render what is new in every followed source, then publish the feed once.
//!
//! Each source is fetched with a conditional GET; a source that fails is reported and the
//! others go on. The items not rendered before (the state file remembers them, see
//! `follow::state`) are taken newest first, at most `max_new` a source, and each becomes an
//! input: the feed's own text (made into a page with the item's title) or the linked page. They
//! are rendered by the same path as `readcast render` (`commands::render::render_jobs`), then
//! the feed and page are published as `readcast feed` does. A sync that finds nothing new
//! renders nothing, writes nothing, and says so. Failed items are retried on later syncs, up to
//! `MAX_ATTEMPTS` in all. The state is written once, at the end, so a sync that stops before
//! rendering (no engine, say) leaves it as it was and the next sync finds the same items.
//! `--digest` makes all the new articles of one sync one episode (`follow::digest`).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::casting::VoicePlan;
use crate::cli::{Cli, SyncArgs};
use crate::config::Config;
use crate::error::{Error, one_line};
use crate::follow::digest::digest_article;
use crate::follow::fetch::{Fetched, fetch_source};
use crate::follow::items::{ArticleText, Item, dedup_newest_first};
use crate::follow::parse::{Parsed, parse};
use crate::follow::state::{ItemState, MAX_ATTEMPTS, SourceState, State, Status};
use crate::follow::{FollowError, FollowSource};
use crate::ingest::{Document, InputSource};
use crate::pipeline::{Prepared, clean_options, prepare_article, prepare_document};
use crate::render::unique_slug;

use super::render::{Job, ready_backend, render_jobs};

/// An item to render, with what it needs from its source.
struct Candidate {
    source: FollowSource,
    /// The feed's title: the episode's site when the page names none.
    site: Option<String>,
    item: Item,
    text: ArticleText,
}

/// What the run did, for the summary and the exit code.
#[derive(Default)]
struct Tally {
    sources: usize,
    rendered: usize,
    failed: usize,
}

pub fn run(cli: &Cli, args: &SyncArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.apply(&mut config)?;
    if config.follow.is_empty() {
        return Err(FollowError::NoSources.into());
    }
    // A show the feed would refuse is reported before any fetching or synthesis.
    let show = super::feed::checked_show(&config)?;
    std::fs::create_dir_all(&config.out_dir).map_err(Error::output(&config.out_dir))?;
    let mut state = State::load(&config.out_dir)?;
    let mut tally = Tally::default();
    let now = now_rfc3339();
    let mut candidates = Vec::new();
    for source in &config.follow {
        collect(source, &mut state, &config, &now, &mut candidates, &mut tally, true);
    }
    if candidates.is_empty() {
        state.save(&config.out_dir)?;
        if !config.quiet {
            eprintln!("readcast: nothing new in {} sources", tally.sources);
        }
        return conclude(&tally);
    }
    let outcome = if args.digest {
        render_digest(candidates, &config, &mut state, &mut tally, &now)
    } else {
        render_candidates(candidates, &config, &mut state, &mut tally)
    };
    state.save(&config.out_dir)?;
    outcome?;
    if tally.rendered > 0 {
        super::feed::publish(&config, &show)?;
    }
    if !config.quiet {
        let episodes = if tally.rendered == 1 { "episode" } else { "episodes" };
        eprintln!("readcast: sync: {} new {episodes} from {} sources", tally.rendered, tally.sources);
    }
    conclude(&tally)
}

fn conclude(tally: &Tally) -> Result<(), Error> {
    match tally.failed {
        0 => Ok(()),
        failed => Err(FollowError::SomeFailed { failed, total: tally.sources + tally.rendered + failed }.into()),
    }
}

fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Fetch and read one source, and add its items to render to `out`. A failure is reported
/// here and counted; the other sources go on. An OPML file's feeds are followed one level down.
fn collect(
    source: &FollowSource,
    state: &mut State,
    config: &Config,
    now: &str,
    out: &mut Vec<Candidate>,
    tally: &mut Tally,
    top: bool,
) {
    let Some((parsed, validators)) = fetch_and_parse(source, state, config, tally) else { return };
    let (items, site, is_feed) = match parsed {
        Parsed::Feed { title, items } => (items, title, true),
        Parsed::List { items, junk } => {
            if junk > 0 && !config.quiet {
                eprintln!("readcast: {}: {junk} lines or entries are not article links, skipped", source.name());
            }
            (items, None, false)
        }
        Parsed::Opml(feeds) if top => {
            state.sources.remove(&source.url);
            for (url, title) in feeds {
                let feed = FollowSource { url, title: title.or(source.title.clone()), ..source.clone() };
                collect(&feed, state, config, now, out, tally, false);
            }
            return;
        }
        Parsed::Opml(_) => {
            tally.sources += 1;
            tally.failed += 1;
            eprintln!(
                "readcast: error: {} is an OPML file inside an OPML file; only one level is followed",
                source.url
            );
            return;
        }
    };
    tally.sources += 1;
    let entry = state.sources.entry(source.url.clone()).or_default();
    let site = source.title.clone().or(site);
    let taken = pick(source, entry, items, is_feed, config.quiet);
    if validators != entry.validators || !taken.is_empty() {
        entry.validators = validators;
        entry.last_sync = Some(now.to_string());
    }
    out.extend(taken.into_iter().map(|(item, text)| Candidate {
        source: source.clone(),
        site: site.clone(),
        item,
        text,
    }));
}

/// The source read, or `None` when it has not changed (304) or failed (reported and counted).
fn fetch_and_parse(
    source: &FollowSource,
    state: &mut State,
    config: &Config,
    tally: &mut Tally,
) -> Option<(Parsed, crate::follow::fetch::Validators)> {
    let entry = state.sources.entry(source.url.clone()).or_default();
    // A failed item waits for a retry: the source is fetched whole, or it could not be retried.
    let known = (!entry.has_retries()).then(|| entry.validators.clone());
    let read = fetch_source(&source.url, known.as_ref(), &config.read).and_then(|fetched| match fetched {
        Fetched::NotModified => Ok(None),
        Fetched::Body(body) => parse(&source.url, &body).map(|parsed| Some((parsed, body.validators))),
    });
    match read {
        Ok(Some(read)) => Some(read),
        Ok(None) => {
            tally.sources += 1;
            None
        }
        Err(e) => {
            tally.sources += 1;
            tally.failed += 1;
            eprintln!("readcast: error: {}", one_line(&e));
            None
        }
    }
}

/// The items of one source to render now: wanted (new, or failed and due a retry), newest
/// first, at most `max_new`. In a feed, new items beyond those are passed over for good (a
/// feed's back catalogue is not rendered); in a reading list they wait for the next sync.
fn pick(
    source: &FollowSource,
    entry: &mut SourceState,
    items: Vec<Item>,
    is_feed: bool,
    quiet: bool,
) -> Vec<(Item, ArticleText)> {
    let mut taken = Vec::new();
    let mut passed = 0;
    for item in dedup_newest_first(items) {
        if !entry.wants(&item.key) {
            continue;
        }
        if taken.len() >= source.max_new() {
            if is_feed && !entry.items.contains_key(&item.key) {
                entry.items.insert(item.key.clone(), item_state(Status::Passed, 0, &item, None));
                passed += 1;
            }
            continue;
        }
        match item.article(source.full_text) {
            Some(text) => taken.push((item, text)),
            None => {
                eprintln!("readcast: note: {}: an item with no link and no text is skipped", source.name());
                let note = "no link and no text".to_string();
                entry.items.insert(item.key.clone(), item_state(Status::Skipped, 0, &item, Some(note)));
            }
        }
    }
    if passed > 0 && !quiet {
        eprintln!(
            "readcast: {}: {passed} older items passed over (max_new = {}: newest first)",
            source.name(),
            source.max_new()
        );
    }
    taken
}

fn item_state(status: Status, attempts: u32, item: &Item, note: Option<String>) -> ItemState {
    ItemState { status, attempts, episode: None, link: item.link.clone(), note }
}

/// Render the candidates, a group per voice (a source may name its own), recording each
/// outcome in the state.
fn render_candidates(
    candidates: Vec<Candidate>,
    config: &Config,
    state: &mut State,
    tally: &mut Tally,
) -> Result<(), Error> {
    let mut groups: BTreeMap<Option<String>, Vec<Candidate>> = BTreeMap::new();
    for candidate in candidates {
        groups.entry(candidate.source.voice.clone()).or_default().push(candidate);
    }
    let mut slugs = existing_slugs(config);
    for (voice, group) in groups {
        let mut group_config = config.clone();
        if voice.is_some() {
            group_config.voice = voice;
        }
        render_group(group, &group_config, state, tally, &mut slugs)?;
    }
    Ok(())
}

fn render_group(
    group: Vec<Candidate>,
    config: &Config,
    state: &mut State,
    tally: &mut Tally,
    slugs: &mut HashSet<String>,
) -> Result<(), Error> {
    let (backend, version, plan) = ready_voices(config)?;
    let mut jobs = Vec::new();
    for (index, candidate) in group.iter().enumerate() {
        match prepare_candidate(candidate, config, &plan) {
            Ok((source, prepared)) => {
                let slug = unique_slug(&prepared.article.title, slugs);
                jobs.push((index, Job { source, prepared, slug }));
            }
            Err(e) => record(state, tally, candidate, Err(e))?,
        }
    }
    // Every outcome is recorded before an interruption is passed on: an episode that finished
    // beside an interrupted one must not be rendered again by the next sync.
    let mut interrupted = Ok(());
    for (index, _, outcome) in render_jobs(jobs, config, &backend, &version) {
        let episode = outcome.map(|episode| episode.dir);
        if let Err(e) = record(state, tally, &group[index], episode) {
            interrupted = interrupted.and(Err(e));
        }
    }
    interrupted
}

/// Read a candidate's article: the linked page, or the feed's text made into a page with the
/// item's title; then what the feed knows (author, date, site) fills what the page lacks.
fn read_candidate(candidate: &Candidate, config: &Config) -> Result<(InputSource, Document), Error> {
    let item = &candidate.item;
    let source = InputSource::Url(item.link.clone().unwrap_or_else(|| candidate.source.url.clone()));
    let mut document = match &candidate.text {
        ArticleText::Page(url) => crate::ingest::read_document_with(&InputSource::Url(url.clone()), &config.read)?,
        ArticleText::Feed(html) => {
            let title = html_escape::encode_text(item.title.as_deref().unwrap_or(""));
            let page = format!(
                "<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{html}</article></body></html>"
            );
            crate::ingest::read_html(&source.display_name(), &page, &config.read)?
        }
    };
    let metadata = &mut document.metadata;
    metadata.author = metadata.author.take().or_else(|| item.author.clone());
    metadata.date = metadata.date.take().or_else(|| item.date.clone());
    metadata.site = metadata.site.take().or_else(|| candidate.site.clone());
    if metadata.title.is_none() {
        metadata.title = item.title.clone();
    }
    Ok((source, document))
}

fn prepare_candidate(
    candidate: &Candidate,
    config: &Config,
    plan: &VoicePlan,
) -> Result<(InputSource, Prepared), Error> {
    let (source, document) = read_candidate(candidate, config)?;
    Ok((source, prepare_document(&document, config, plan)?))
}

/// The engine and voices to speak with, checked, as `render` checks them; the automatic choice
/// of engine is said once they are known to work.
fn ready_voices(config: &Config) -> Result<(crate::synth::VoiceSet, String, VoicePlan), Error> {
    let (backend, version, choice_note) = ready_backend(config)?;
    let plan = VoicePlan::new(config, &backend)?;
    if let Some(note) = choice_note.filter(|_| !config.quiet) {
        eprintln!("readcast: {note}");
    }
    Ok((backend, version, plan))
}

/// Record what became of a candidate; an interruption stops the sync (after the state is saved).
fn record(
    state: &mut State,
    tally: &mut Tally,
    candidate: &Candidate,
    outcome: Result<std::path::PathBuf, Error>,
) -> Result<(), Error> {
    match outcome {
        Ok(dir) => {
            record_done(state, candidate, &dir);
            tally.rendered += 1;
            let item = &candidate.item;
            let title = item.title.as_deref().or(item.link.as_deref()).unwrap_or(&item.key);
            eprintln!("readcast: new episode: {title} ({}) -> {}", candidate.source.name(), dir.display());
            println!("{}", dir.display());
            Ok(())
        }
        Err(e @ Error::Interrupted(_)) => Err(e),
        Err(e) => {
            record_failure(state, tally, candidate, &one_line(&e));
            Ok(())
        }
    }
}

fn record_done(state: &mut State, candidate: &Candidate, dir: &Path) {
    let entry = state.sources.entry(candidate.source.url.clone()).or_default();
    let mut done = item_state(Status::Done, 1, &candidate.item, None);
    done.episode = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    entry.items.insert(candidate.item.key.clone(), done);
}

/// Count a failed attempt; after [`MAX_ATTEMPTS`] the item is skipped for good.
fn record_failure(state: &mut State, tally: &mut Tally, candidate: &Candidate, line: &str) {
    let entry = state.sources.entry(candidate.source.url.clone()).or_default();
    let item = &candidate.item;
    let attempts = entry.items.get(&item.key).map_or(0, |i| i.attempts) + 1;
    let gave_up = attempts >= MAX_ATTEMPTS;
    let status = if gave_up { Status::Skipped } else { Status::Failed };
    entry.items.insert(item.key.clone(), item_state(status, attempts, item, Some(line.to_string())));
    tally.failed += 1;
    let next = if gave_up {
        format!("skipped after {attempts} attempts")
    } else {
        format!("attempt {attempts} of {MAX_ATTEMPTS}, retried on the next sync")
    };
    let title = item.title.as_deref().or(item.link.as_deref()).unwrap_or(&item.key);
    eprintln!("readcast: error: {}: {title}: {line} ({next})", candidate.source.name());
}

/// `--digest`: every new article of this sync in one episode (in the show's voice), one
/// chapter per article, newest first. An article that cannot be read is left out and retried next time.
fn render_digest(
    mut candidates: Vec<Candidate>,
    config: &Config,
    state: &mut State,
    tally: &mut Tally,
    now: &str,
) -> Result<(), Error> {
    let (backend, version, plan) = ready_voices(config)?;
    // Newest first across all sources, as each source's items are.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.item.timestamp.unwrap_or(i64::MIN)));
    let mut articles = Vec::new();
    let mut included = Vec::new();
    for candidate in &candidates {
        let read = read_candidate(candidate, config)
            .and_then(|(_, document)| Ok(crate::clean::clean(&document, &clean_options(config))?));
        match read {
            Ok(article) => {
                articles.push(article);
                included.push(candidate);
            }
            Err(e) => record(state, tally, candidate, Err(e))?,
        }
    }
    if articles.is_empty() {
        return Ok(());
    }
    let date = now.get(..10).unwrap_or(now);
    let article = digest_article(&articles, config.show.title_or_default(), date);
    let source = InputSource::File(PathBuf::from(format!("digest of {} articles", included.len())));
    let prepared = prepare_article(article, &source.display_name(), config, &plan);
    let mut slugs = existing_slugs(config);
    let slug = unique_slug(&prepared.article.title, &mut slugs);
    let job = Job { source, prepared, slug };
    for (_, _, outcome) in render_jobs(vec![(0, job)], config, &backend, &version) {
        match outcome {
            Ok(episode) => {
                included.iter().for_each(|c| record_done(state, c, &episode.dir));
                tally.rendered += 1;
                eprintln!("readcast: new digest episode: {} articles -> {}", included.len(), episode.dir.display());
                println!("{}", episode.dir.display());
            }
            Err(e @ Error::Interrupted(_)) => return Err(e),
            Err(e) => {
                let line = one_line(&e);
                included.iter().for_each(|c| record_failure(state, tally, c, &line));
            }
        }
    }
    Ok(())
}

/// Episode folders already in the output folder belong to earlier episodes: a new one never
/// takes their name.
fn existing_slugs(config: &Config) -> HashSet<String> {
    std::fs::read_dir(&config.out_dir)
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

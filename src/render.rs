//! Render: the whole pipeline for one input, from the file to the episode folder.
//!
//! Segments are synthesized by the pool, `jobs` at a time, and each clip is assembled into the
//! spool (measured for loudness on the way) as soon as it and every clip before it are ready,
//! then dropped. `episode::finish_episode` then masters, encodes and publishes. Every file is
//! written under a temporary name and renamed at the end, so a failure leaves nothing at a
//! final path.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::audio::{Assembler, EpisodeFormat, Placement};
use crate::cache::SegmentCache;
use crate::clean::Article;
use crate::config::Config;
use crate::error::Error;
use crate::ingest::InputSource;
use crate::master::{MasterSettings, Spool, SpoolReader, VoiceLevel, VoiceRange, level_voices};
use crate::pipeline::Prepared;
use crate::progress::Progress;
use crate::publish::{Manifest, ManifestSegment, identity_for};
use crate::segment::Segment;
use crate::slug::slugify;
use crate::synth::segment_speaker::SegmentSpeaker;
use crate::synth::{Backend, pool};
use crate::time::{Frames, SampleRate};

/// What one render produced.
#[derive(Debug)]
pub struct RenderedEpisode {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub duration_s: f64,
    pub segments: usize,
    /// Segments spoken by the engine in this run.
    pub synthesized: usize,
    /// Segments taken from the cache.
    pub cached: usize,
}

/// The segment cache this configuration asks for, if any.
pub fn open_cache(config: &Config) -> Option<SegmentCache> {
    if config.no_cache {
        return None;
    }
    config.cache_dir.as_ref().map(SegmentCache::new)
}

/// Pick a folder name from the slug that no earlier input of this run has taken.
pub fn unique_slug(title: &str, taken: &mut HashSet<String>) -> String {
    let base = slugify(title);
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// Render an input already read and segmented into `<out>/<slug>/`. `render` of many inputs
/// prepares them all first (to count the work for one progress display), then renders each.
/// The prepared text is taken, not borrowed: once spoken, its segments' text moves into the
/// manifest rather than being copied beside it (megabytes for a long article).
pub fn render_prepared(
    source: &InputSource,
    prepared: Prepared,
    slug: &str,
    config: &Config,
    backend: &dyn Backend,
    backend_version: &str,
    progress: &Mutex<Progress>,
) -> Result<RenderedEpisode, Error> {
    // Written whole into a staging folder and swapped in (see `episode_folder`); a failure
    // leaves the old episode, if any, as it was.
    let owner = crate::episode_folder::Owner::of(source, &prepared.article);
    let folder = crate::episode_folder::EpisodeFolder::begin(&config.out_dir, slug, &owner)?;
    let mut episode =
        render_into(folder.staging(), folder.target(), source, prepared, config, backend, backend_version, progress)?;
    episode.dir = folder.target().to_path_buf();
    episode.files = folder.commit(episode.files)?;
    Ok(episode)
}

#[allow(clippy::too_many_arguments)]
fn render_into(
    dir: &Path,
    target: &Path,
    source: &InputSource,
    prepared: Prepared,
    config: &Config,
    backend: &dyn Backend,
    backend_version: &str,
    progress: &Mutex<Progress>,
) -> Result<RenderedEpisode, Error> {
    let Prepared { article, segments } = prepared;
    let mut spoken = speak_and_assemble(dir, &segments, config, backend, backend_version, progress)?;
    let levels = level_segment_voices(&mut spoken, &segments, backend.voice(), config)?;
    let count = segments.len();
    let mut manifest = episode_manifest(target, source, &article, segments, &spoken, backend, backend_version, config);
    manifest.voice_levels = levels;
    // Between one segment's speech and the next the episode is digital silence.
    let silences: Vec<(u64, u64)> = spoken.placements.windows(2).map(|w| (w[0].end.0, w[1].start.0)).collect();
    let duration_s = manifest.duration_s;
    let Assembled { spool, synthesized, cached, .. } = spoken;
    let files = crate::episode::finish_episode(dir, spool, &silences, manifest, &article, config)?;
    Ok(RenderedEpisode { dir: dir.to_path_buf(), files, duration_s, segments: count, synthesized, cached })
}

/// Bring every voice of the spooled episode to the narrator's loudness (nothing to do with one
/// voice); the ranges it needs are dropped as soon as it is done.
fn level_segment_voices(
    spoken: &mut Assembled,
    segments: &[Segment],
    narrator: &str,
    config: &Config,
) -> Result<Vec<VoiceLevel>, Error> {
    let ranges: Vec<VoiceRange> = segments
        .iter()
        .zip(&spoken.placements)
        .map(|(segment, placed)| VoiceRange { start: placed.start.0, end: placed.end.0, voice: segment.voice.clone() })
        .collect();
    let master = MasterSettings {
        target_lufs: config.loudness_lufs,
        ceiling_dbtp: config.true_peak_dbtp - crate::master::CEILING_MARGIN_DB,
    };
    Ok(level_voices(&mut spoken.spool, spoken.rate, &ranges, narrator, master)?)
}

/// The episode's speech, assembled and measured in the spool.
struct Assembled {
    spool: SpoolReader,
    rate: SampleRate,
    /// Where each segment's speech lies, in segment order.
    placements: Vec<Placement>,
    total: Frames,
    synthesized: usize,
    cached: usize,
}

/// Speak every segment (from the cache where it can) and assemble the clips in order into a
/// spool in `dir`.
fn speak_and_assemble(
    dir: &Path,
    segments: &[Segment],
    config: &Config,
    backend: &dyn Backend,
    backend_version: &str,
    progress: &Mutex<Progress>,
) -> Result<Assembled, Error> {
    let format = EpisodeFormat::default();
    let spool = Spool::create(dir, format.sample_rate)?;
    let mut assembler = Assembler::new(format, spool);
    let mut placements: Vec<Placement> = Vec::with_capacity(segments.len());

    let speaker = SegmentSpeaker::new(backend, backend_version, config.rate, open_cache(config), config.retries);
    let outcome = pool::run_in_order(
        segments.len(),
        config.jobs,
        |i| speaker.speak(&segments[i]).map_err(Error::from),
        |i, clip| {
            crate::cancel::check()?;
            placements.push(assembler.push(clip, segments[i].pause_after_ms)?);
            if let Ok(mut progress) = progress.lock() {
                progress.inc();
            }
            Ok(())
        },
    );
    outcome?;
    crate::cancel::check()?;
    let (synthesized, cached) = speaker.counts();
    let total = assembler.position();
    let spool = assembler.into_sink().finish()?;
    Ok(Assembled { spool, rate: format.sample_rate, placements, total, synthesized, cached })
}

/// The manifest of the episode as spoken, before mastering; the segments move into it.
#[allow(clippy::too_many_arguments)]
fn episode_manifest(
    dir: &Path,
    source: &InputSource,
    article: &Article,
    segments: Vec<Segment>,
    spoken: &Assembled,
    backend: &dyn Backend,
    backend_version: &str,
    config: &Config,
) -> Manifest {
    let rate = spoken.rate;
    let slug = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let identity = identity_for(&dir.join(crate::episode::MANIFEST), &slug, time::OffsetDateTime::now_utc());
    Manifest {
        title: article.title.clone(),
        author: article.metadata.author.clone(),
        date: article.metadata.date.clone(),
        site: article.metadata.site.clone(),
        source: crate::episode_folder::Owner::of(source, article).name().to_string(),
        description: crate::episode::first_paragraph(article).map(str::to_string),
        guid: Some(identity.guid),
        first_rendered: Some(identity.first_rendered),
        backend: backend.name().to_string(),
        backend_version: backend_version.to_string(),
        voice: backend.voice().to_string(),
        rate_wpm: config.rate,
        sample_rate: rate.0,
        duration_s: spoken.total.seconds(rate),
        synthesized: spoken.synthesized,
        cached: spoken.cached,
        segments: manifest_segments(segments, &spoken.placements, rate),
        mastering: None,
        voice_levels: Vec::new(),
    }
}

fn manifest_segments(segments: Vec<Segment>, placements: &[Placement], rate: SampleRate) -> Vec<ManifestSegment> {
    segments
        .into_iter()
        .zip(placements)
        .map(|(segment, placed)| ManifestSegment {
            kind: segment.kind.into(),
            role: segment.role.to_string(),
            id: segment.id,
            text: segment.text,
            spoken: segment.spoken,
            voice: segment.voice,
            start_s: placed.start.seconds(rate),
            end_s: placed.end.seconds(rate),
            ends_paragraph: segment.ends_paragraph,
        })
        .collect()
}

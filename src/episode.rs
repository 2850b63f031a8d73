//! Finishing an episode once its speech is assembled: master, encode and publish.
//!
//! The spool holds the assembled episode and its measured loudness. One parallel pass masters
//! and encodes it (see `encode::pass`); then the text outputs are made from the manifest. Every
//! file is written under a temporary name and all are put in place together at the end, so a
//! failure leaves none of them at a final path.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::atomic_file::AtomicFile;
use crate::clean::Article;
use crate::config::{Config, OutputFormats};
use crate::encode::WavFile;
use crate::encode::pass::{self, PassSettings};
use crate::encode::plan::plan_parts;
use crate::error::Error;
use crate::master::{LoudnessReport, SpoolReader, loudness_after_limiting, plan_gain, refine_gain, secant_gain};
use crate::publish::{self, Cover, EpisodeTags, Manifest};

/// Headroom the limiter keeps below `--true-peak`: its detector interpolates with a short filter
/// and the MP3 encoder adds a little ringing; the mastered file must still measure at or
/// below the limit with an independent meter.
pub const CEILING_MARGIN_DB: f64 = 0.5;

/// File names inside the episode folder.
pub const WAV: &str = "episode.wav";
pub const MP3: &str = "episode.mp3";
pub const MANIFEST: &str = "episode.json";
pub const VTT: &str = "episode.vtt";
pub const SRT: &str = "episode.srt";
pub const TRANSCRIPT: &str = "transcript.json";
pub const CHAPTERS: &str = "chapters.json";

/// The threads for the encoding pass: what `--jobs` allows, at most one per core.
fn encode_threads(config: &Config) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    config.jobs.clamp(1, cores)
}

/// The episode's first paragraph, for the tag's description.
pub fn first_paragraph(article: &Article) -> Option<&str> {
    article.blocks.iter().find(|b| !b.heading).map(|b| b.text.as_str())
}

/// The MP3's artist: the article's author when the source names one, else the show's.
fn artist<'a>(article: &'a Article, config: &'a Config) -> &'a str {
    article.metadata.author.as_deref().filter(|a| !a.trim().is_empty()).unwrap_or(config.show.author_or_default())
}

fn text_file(path: &Path, text: &str) -> Result<AtomicFile, Error> {
    let mut file = AtomicFile::create(path).map_err(Error::output(path))?;
    file.file().write_all(text.as_bytes()).map_err(Error::output(path))?;
    Ok(file)
}

/// Master, encode and publish the episode in `dir`. `silences` are the silent ranges (in
/// frames) between segments, where the encoding may be cut into parts. Returns the files
/// written.
pub fn finish_episode(
    dir: &Path,
    spool: SpoolReader,
    silences: &[(u64, u64)],
    mut manifest: Manifest,
    article: &Article,
    config: &Config,
) -> Result<Vec<PathBuf>, Error> {
    let rate = crate::time::SampleRate(manifest.sample_rate);
    let before = spool.measurement();
    let threads = encode_threads(config);
    let ceiling_dbtp = config.true_peak_dbtp - CEILING_MARGIN_DB;
    let first_gain_db = plan_gain(before.integrated_lufs, config.loudness_lufs);
    // Trials at the first gain and at the gain that would have been right, then the secant
    // through the two: the limiter takes more as the gain rises.
    let l0 = loudness_after_limiting(&spool, rate, first_gain_db, ceiling_dbtp, threads)?;
    let g1 = refine_gain(first_gain_db, first_gain_db, l0, config.loudness_lufs);
    let gain_db = if g1 > first_gain_db {
        let l1 = loudness_after_limiting(&spool, rate, g1, ceiling_dbtp, threads)?;
        secant_gain(first_gain_db, (first_gain_db, l0), (g1, l1), config.loudness_lufs)
    } else {
        first_gain_db
    };
    crate::cancel::check()?;
    let total = spool.frames().0;
    let parts = plan_parts(total, silences, threads);
    let OutputFormats { wav, mp3 } = config.formats;

    let chapters = publish::chapters(&manifest);
    let artist = artist(article, config);
    let cover = config.show.image.as_deref().map(Cover::load).transpose()?;
    let id3 = if mp3 {
        publish::id3_bytes(&EpisodeTags {
            title: &manifest.title,
            artist,
            album: config.show.title_or_default(),
            date: article.metadata.date.as_deref(),
            comment: first_paragraph(article),
            cover: cover.as_ref(),
            chapters: &chapters,
        })?
    } else {
        Vec::new()
    };

    let wav_file = if wav { Some(WavFile::create(&dir.join(WAV), rate, total)?) } else { None };
    let settings = PassSettings { rate, gain_db, ceiling_dbtp, mp3_kbps: mp3.then_some(config.bitrate_kbps) };
    let output = pass::run(&spool, &parts, &settings, wav_file.as_ref(), dir)?;
    drop(spool);

    let mut files: Vec<AtomicFile> = Vec::new();
    if let Some(wav_file) = wav_file {
        files.push(wav_file.finish());
    }
    if mp3 {
        files.push(pass::join_mp3(&dir.join(MP3), &id3, &parts, output.mp3_parts)?);
    }

    let finite = crate::master::finite;
    manifest.mastering = Some(LoudnessReport {
        target_lufs: config.loudness_lufs,
        true_peak_limit_dbtp: config.true_peak_dbtp,
        before_lufs: finite(before.integrated_lufs),
        before_sample_peak_dbfs: finite(before.peak_db),
        gain_db: (gain_db * 100.0).round() / 100.0,
        after_lufs: finite(output.after.integrated_lufs),
        after_true_peak_dbtp: finite(output.after.peak_db),
    });
    let cues = publish::cues(&manifest);
    files.push(text_file(&dir.join(VTT), &publish::to_vtt(&cues))?);
    files.push(text_file(&dir.join(SRT), &publish::to_srt(&cues))?);
    let speaker = format!("{} {}", manifest.backend, manifest.voice);
    files.push(text_file(&dir.join(TRANSCRIPT), &publish::transcript_json(&manifest, &speaker))?);
    files.push(text_file(
        &dir.join(CHAPTERS),
        &publish::chapters_json(&chapters, &manifest.title, artist, config.show.title_or_default()),
    )?);
    // The manifest goes last: its presence says the episode is complete.
    files.push(text_file(&dir.join(MANIFEST), &manifest.to_json())?);
    crate::cancel::check()?;
    commit_all(files)
}

/// Put every file in place; if one fails, take back the ones already placed.
fn commit_all(files: Vec<AtomicFile>) -> Result<Vec<PathBuf>, Error> {
    let mut done: Vec<PathBuf> = Vec::with_capacity(files.len());
    for file in files {
        let target = file.target().to_path_buf();
        match file.commit() {
            Ok(path) => done.push(path),
            Err(e) => {
                for path in &done {
                    let _ = std::fs::remove_file(path);
                }
                return Err(Error::output(target)(e));
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::ArticleBlock;
    use crate::ingest::Metadata;

    fn article(author: Option<&str>) -> Article {
        Article {
            title: "T".into(),
            metadata: Metadata { author: author.map(String::from), ..Metadata::default() },
            blocks: vec![
                ArticleBlock { text: "A heading".into(), heading: true, first_line: 1 },
                ArticleBlock { text: "The first paragraph.".into(), heading: false, first_line: 3 },
            ],
            dropped: Vec::new(),
        }
    }

    #[test]
    fn artist_is_the_author_else_the_show_and_comment_the_first_paragraph() {
        let show = crate::config::ShowSettings { author: Some("Valley Radio".into()), ..Default::default() };
        let config = Config { show, ..Config::default() };
        assert_eq!(artist(&article(Some("Ann Lee")), &config), "Ann Lee");
        assert_eq!(artist(&article(None), &config), "Valley Radio");
        assert_eq!(artist(&article(Some("  ")), &config), "Valley Radio");
        assert_eq!(first_paragraph(&article(None)), Some("The first paragraph."));
    }
}

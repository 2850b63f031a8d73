//! Finishing an episode once its speech is assembled: master, encode and publish.
//!
//! The spool holds the assembled episode and its measured loudness, from which `master` plans
//! the gain and the limiter's ceiling. One parallel pass masters and encodes it (see
//! `encode::pass`); then the text outputs are made from the manifest. Every
//! file is written under a temporary name and all are put in place together at the end, so a
//! failure leaves none of them at a final path.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::atomic_file::AtomicFile;
use crate::clean::Article;
use crate::config::{Config, OutputFormats};
use crate::encode::WavFile;
use crate::encode::pass::{self, PassSettings};
use crate::encode::plan::{Part, plan_parts};
use crate::error::Error;
use crate::master::{MasteringPlan, Measurement, SpoolReader};
use crate::publish::{self, Chapter, Cover, EpisodeTags, Manifest};
use crate::time::SampleRate;

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
    streamed_file(path, |out| out.write_all(text.as_bytes()))
}

/// A new file at `path` (not yet in place) filled by `write`. The long outputs (manifest,
/// transcript, captions) are written piece by piece, so a ten-hour episode's text is never
/// held whole in memory beside the manifest it comes from.
fn streamed_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<AtomicFile, Error> {
    let mut file = AtomicFile::create(path).map_err(Error::output(path))?;
    let mut out = BufWriter::new(file.file());
    write(&mut out).and_then(|()| out.flush()).map_err(Error::output(path))?;
    drop(out);
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
    let rate = SampleRate(manifest.sample_rate);
    let threads = encode_threads(config);
    let plan = MasteringPlan::for_spool(&spool, rate, config.loudness_lufs, config.true_peak_dbtp, threads)?;
    crate::cancel::check()?;
    let parts = plan_parts(spool.frames().0, silences, threads);
    let chapters = publish::chapters(&manifest);
    let artist = artist(article, config);
    // Loaded even without an MP3 to tag, so a cover that cannot be read fails every render alike.
    let cover = config.show.image.as_deref().map(Cover::load).transpose()?;
    let id3 = if config.formats.mp3 {
        id3_tag(&manifest, article, artist, cover.as_ref(), &chapters, config)?
    } else {
        Vec::new()
    };
    let (mut files, after) = master_and_encode(dir, spool, rate, &parts, &plan, &id3, config)?;
    manifest.mastering = Some(plan.report(after));
    files.extend(text_outputs(dir, &manifest, &chapters, artist, config)?);
    crate::cancel::check()?;
    commit_all(files)
}

/// The MP3's ID3 tag: title, artist, show, date, description, cover and chapters.
fn id3_tag(
    manifest: &Manifest,
    article: &Article,
    artist: &str,
    cover: Option<&Cover>,
    chapters: &[Chapter],
    config: &Config,
) -> Result<Vec<u8>, Error> {
    Ok(publish::id3_bytes(&EpisodeTags {
        title: &manifest.title,
        artist,
        album: config.show.title_or_default(),
        date: article.metadata.date.as_deref(),
        comment: first_paragraph(article),
        cover,
        chapters,
    })?)
}

/// The one pass over the spool that masters it by `plan` and writes the audio files the
/// configuration asks for, not yet in place. Returns them with the mastered measurement.
fn master_and_encode(
    dir: &Path,
    spool: SpoolReader,
    rate: SampleRate,
    parts: &[Part],
    plan: &MasteringPlan,
    id3: &[u8],
    config: &Config,
) -> Result<(Vec<AtomicFile>, Measurement), Error> {
    let OutputFormats { wav, mp3 } = config.formats;
    let wav_file = if wav { Some(WavFile::create(&dir.join(WAV), rate, spool.frames().0)?) } else { None };
    let settings = PassSettings {
        rate,
        gain_db: plan.gain_db,
        ceiling_dbtp: plan.ceiling_dbtp,
        mp3_kbps: mp3.then_some(config.bitrate_kbps),
    };
    let output = pass::run(&spool, parts, &settings, wav_file.as_ref(), dir)?;
    // Dropping the spool removes its temporary file before the MP3 is joined: the two are
    // never on disk at once.
    drop(spool);

    let mut files: Vec<AtomicFile> = Vec::new();
    if let Some(wav_file) = wav_file {
        files.push(wav_file.finish());
    }
    if mp3 {
        files.push(pass::join_mp3(&dir.join(MP3), id3, parts, output.mp3_parts)?);
    }
    Ok((files, output.after))
}

/// Captions, transcript, chapters and the manifest, not yet in place; the manifest last.
fn text_outputs(
    dir: &Path,
    manifest: &Manifest,
    chapters: &[Chapter],
    artist: &str,
    config: &Config,
) -> Result<Vec<AtomicFile>, Error> {
    let chapters_json = publish::chapters_json(chapters, &manifest.title, artist, config.show.title_or_default());
    // One file after another, each streamed: the cues are made twice rather than kept.
    let vtt = streamed_file(&dir.join(VTT), |out| publish::write_vtt(publish::cue_iter(manifest), out))?;
    let srt = streamed_file(&dir.join(SRT), |out| publish::write_srt(publish::cue_iter(manifest), out))?;
    let transcript = streamed_file(&dir.join(TRANSCRIPT), |out| Ok(publish::write_transcript_json(manifest, out)?))?;
    let chapters = text_file(&dir.join(CHAPTERS), &chapters_json)?;
    // The manifest goes last: its presence says the episode is complete.
    let manifest = streamed_file(&dir.join(MANIFEST), |out| Ok(manifest.write_json(out)?))?;
    Ok(vec![vtt, srt, transcript, chapters, manifest])
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
                ArticleBlock { text: "A heading".into(), heading: true, quote: false, first_line: 1 },
                ArticleBlock { text: "The first paragraph.".into(), heading: false, quote: false, first_line: 3 },
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

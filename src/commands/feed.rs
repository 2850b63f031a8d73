//! `readcast feed`: the rendered episodes in `<out>` as a podcast: `<out>/feed.xml`, the cover
//! art beside it, and `<out>/index.html`.
//!
//! The show is checked first and every problem is reported in one line, before anything is
//! written. Episode folders that cannot be published are named on stderr and left out. Each
//! file is written atomically, and a file whose content would not change is not rewritten, so
//! a podcast host syncing the folder sees only what really changed.

use std::path::{Path, PathBuf};

/// The show's page, beside the feed.
pub const SITE_FILE: &str = "index.html";

use crate::cli::{Cli, FeedArgs};
use crate::config::Config;
use crate::error::Error;
use crate::publish::{FEED_FILE, FeedError, Show, SitePage, feed_xml, index_html, scan_episodes};

pub fn run(cli: &Cli, args: &FeedArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.apply(&mut config)?;
    publish(&config, &checked_show(&config)?)?;
    Ok(())
}

/// The configured show, checked for a feed; every problem in one error.
pub fn checked_show(config: &Config) -> Result<Show, FeedError> {
    Ok(Show::from_settings(&config.show)?)
}

/// Write the feed, cover and page of `show` for the episodes in `config.out_dir`. Returns the
/// feed's path.
pub fn publish(config: &Config, show: &Show) -> Result<PathBuf, Error> {
    let dir = &config.out_dir;
    let scan = scan_episodes(dir)?;
    for (slug, reason) in &scan.skipped {
        eprintln!("readcast: warning: {slug} left out of the feed: {reason}");
    }
    if scan.items.is_empty() {
        return Err(FeedError::NoEpisodes { dir: dir.clone() }.into());
    }
    for item in scan.items.iter().filter(|i| i.audio.mime != "audio/mpeg") {
        // Apple Podcasts and most apps do not play a WAV enclosure; say so rather than fail.
        eprintln!(
            "readcast: warning: {} has no episode.mp3, so its WAV is enclosed; most podcast apps need MP3 (render with --format mp3)",
            item.slug
        );
    }
    let xml = feed_xml(show, &scan.items)?;
    write_if_changed(&dir.join(&show.cover.file_name), &show.cover.image.data)?;
    let path = dir.join(FEED_FILE);
    write_if_changed(&path, xml.as_bytes())?;
    let page = SitePage {
        title: &show.title,
        description: &show.description,
        language: &show.language,
        image_file: Some(show.cover.file_name.as_str()),
    };
    let page_path = dir.join(SITE_FILE);
    write_if_changed(&page_path, index_html(&page, &scan.items).as_bytes())?;
    if !config.quiet {
        eprintln!("wrote {} and {} ({} episodes)", path.display(), page_path.display(), scan.items.len());
    }
    Ok(path)
}

/// Write `bytes` to `path` atomically, unless the file already holds exactly them.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), FeedError> {
    let unchanged = std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|current| current == bytes);
    if unchanged {
        return Ok(());
    }
    crate::atomic_file::write_atomic(path, bytes)
        .map(drop)
        .map_err(|source| FeedError::Write { path: path.to_path_buf(), source })
}

//! `readcast feed`: the rendered episodes in `<out>` as a podcast feed, `<out>/feed.xml`.
//!
//! Folders that cannot be published are named on stderr and left out; the feed, and the show's
//! page `<out>/index.html` beside it, are written atomically, and not at all when no episode is left.

use crate::cli::{Cli, FeedArgs};
use crate::error::Error;
use crate::publish::{FeedError, Show, SitePage, feed_xml, index_html, scan_episodes};

pub fn run(cli: &Cli, args: &FeedArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.apply(&mut config)?;
    let dir = &config.out_dir;
    let scan = scan_episodes(dir)?;
    for (slug, reason) in &scan.skipped {
        eprintln!("readcast: warning: {slug} left out of the feed: {reason}");
    }
    if scan.items.is_empty() {
        return Err(FeedError::NoEpisodes { dir: dir.clone() }.into());
    }
    let show = Show {
        title: config.show_title.clone(),
        author: config.show_author.clone(),
        base_url: args.base_url.clone().unwrap_or_default(),
    };
    let xml = feed_xml(&show, &scan.items)?;
    let path = dir.join("feed.xml");
    crate::atomic_file::write_atomic(&path, xml.as_bytes())
        .map_err(|source| FeedError::Write { path: path.clone(), source })?;
    let description = format!("{}: articles read aloud, made with readcast.", config.show_title);
    let page = SitePage { title: &config.show_title, description: &description, image_file: None };
    let page_path = dir.join("index.html");
    crate::atomic_file::write_atomic(&page_path, index_html(&page, &scan.items).as_bytes())
        .map_err(|source| FeedError::Write { path: page_path.clone(), source })?;
    if !config.quiet {
        eprintln!("wrote {} and {} ({} episodes)", path.display(), page_path.display(), scan.items.len());
    }
    Ok(())
}

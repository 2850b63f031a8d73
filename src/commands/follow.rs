//! `readcast follow`: add sources to the show's `readcast.toml` as `[[follow]]` entries, list
//! them (`--list`, with what `sync` made of each) or remove them (`--remove`).
//!
//! A source is fetched and read once before it is added, so a typo, a web page that is not a
//! feed (the error names the feed it links, if any) or an empty list is refused at once rather
//! than at the next sync. An OPML file adds each feed it lists.

use std::path::PathBuf;

use crate::cli::{Cli, FollowArgs};
use crate::config::DEFAULT_CONFIG_FILE;
use crate::error::Error;
use crate::follow::fetch::{Fetched, fetch_source};
use crate::follow::parse::{Parsed, parse};
use crate::follow::state::{State, Status};
use crate::follow::{FollowError, FollowSource, toml_file};

pub fn run(cli: &Cli, args: &FollowArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    crate::config::set(&mut config.out_dir, args.out.clone());
    let path = cli.config.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG_FILE));
    if args.list {
        return list(&config.follow, &config.out_dir);
    }
    if !args.remove.is_empty() {
        toml_file::remove(&path, &args.remove)?;
        for url in &args.remove {
            eprintln!("readcast: no longer following {url}");
        }
        return Ok(());
    }
    let mut added = Vec::new();
    for location in &args.sources {
        added.extend(checked_sources(location, args, &config.read, cli.config.is_some())?);
    }
    toml_file::add(&path, &added)?;
    for source in &added {
        eprintln!("readcast: following {} ({})", source.url, source.title.as_deref().unwrap_or("untitled"));
    }
    eprintln!("readcast: {} added to {}; readcast sync renders what is new", added.len(), path.display());
    Ok(())
}

/// The entries `location` adds: itself, or each feed of an OPML file. It is fetched and read
/// first, so only a source that sync can read is followed.
fn checked_sources(
    location: &str,
    args: &FollowArgs,
    read: &crate::ingest::ReadOptions,
    config_elsewhere: bool,
) -> Result<Vec<FollowSource>, FollowError> {
    let Fetched::Body(body) = fetch_source(location, None, read)? else {
        return Err(FollowError::Fetch {
            source_name: location.into(),
            reason: "not modified, with no copy asked".into(),
        });
    };
    // A file named from here is written as a full path when readcast.toml is elsewhere, since
    // paths in the file are read from the file's own folder.
    let written = match std::path::absolute(location) {
        Ok(path) if config_elsewhere && !crate::follow::is_remote(location) => path.display().to_string(),
        _ => location.to_string(),
    };
    let entry = |url: &str, title: Option<String>| FollowSource {
        url: if url == location { written.clone() } else { url.to_string() },
        title: args.title.clone().or(title),
        max_new: args.max_new,
        voice: args.voice.clone(),
        full_text: args.full_text.unwrap_or_default(),
    };
    Ok(match parse(location, &body)? {
        Parsed::Feed { title, .. } => vec![entry(location, title)],
        Parsed::List { junk, .. } => {
            if junk > 0 {
                eprintln!("readcast: {location}: {junk} lines or entries are not article links and are skipped");
            }
            vec![entry(location, None)]
        }
        Parsed::Opml(feeds) => feeds.into_iter().map(|(url, title)| entry(&url, title)).collect(),
    })
}

/// One line per source: where it is, its name, and what the syncs made of it.
fn list(sources: &[FollowSource], out_dir: &std::path::Path) -> Result<(), Error> {
    if sources.is_empty() {
        eprintln!("readcast: no sources are followed; readcast follow URL adds one");
        return Ok(());
    }
    let state = State::load(out_dir)?;
    for source in sources {
        let line = match state.sources.get(&source.url) {
            None => "never synced".to_string(),
            Some(s) => format!(
                "last sync {}, {} episodes, {} failed, {} skipped, {} passed over",
                s.last_sync.as_deref().unwrap_or("never"),
                s.count(Status::Done),
                s.count(Status::Failed),
                s.count(Status::Skipped),
                s.count(Status::Passed)
            ),
        };
        println!("{}\t{}\t{line}", source.url, source.title.as_deref().unwrap_or("-"));
    }
    Ok(())
}

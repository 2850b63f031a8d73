//! `readcast cache`: the segment cache's size and entry count; `clear` and `prune`.

use crate::cache::{SegmentCache, format_size, parse_size};
use crate::cli::{CacheAction, CacheCommandArgs, Cli};
use crate::config::ConfigError;
use crate::error::Error;

pub fn run(cli: &Cli, args: &CacheCommandArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.cache.apply(&mut config);
    let dir = config
        .cache_dir
        .clone()
        .ok_or_else(|| ConfigError::Invalid("no cache folder is known on this system; pass --cache-dir DIR".into()))?;
    let cache = SegmentCache::new(&dir);
    match &args.action {
        None => {
            let stats = cache.stats();
            println!("{}: {} entries, {}", dir.display(), stats.entries, format_size(stats.bytes));
        }
        Some(CacheAction::Clear) => {
            let removed = cache.clear().map_err(Error::output(&dir))?;
            println!("removed {} entries ({})", removed.entries, format_size(removed.bytes));
        }
        Some(CacheAction::Prune { max_size }) => {
            let max = parse_size(max_size).map_err(|e| ConfigError::Invalid(format!("--max-size: {e}")))?;
            let removed = cache.prune(max).map_err(Error::output(&dir))?;
            let left = cache.stats();
            println!(
                "removed {} entries ({}); {} entries ({}) remain",
                removed.entries,
                format_size(removed.bytes),
                left.entries,
                format_size(left.bytes)
            );
        }
    }
    Ok(())
}

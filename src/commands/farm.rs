//! `readcast submit`, `worker`, `collect` and `farm`: the settings of each, then the farm
//! module's work (see `src/farm/`).

use crate::cli::Cli;
use crate::error::Error;
use crate::farm::args::{CollectArgs, FarmArgs, SubmitArgs, WorkerArgs};

pub fn submit(cli: &Cli, args: &SubmitArgs) -> Result<(), Error> {
    if args.render.publish {
        return Err(crate::config::ConfigError::Invalid(
            "submit cannot --publish: the episodes are rendered elsewhere; use `readcast collect --publish`".into(),
        )
        .into());
    }
    let mut config = crate::cli::base_config(cli)?;
    let settings = args.nats.settings(&config.cluster)?;
    args.render.apply(&mut config)?;
    crate::farm::submit(&settings, &config, &args.render.inputs, args.wait)
}

pub fn worker(cli: &Cli, args: &WorkerArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    let settings = args.nats.settings(&config.cluster)?;
    crate::config::set(&mut config.jobs, args.jobs);
    args.cache.apply(&mut config);
    config.validate()?;
    let name = args.name.clone().unwrap_or_else(default_name);
    crate::farm::worker(&settings, config, name)
}

pub fn collect(cli: &Cli, args: &CollectArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    let settings = args.nats.settings(&config.cluster)?;
    crate::config::set(&mut config.out_dir, args.out.clone());
    config.show.overlay(args.show.clone());
    // A show the feed would refuse is reported before anything is downloaded.
    let show = if args.publish { Some(super::feed::checked_show(&config)?) } else { None };
    let collected = crate::farm::collect(&settings, &config.out_dir)?;
    for path in &collected.written {
        println!("{}", path.display());
    }
    if !config.quiet {
        eprintln!(
            "readcast: collected {} episodes: {} files written, {} already there",
            collected.episodes,
            collected.written.len(),
            collected.unchanged
        );
    }
    if let Some(show) = show {
        super::feed::publish(&config, &show)?;
    }
    Ok(())
}

pub fn status(cli: &Cli, args: &FarmArgs) -> Result<(), Error> {
    let config = crate::cli::base_config(cli)?;
    crate::farm::status(&args.nats.settings(&config.cluster)?)
}

/// The host's name and this process's id: unique on the farm, and readable in `farm`.
fn default_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_string()).unwrap_or_default();
    let host = if host.is_empty() { "worker".to_string() } else { host };
    format!("{host}-{}", std::process::id())
}

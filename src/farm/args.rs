//! The farm's command-line arguments: how to reach the server (shared by `submit`, `worker`,
//! `collect` and `farm`) and each command's own.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use serde::Deserialize;

use super::FarmError;
use super::connect::FarmSettings;
use crate::cli::{CacheArgs, RenderArgs};
use crate::config::ShowSettings;

#[derive(Debug, Args, Clone, Default)]
pub struct NatsArgs {
    /// The NATS server with JetStream, e.g. nats://127.0.0.1:4222 (several: comma-separated).
    #[arg(long, value_name = "URL", env = "READCAST_NATS")]
    pub nats: Option<String>,

    /// A NATS credentials file (JWT and seed). Passwords never go on the command line.
    #[arg(long, value_name = "FILE")]
    pub nats_creds: Option<PathBuf>,

    /// Seconds a job may go without word from its worker before another worker gets it; set
    /// when the farm's queue is first made [default: 30].
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub ack_wait: Option<u64>,

    /// Attempts at a job before it is marked failed; set when the queue is first made [default: 3].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub max_deliver: Option<i64>,

    /// Copies of the queue and stores in a NATS cluster; set when they are first made [default: 1].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=5))]
    pub replicas: Option<u64>,
}

/// `[cluster]` in readcast.toml: the same settings as the flags, which win over it.
///
/// ```toml
/// [cluster]
/// nats = "nats://farm.example:4222"
/// creds = "farm.creds"       # relative to readcast.toml
/// ack_wait_s = 30
/// max_deliver = 3
/// replicas = 1
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterSection {
    pub nats: Option<String>,
    pub creds: Option<PathBuf>,
    pub ack_wait_s: Option<u64>,
    pub max_deliver: Option<i64>,
    pub replicas: Option<u64>,
}

impl NatsArgs {
    /// The flags laid over `[cluster]` and the defaults.
    pub fn settings(&self, file: &ClusterSection) -> Result<FarmSettings, FarmError> {
        let url = self.nats.clone().or_else(|| file.nats.clone());
        let url = url.filter(|u| !u.trim().is_empty()).ok_or(FarmError::NoUrl)?;
        let ack_wait = self.ack_wait.or(file.ack_wait_s).unwrap_or(30);
        let max_deliver = self.max_deliver.or(file.max_deliver).unwrap_or(3);
        let replicas = self.replicas.or(file.replicas).unwrap_or(1);
        // The flags' own ranges, for the file's values too.
        if ack_wait == 0 || max_deliver < 1 || !(1..=5).contains(&replicas) {
            return Err(FarmError::BadSetting(format!(
                "[cluster] needs ack_wait_s of 1 or more, max_deliver of 1 or more and replicas from 1 to 5 \
                 (got {ack_wait}, {max_deliver}, {replicas})"
            )));
        }
        Ok(FarmSettings {
            url,
            creds: self.nats_creds.clone().or_else(|| file.creds.clone()),
            ack_wait: Duration::from_secs(ack_wait),
            max_deliver,
            replicas: replicas as usize,
        })
    }
}

#[derive(Debug, Args)]
pub struct SubmitArgs {
    #[command(flatten)]
    pub nats: NatsArgs,

    /// Wait for every job to finish, with one progress display for the whole farm.
    #[arg(long)]
    pub wait: bool,

    /// The inputs and every `render` setting that shapes the episode.
    #[command(flatten)]
    pub render: RenderArgs,
}

#[derive(Debug, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub nats: NatsArgs,

    /// Segments synthesized at once [default: number of cores].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// This worker's name in `readcast farm` [default: host name and process id].
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    #[command(flatten)]
    pub cache: CacheArgs,
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    #[command(flatten)]
    pub nats: NatsArgs,

    /// Folder for episodes [default: output].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Then update the feed in the folder (as `readcast feed` does).
    #[arg(long)]
    pub publish: bool,

    #[command(flatten)]
    pub show: ShowSettings,
}

#[derive(Debug, Args)]
pub struct FarmArgs {
    #[command(flatten)]
    pub nats: NatsArgs,
}

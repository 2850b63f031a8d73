//! The render farm: many machines render one queue of articles through NATS JetStream, sharing
//! one segment cache (see `docs/farm.md`).
//!
//! The farm is an outer layer. `submit` prepares inputs here with the same code as `render` and
//! queues jobs; `worker` runs the same render as the local command on each job; the segment
//! cache gains a shared tier through [`crate::cache::shared`]. The async NATS client and its
//! tokio runtime live in this module only: every entry point is synchronous and blocks on its
//! own runtime, and the pipeline never knows it runs on a farm.

pub mod args;
mod collect;
mod connect;
mod episode_store;
mod error;
mod job;
mod object_read;
mod patience;
mod record;
mod render_job;
mod shared_cache;
mod status;
mod submit;
mod worker;

pub use args::ClusterSection;
pub use collect::{Collected, run as collect};
pub use connect::FarmSettings;
pub use error::FarmError;
pub use job::{Job, JobSettings};
pub use status::run as status;
pub use submit::run as submit;
pub use worker::run as worker;

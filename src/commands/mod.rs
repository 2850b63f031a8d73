//! The subcommands: each turns parsed arguments into work and output.

pub mod cache;
pub mod doctor;
pub mod farm;
pub mod feed;
pub mod follow;
pub mod init;
pub mod render;
pub mod script;
pub mod serve;
pub(crate) mod shared_backend;
#[cfg(feature = "speak")]
pub mod speak;
pub mod sync;
pub mod voices;

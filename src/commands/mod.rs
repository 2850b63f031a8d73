//! The subcommands: each turns parsed arguments into work and output.

pub mod render;
pub mod script;
#[cfg(feature = "speak")]
pub mod speak;
pub mod voices;
pub mod doctor;

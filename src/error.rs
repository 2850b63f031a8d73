//! The program's error: one variant per stage, each carrying that stage's typed error.
//!
//! `main` prints it as one line and maps it to an exit code.

use std::path::PathBuf;

use crate::audio::AudioError;
use crate::clean::CleanError;
use crate::config::ConfigError;
use crate::encode::EncodeError;
use crate::ingest::IngestError;
use crate::master::MasterError;
use crate::publish::{CoverError, TagError};
use crate::synth::SynthError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Clean(#[from] CleanError),
    #[error(transparent)]
    Synth(#[from] SynthError),
    #[error(transparent)]
    Audio(#[from] AudioError),
    #[error(transparent)]
    Encode(#[from] EncodeError),
    #[error(transparent)]
    Master(#[from] MasterError),
    #[error(transparent)]
    Cover(#[from] CoverError),
    #[error(transparent)]
    Tag(#[from] TagError),
    #[error("cannot write {path}: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{failed} of {total} inputs failed")]
    SomeInputsFailed { failed: usize, total: usize },
}

impl Error {
    pub fn output(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Output { path, source }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Config(_) => 2,
            _ => 1,
        }
    }
}

/// The error and its causes on one line, skipping a cause the message already quotes.
pub fn one_line(error: &dyn std::error::Error) -> String {
    let mut line = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    line.replace('\n', " ")
}

//! The program's error: one variant per stage, each carrying that stage's typed error.
//!
//! `main` prints it as one line and maps it to an exit code.

use std::path::PathBuf;

use crate::audio::AudioError;
use crate::cancel::Interrupted;
use crate::clean::CleanError;
use crate::config::ConfigError;
use crate::encode::EncodeError;
use crate::ingest::IngestError;
use crate::master::MasterError;
use crate::publish::{CoverError, FeedError, TagError};
use crate::synth::SynthError;
use crate::synth::segment_speaker::SegmentError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Clean(#[from] CleanError),
    #[error(transparent)]
    Synth(SynthError),
    #[error(transparent)]
    Segment(SegmentError),
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    #[error(transparent)]
    Audio(#[from] AudioError),
    #[error(transparent)]
    Encode(EncodeError),
    #[error(transparent)]
    Master(#[from] MasterError),
    #[error(transparent)]
    Cover(#[from] CoverError),
    #[error(transparent)]
    Tag(#[from] TagError),
    #[error(transparent)]
    Feed(#[from] FeedError),
    #[error(transparent)]
    Init(#[from] crate::config::InitError),
    #[error(transparent)]
    Farm(#[from] crate::farm::FarmError),
    #[error(transparent)]
    Follow(#[from] crate::follow::FollowError),
    #[error(transparent)]
    Serve(#[from] crate::serve::ServeError),
    #[error("cannot write {path}")]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no article files (.txt, .md, .html) found in the inputs given")]
    NoInputs,
    #[error("{failed} of {total} inputs failed")]
    SomeInputsFailed { failed: usize, total: usize },
}

impl Error {
    pub fn output(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Output { path, source }
    }

    /// The process exit code for this error: 128 + the signal for an interruption (130 for
    /// Ctrl-C, 143 for SIGTERM), 2 for a bad setting, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Interrupted(i) => 128 + i.signal,
            Error::Farm(e) => e.exit_code(),
            Error::Follow(e) if e.is_usage() => 2,
            Error::Config(_)
            | Error::Feed(FeedError::Show(_))
            | Error::Synth(SynthError::UnknownVoice { .. } | SynthError::BadVoiceSpec { .. }) => 2,
            _ => 1,
        }
    }
}

impl From<EncodeError> for Error {
    fn from(e: EncodeError) -> Error {
        match e {
            EncodeError::Interrupted(i) => Error::Interrupted(i),
            other => Error::Encode(other),
        }
    }
}

impl From<SynthError> for Error {
    /// A signal that stopped an engine stops the run (130/143), wherever the engine was
    /// called: a segment, a check, a voice made on first use.
    fn from(e: SynthError) -> Error {
        match e {
            SynthError::Interrupted { signal } => Error::Interrupted(Interrupted { signal }),
            other => Error::Synth(other),
        }
    }
}

impl From<SegmentError> for Error {
    fn from(e: SegmentError) -> Error {
        match e {
            SegmentError::Interrupted(i) => Error::Interrupted(i),
            other => Error::Segment(other),
        }
    }
}

/// The error and its causes on one line: "cannot write out/a.mp3: No space left on device".
///
/// readcast's errors say only what failed and keep the cause as their typed source, so each
/// cause is printed here, once. A cause the line already ends with is not repeated: some errors
/// still quote their source in their own message (the synth stage's, and some libraries').
pub fn one_line(error: &dyn std::error::Error) -> String {
    let mut line = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !line.ends_with(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    line.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_is_printed_once() {
        let output = Error::Output { path: "out/a.mp3".into(), source: std::io::Error::other("disk full") };
        assert_eq!(one_line(&output), "cannot write out/a.mp3: disk full");
        let meter = crate::master::MasterError::Meter(ebur128::Error::NoMem);
        let audio = Error::Audio(AudioError::Write { path: "out/.episode.tmp".into(), source: meter.into() });
        assert_eq!(one_line(&audio), "cannot write audio to out/.episode.tmp: loudness measurement failed: NoMem");
        let spawn = SynthError::Spawn { engine: "espeak-ng".into(), source: std::io::Error::other("not found") };
        assert_eq!(one_line(&Error::Synth(spawn)), "cannot start espeak-ng: not found");
        // A segment's failure, its engine's error, and that error's cause: each once.
        let failed = crate::synth::segment_speaker::SegmentError::Failed {
            id: "ab12".into(),
            preview: "Hello.".into(),
            attempts: 3,
            source: Box::new(SynthError::TempFile {
                engine: "flite".into(),
                source: std::io::Error::other("disk full"),
            }),
        };
        assert_eq!(
            one_line(&Error::Segment(failed)),
            "segment ab12 (\"Hello.\") failed after 3 attempts: temporary file for flite: disk full"
        );
    }
}

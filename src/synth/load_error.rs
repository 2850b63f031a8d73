//! Why an in-process engine (Kokoro, Piper) could not load what it speaks with: the model, its
//! vocabulary or voice config, a voice's style vectors, the pronunciation dictionaries.
//!
//! A failed load is kept (in a `OnceLock`) and answers every later request, so the error is
//! `Clone`: causes that are not sit in an `Arc`. Each variant names the file; the engine turns
//! the whole into `SynthError::Unusable` with the engine's name in front.

use std::path::PathBuf;
use std::sync::Arc;

use super::espeak_lib::EspeakLibError;
use super::onnx_runtime::OnnxError;
use super::voice_data::DataFileError;

#[derive(Debug, Clone, thiserror::Error)]
pub enum LoadError {
    /// The reason is in the message (not a source): the engine reports this as one string.
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: Arc<std::io::Error> },
    #[error("{} is not {what}: {reason}", path.display())]
    NotJson { path: PathBuf, what: &'static str, reason: Arc<serde_json::Error> },
    #[error("{}: {problem}", path.display())]
    Content { path: PathBuf, problem: Problem },
    #[error("{} is {found} bytes, not {expected}; run {} --force", path.display(), super::voice_data::INSTALL_COMMAND)]
    Size { path: PathBuf, found: u64, expected: u64 },
    #[error("the voice {voice} holds values that are not numbers")]
    NotNumbers { voice: String },
    #[error(transparent)]
    DataFile(#[from] DataFileError),
    #[error(transparent)]
    Onnx(#[from] OnnxError),
    #[error(transparent)]
    Phonemes(#[from] EspeakLibError),
    /// The environment variable that chooses Kokoro's phonemizer names none.
    #[error(transparent)]
    G2p(#[from] super::kokoro::G2pError),
    /// The voice asked for is not usable (its files, its blend); the message is the engine's.
    #[error("{0}")]
    Voice(String),
}

/// What is wrong inside a file that did parse.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("sample rate {0} is not a voice's")]
    SampleRate(u32),
    #[error("phoneme_id_map has no {0:?}")]
    NoMarker(&'static str),
    #[error("the symbol {0:?} is not one character")]
    LongSymbol(String),
    #[error("only {0} symbols; not Kokoro's vocabulary")]
    FewSymbols(usize),
}

impl LoadError {
    pub fn read(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> LoadError {
        let path = path.into();
        move |e| LoadError::Read { path, reason: Arc::new(e) }
    }

    pub fn not_json(path: impl Into<PathBuf>, what: &'static str) -> impl FnOnce(serde_json::Error) -> LoadError {
        let path = path.into();
        move |e| LoadError::NotJson { path, what, reason: Arc::new(e) }
    }

    pub fn content(path: impl Into<PathBuf>, problem: Problem) -> LoadError {
        LoadError::Content { path: path.into(), problem }
    }
}

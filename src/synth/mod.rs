//! Synth: a speech engine speaks one segment into a [`Clip`].
//!
//! [`Backend`] is the one seam for engines; the [`registry`] maps `--backend NAME` to a
//! constructor; [`pool`] runs several segments at once and hands clips back in order. Engines are
//! spawned without a shell and get their text on standard input or in a file, never as an argv
//! word that could be read as an option.

mod command;
mod engine_descendants;
mod engine_process;
mod error;
mod espeak;
mod espeak_lib;
pub mod espeak_phonemes;
pub mod espeak_worker;
mod espeak_workers;
mod festival;
mod flite;
pub mod kokoro;
mod load_error;
pub mod onnx_runtime;
pub mod piper;
pub mod pool;
pub mod registry;
mod run_watch;
mod sapi;
mod say;
mod segment_files;
pub mod segment_speaker;
mod stderr_tail;
mod system_speech;
pub mod utterances;
pub mod voice_data;
mod voice_set;
mod wav_file;
pub mod worker_protocol;

pub use command::CommandTemplate;
pub use engine_process::{EngineOutput, run_engine};
pub use error::SynthError;
pub use espeak::EspeakNg;
pub use espeak_lib::EspeakLibError;
pub use festival::Festival;
pub use flite::Flite;
pub use kokoro::Kokoro;
pub use load_error::{LoadError, Problem};
pub use piper::Piper;
pub use sapi::Sapi;
pub use say::Say;
pub use segment_files::SegmentFiles;
pub use voice_set::VoiceSet;
pub use wav_file::{read_wav_clip, wav_clip_from_bytes};

use crate::audio::Clip;

/// One request to speak a segment.
#[derive(Debug, Clone)]
pub struct SpeechRequest<'a> {
    /// The segment's id, for error messages.
    pub segment_id: &'a str,
    /// The spoken form of the segment.
    pub text: &'a str,
    /// The voice to speak it in; an engine built for one voice speaks its own, and
    /// [`VoiceSet`] hands the request to the engine built for this one.
    pub voice: &'a str,
}

/// A voice an engine offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub name: String,
    pub language: String,
    /// `female` or `male`, where the engine says.
    pub gender: Option<String>,
}

/// A text-to-speech engine.
///
/// `synthesize` is called from several threads at once; an engine that keeps workers alive
/// manages them inside. Errors are per segment: the caller may retry a failed segment.
pub trait Backend: Send + Sync {
    /// The name used with `--backend`.
    fn name(&self) -> &'static str;
    /// Check that the engine is installed; returns its version. The error carries an install hint.
    fn check(&self) -> Result<String, SynthError>;
    /// The voices the engine offers.
    fn voices(&self) -> Result<Vec<Voice>, SynthError>;
    /// The voice this backend speaks with, as recorded in manifests and segment ids.
    fn voice(&self) -> &str;
    /// Check that the voice exists; the error lists voices that do. Default: the voice is one
    /// of [`Backend::voices`] (or a model file's path).
    fn validate_voice(&self) -> Result<(), SynthError> {
        registry::validate_listed_voice(self)
    }
    /// Settings beyond voice and rate that change the sound (a command template, a model
    /// file's identity); they go into the cache key. Default: none.
    fn sound_settings(&self) -> String {
        String::new()
    }
    /// The same for another of the engine's voices (a Piper voice is its own model file).
    /// Default: the engine sounds the same whatever the voice, [`Backend::sound_settings`].
    fn voice_sound_settings(&self, voice: &str) -> String {
        let _ = voice;
        self.sound_settings()
    }
    /// Speak one segment.
    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError>;
}

/// Settings every backend may use.
#[derive(Debug, Clone)]
pub struct BackendOptions {
    /// Engine voice; `None` picks the engine's default.
    pub voice: Option<String>,
    /// Speaking rate in words per minute.
    pub rate: u32,
    /// Longest time one segment may take.
    pub timeout: std::time::Duration,
    /// Segments synthesized at once: engines with workers (espeak-ng) start this many.
    pub jobs: usize,
    /// The `command` backend's template (`--command`).
    pub command: Option<String>,
}

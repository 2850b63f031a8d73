//! Errors of the synth stage; every variant names the engine and, where there is one, the segment.

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("{engine} is not installed; {hint}")]
    NotInstalled { engine: String, hint: String },
    #[error("{engine} has no voice '{voice}'; `readcast voices --backend {engine}` lists them (e.g. {examples})")]
    UnknownVoice { engine: String, voice: String, examples: String },
    #[error("{engine}: {reason}")]
    BadVoiceSpec { engine: String, reason: String },
    /// Installed, but a file it needs is missing or broken; the reason names the file.
    #[error("{engine} cannot start: {reason}")]
    Unusable { engine: String, reason: String },
    #[error("cannot start {engine}")]
    Spawn {
        engine: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{engine} failed on segment {segment} ({status}): {stderr}")]
    Failed { engine: String, segment: String, status: String, stderr: String },
    #[error("{engine} took longer than {seconds} s on segment {segment} and was stopped")]
    Timeout { engine: String, segment: String, seconds: u64 },
    #[error("{engine} produced no usable audio for segment {segment}: {reason}")]
    BadAudio { engine: String, segment: String, reason: String },
    #[error("interrupted by signal {signal}")]
    Interrupted { signal: i32 },
    #[error("bad --command template: {reason}")]
    BadCommand { reason: String },
    #[error("live speech: {reason}")]
    LiveSpeech { reason: String },
    #[error("temporary file for {engine}")]
    TempFile {
        engine: String,
        #[source]
        source: std::io::Error,
    },
}

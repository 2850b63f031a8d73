//! The backend registry: `--backend NAME` to a constructor.

use super::{Backend, BackendOptions, EspeakNg, SynthError};

/// Every backend name readcast knows, in the order `doctor` reports them.
pub const BACKEND_NAMES: &[&str] = &["espeak-ng"];

/// Build the backend called `name`.
pub fn create(name: &str, options: &BackendOptions) -> Result<Box<dyn Backend>, SynthError> {
    match name {
        "espeak-ng" | "espeak" => Ok(Box::new(EspeakNg::new(options))),
        _ => Err(SynthError::UnknownBackend { name: name.to_string(), known: BACKEND_NAMES.join(", ") }),
    }
}

/// Check that the backend's voice exists, listing some that do when it does not.
pub fn validate_voice(backend: &dyn Backend) -> Result<(), SynthError> {
    let voices = backend.voices()?;
    // espeak-ng style variants ("en-us+f3") name a voice plus a variant; the voice must exist.
    let wanted = backend.voice().split('+').next().unwrap_or_default();
    if voices.is_empty() || voices.iter().any(|v| v.name.eq_ignore_ascii_case(wanted)) {
        return Ok(());
    }
    let examples = voices.iter().take(8).map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ");
    Err(SynthError::UnknownVoice { engine: backend.name().into(), voice: backend.voice().into(), examples })
}

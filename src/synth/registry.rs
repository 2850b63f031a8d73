//! The backend registry: `--backend NAME` to a constructor, and the list `doctor` walks.

use super::{Backend, BackendOptions, CommandTemplate, EspeakNg, Festival, Flite, Piper, Sapi, Say, SynthError};

/// Every backend name readcast knows, in the order `doctor` reports them.
pub const BACKEND_NAMES: &[&str] = &["espeak-ng", "piper", "flite", "festival", "say", "sapi", "command"];

/// Build the backend called `name`.
pub fn create(name: &str, options: &BackendOptions) -> Result<Box<dyn Backend>, SynthError> {
    match name {
        "espeak-ng" | "espeak" => Ok(Box::new(EspeakNg::new(options))),
        "piper" => Ok(Box::new(Piper::new(options))),
        "flite" => Ok(Box::new(Flite::new(options))),
        "festival" | "text2wave" => Ok(Box::new(Festival::new(options))),
        "say" => Ok(Box::new(Say::new(options))),
        "sapi" => Ok(Box::new(Sapi::new(options))),
        "command" => Ok(Box::new(CommandTemplate::new(options)?)),
        _ => Err(SynthError::UnknownBackend { name: name.to_string(), known: BACKEND_NAMES.join(", ") }),
    }
}

/// Check that the backend's voice exists, listing some that do when it does not. A voice given
/// as the path of an existing model file (Piper's `--voice x.onnx`) is taken as it is.
pub fn validate_voice(backend: &dyn Backend) -> Result<(), SynthError> {
    if std::path::Path::new(backend.voice()).is_file() {
        return Ok(());
    }
    let voices = backend.voices()?;
    // espeak-ng style variants ("en-us+f3") name a voice plus a variant; the voice must exist.
    let wanted = backend.voice().split('+').next().unwrap_or_default();
    if voices.is_empty() || voices.iter().any(|v| v.name.eq_ignore_ascii_case(wanted)) {
        return Ok(());
    }
    let examples = voices.iter().take(8).map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ");
    Err(SynthError::UnknownVoice { engine: backend.name().into(), voice: backend.voice().into(), examples })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> BackendOptions {
        BackendOptions { voice: None, rate: 175, timeout: std::time::Duration::from_secs(5), jobs: 2, command: None }
    }

    #[test]
    fn every_listed_name_builds_except_command_without_a_template() {
        for name in BACKEND_NAMES {
            let built = create(name, &options());
            if *name == "command" {
                assert!(built.is_err());
            } else {
                assert_eq!(built.map(|b| b.name()).ok(), Some(*name));
            }
        }
        let with_template = BackendOptions { command: Some("espeak-ng -w {wav} -f {text_file}".into()), ..options() };
        assert_eq!(create("command", &with_template).map(|b| b.name()).ok(), Some("command"));
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let err = create("nope", &options()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("nope") && err.contains("piper") && err.contains("festival"), "{err}");
    }
}

//! The backend registry: `--backend NAME` to a constructor, the list `doctor` walks, and the
//! choice of the best installed engine when none is named.

use super::{
    Backend, BackendOptions, CommandTemplate, EspeakNg, Festival, Flite, Kokoro, Piper, Sapi, Say, SynthError,
};

/// Every engine readcast knows, in the order `doctor` reports them (best first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackendName {
    Kokoro,
    Piper,
    #[value(alias = "espeak")]
    #[serde(alias = "espeak")]
    EspeakNg,
    Flite,
    #[value(alias = "text2wave")]
    #[serde(alias = "text2wave")]
    Festival,
    Say,
    Sapi,
    Command,
}

impl BackendName {
    pub const ALL: [BackendName; 8] = [
        BackendName::Kokoro,
        BackendName::Piper,
        BackendName::EspeakNg,
        BackendName::Flite,
        BackendName::Festival,
        BackendName::Say,
        BackendName::Sapi,
        BackendName::Command,
    ];

    /// The name used with `--backend`, in manifests and in cache keys.
    pub fn as_str(self) -> &'static str {
        match self {
            BackendName::Kokoro => "kokoro",
            BackendName::Piper => "piper",
            BackendName::EspeakNg => "espeak-ng",
            BackendName::Flite => "flite",
            BackendName::Festival => "festival",
            BackendName::Say => "say",
            BackendName::Sapi => "sapi",
            BackendName::Command => "command",
        }
    }
}

impl std::fmt::Display for BackendName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Build the backend called `name`.
pub fn create(name: BackendName, options: &BackendOptions) -> Result<Box<dyn Backend>, SynthError> {
    Ok(match name {
        BackendName::Kokoro => Box::new(Kokoro::new(options)),
        BackendName::Piper => Box::new(Piper::new(options)),
        BackendName::EspeakNg => Box::new(EspeakNg::new(options)),
        BackendName::Flite => Box::new(Flite::new(options)),
        BackendName::Festival => Box::new(Festival::new(options)),
        BackendName::Say => Box::new(Say::new(options)),
        BackendName::Sapi => Box::new(Sapi::new(options)),
        BackendName::Command => Box::new(CommandTemplate::new(options)?),
    })
}

/// The engines tried, best first, when no `--backend` is given.
const AUTOMATIC: [BackendName; 3] = [BackendName::Kokoro, BackendName::Piper, BackendName::EspeakNg];

/// The engine to use: the one named, or else the best installed one whose voices include
/// `--voice` (when given). Returns the backend and, for an automatic choice, the line that tells
/// the user what was chosen and how to get better.
pub fn choose(
    named: Option<BackendName>,
    options: &BackendOptions,
) -> Result<(Box<dyn Backend>, Option<String>), SynthError> {
    if let Some(name) = named {
        return Ok((create(name, options)?, None));
    }
    let installed: Vec<BackendName> = AUTOMATIC.into_iter().filter(|name| looks_installed(*name)).collect();
    let mut chosen = None;
    for &name in &installed {
        let backend = create(name, options)?;
        if options.voice.is_none() || backend.validate_voice().is_ok() {
            chosen = Some(backend);
            break;
        }
    }
    let backend = match chosen {
        Some(backend) => backend,
        // No installed engine has the voice: the best one reports it, listing its voices.
        None => create(installed.first().copied().unwrap_or(BackendName::EspeakNg), options)?,
    };
    let note = match backend.name() {
        "kokoro" => format!(
            "speaking with kokoro, voice {} (the best engine installed; --backend and --voice choose others)",
            backend.voice()
        ),
        // Kokoro is there, but not with this voice.
        name if installed.contains(&BackendName::Kokoro) => format!(
            "speaking with {name}, voice {} (kokoro has no voice of that name; `readcast voices --backend kokoro` lists its voices)",
            backend.voice()
        ),
        name => format!(
            "speaking with {name}, voice {}; for the natural Kokoro voices run {}",
            backend.voice(),
            super::voice_data::INSTALL_COMMAND
        ),
    };
    Ok((backend, Some(note)))
}

/// A quick look (no model loaded) whether an automatic candidate is installed.
fn looks_installed(name: BackendName) -> bool {
    match name {
        BackendName::Kokoro => super::kokoro::looks_installed(),
        BackendName::Piper => super::piper::looks_installed(),
        // espeak-ng is the last resort: its own check reports how to install it.
        _ => true,
    }
}

/// Check that the backend's voice exists (see [`Backend::validate_voice`]).
pub fn validate_voice(backend: &dyn Backend) -> Result<(), SynthError> {
    backend.validate_voice()
}

/// The usual check: the voice is one the engine lists, listing some that are when it is not. A
/// voice given as the path of an existing model file (Piper's `--voice x.onnx`) is taken as it is.
pub fn validate_listed_voice<B: Backend + ?Sized>(backend: &B) -> Result<(), SynthError> {
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
    use clap::ValueEnum;

    use super::*;

    fn options() -> BackendOptions {
        BackendOptions { voice: None, rate: 175, timeout: std::time::Duration::from_secs(5), jobs: 2, command: None }
    }

    #[test]
    fn every_name_builds_except_command_without_a_template() {
        for name in BackendName::ALL {
            let built = create(name, &options());
            if name == BackendName::Command {
                assert!(built.is_err());
            } else {
                assert_eq!(built.map(|b| b.name()).ok(), Some(name.as_str()));
            }
        }
        let with_template = BackendOptions { command: Some("espeak-ng -w {wav} -f {text_file}".into()), ..options() };
        assert_eq!(create(BackendName::Command, &with_template).map(|b| b.name()).ok(), Some("command"));
    }

    #[test]
    fn names_and_aliases_parse_in_flags_and_files() {
        assert_eq!(BackendName::from_str("espeak", true), Ok(BackendName::EspeakNg));
        assert_eq!(BackendName::from_str("text2wave", true), Ok(BackendName::Festival));
        assert!(BackendName::from_str("nope", true).is_err());
        #[derive(serde::Deserialize)]
        struct File {
            backend: BackendName,
        }
        let file: File = toml::from_str("backend = \"espeak-ng\"").unwrap();
        assert_eq!(file.backend, BackendName::EspeakNg);
        assert!(toml::from_str::<File>("backend = \"nope\"").is_err());
        for name in BackendName::ALL {
            assert_eq!(BackendName::from_str(name.as_str(), false), Ok(name));
        }
    }

    #[test]
    fn a_named_engine_is_taken_as_it_is() {
        let (backend, note) = choose(Some(BackendName::Flite), &options()).unwrap();
        assert_eq!((backend.name(), note), ("flite", None));
    }
}

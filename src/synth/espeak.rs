//! The espeak-ng backend: the default engine, small and everywhere.
//!
//! espeak-ng gets the text on standard input (`--stdin`) so a sentence starting with "-" can
//! never become an option, and writes a WAV file (`-w`): its `--stdout` mode puts wrong sizes in
//! the WAV header.

use std::process::Command;

use super::engine_process::{describe_status, run_engine, speak_to_wav};
use super::espeak_workers::EspeakWorkers;
use super::{Backend, BackendOptions, SpeechRequest, SynthError, Voice};
use crate::audio::Clip;

const PROGRAM: &str = "espeak-ng";
const INSTALL_HINT: &str = "install it with `sudo apt install espeak-ng` (Debian, Ubuntu), `sudo dnf install espeak-ng` (Fedora) or `brew install espeak-ng` (macOS)";
pub const DEFAULT_VOICE: &str = "en-us";

pub struct EspeakNg {
    voice: String,
    rate: u32,
    timeout: std::time::Duration,
    /// Long-lived workers on libespeak-ng; the program is run per segment when they cannot start.
    workers: EspeakWorkers,
}

impl EspeakNg {
    pub fn new(options: &BackendOptions) -> Self {
        let voice = options.voice.clone().unwrap_or_else(|| DEFAULT_VOICE.to_string());
        EspeakNg {
            workers: EspeakWorkers::new(&voice, options.rate),
            voice,
            rate: options.rate,
            timeout: options.timeout,
        }
    }

    fn not_installed() -> SynthError {
        SynthError::NotInstalled { engine: PROGRAM.into(), hint: INSTALL_HINT.into() }
    }

    fn run_simple(&self, args: &[&str]) -> Result<String, SynthError> {
        let mut command = Command::new(PROGRAM);
        command.args(args);
        let output = run_engine(command, None, self.timeout, PROGRAM, "-").map_err(|e| match e {
            SynthError::Spawn { ref source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Self::not_installed()
            }
            other => other,
        })?;
        if !output.status.success() {
            return Err(SynthError::Failed {
                engine: PROGRAM.into(),
                segment: "-".into(),
                status: describe_status(&output.status),
                stderr: output.stderr.trim().to_string(),
            });
        }
        Ok(output.stdout)
    }
}

/// Parse `espeak-ng --voices`: a header line, then `Pty Language Age/Gender VoiceName File ...`.
pub fn parse_voice_list(listing: &str) -> Vec<Voice> {
    listing
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut columns = line.split_whitespace();
            let _priority = columns.next()?;
            let language = columns.next()?;
            let age_gender = columns.next()?;
            let description = columns.next()?;
            let gender = match age_gender.rsplit('/').next() {
                Some("M") => Some("male".to_string()),
                Some("F") => Some("female".to_string()),
                _ => None,
            };
            Some(Voice { name: language.to_string(), language: description.replace('_', " "), gender })
        })
        .collect()
}

impl Backend for EspeakNg {
    fn name(&self) -> &'static str {
        PROGRAM
    }

    fn check(&self) -> Result<String, SynthError> {
        let out = self.run_simple(&["--version"])?;
        // "eSpeak NG text-to-speech: 1.51  Data at: ..."
        let version =
            out.split(':').nth(1).and_then(|rest| rest.split_whitespace().next()).unwrap_or("unknown").to_string();
        Ok(version)
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        Ok(parse_voice_list(&self.run_simple(&["--voices"])?))
    }

    fn voice(&self) -> &str {
        &self.voice
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        if let Some(outcome) = self.workers.speak(request.text, request.segment_id, self.timeout) {
            return outcome;
        }
        self.synthesize_with_program(request)
    }
}

impl EspeakNg {
    /// The fallback: one `espeak-ng` process per segment, writing a temporary WAV file.
    fn synthesize_with_program(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let wav = tempfile::Builder::new()
            .prefix("readcast-espeak-")
            .suffix(".wav")
            .tempfile()
            .map_err(|source| SynthError::TempFile { engine: PROGRAM.into(), source })?;
        let mut command = Command::new(PROGRAM);
        command
            .arg("-v")
            .arg(&self.voice)
            .arg("-s")
            .arg(self.rate.to_string())
            .arg("-w")
            .arg(wav.path())
            .arg("--stdin");
        speak_to_wav(command, Some(request.text), wav.path(), self.timeout, PROGRAM, request.segment_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_list_parses_language_and_name() {
        let listing = "Pty Language       Age/Gender VoiceName          File                 Other Languages\n 5  af              --/M      Afrikaans          gmw/af\n 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)\n";
        let voices = parse_voice_list(listing);
        assert_eq!(voices.len(), 2);
        assert_eq!(
            voices[1],
            Voice { name: "en-us".into(), language: "English (America)".into(), gender: Some("male".into()) }
        );
    }
}

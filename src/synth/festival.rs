//! The festival backend, through its `text2wave` script.
//!
//! The text goes in a file given as text2wave's input; the voice and rate are Scheme
//! expressions (`-eval`), so the voice name is checked to be a plain identifier before it is put
//! into one. festival's voices speak at 16 kHz; the assembler converts.

use std::process::Command;

use super::SegmentFiles;
use super::engine_process::{describe_status, run_engine};
use super::{Backend, BackendOptions, SpeechRequest, SynthError, Voice, read_wav_clip};
use crate::audio::Clip;

const NAME: &str = "festival";
const TEXT2WAVE: &str = "text2wave";
const INSTALL_HINT: &str =
    "install it with `sudo apt install festival` (Debian, Ubuntu) or `sudo dnf install festival` (Fedora)";
pub const DEFAULT_VOICE: &str = "kal_diphone";
/// Prints `(name language)` for every installed voice.
const LIST_VOICES: &str =
    "(mapcar (lambda (v) (print (list v (cadr (assoc 'language (cadr (voice.description v))))))) (voice.list))\n";

pub struct Festival {
    voice: String,
    rate: u32,
    timeout: std::time::Duration,
}

/// A festival voice name is a Scheme symbol: letters, digits and underscores only.
pub fn is_plain_voice_name(voice: &str) -> bool {
    !voice.is_empty() && voice.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Parse lines like `(kal_diphone english)`.
pub fn parse_voice_list(listing: &str) -> Vec<Voice> {
    listing
        .lines()
        .filter_map(|line| {
            let inner = line.trim().strip_prefix('(')?.strip_suffix(')')?;
            let mut words = inner.split_whitespace();
            let name = words.next()?.to_string();
            let language = words.next().filter(|l| *l != "nil").unwrap_or("unknown").to_string();
            Some(Voice { name, language, gender: None })
        })
        .collect()
}

impl Festival {
    pub fn new(options: &BackendOptions) -> Self {
        Festival {
            voice: options.voice.clone().unwrap_or_else(|| DEFAULT_VOICE.to_string()),
            rate: options.rate,
            timeout: options.timeout,
        }
    }

    fn not_installed() -> SynthError {
        SynthError::NotInstalled { engine: NAME.into(), hint: INSTALL_HINT.into() }
    }

    /// text2wave's arguments for one segment.
    pub fn arguments(
        &self,
        text_file: &std::path::Path,
        wav: &std::path::Path,
    ) -> Result<Vec<std::ffi::OsString>, SynthError> {
        if !is_plain_voice_name(&self.voice) {
            return Err(SynthError::UnknownVoice {
                engine: NAME.into(),
                voice: self.voice.clone(),
                examples: DEFAULT_VOICE.into(),
            });
        }
        let stretch = 175.0 / f64::from(self.rate.max(1));
        Ok(vec![
            "-o".into(),
            wav.as_os_str().to_owned(),
            "-eval".into(),
            format!("(voice_{})", self.voice).into(),
            "-eval".into(),
            format!("(Parameter.set 'Duration_Stretch {stretch:.3})").into(),
            text_file.as_os_str().to_owned(),
        ])
    }

    fn festival_pipe(&self, script: &str) -> Result<String, SynthError> {
        let mut command = Command::new(NAME);
        command.arg("--pipe");
        let output = run_engine(command, Some(script), self.timeout, NAME, "-").map_err(|e| match e {
            SynthError::Spawn { ref source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Self::not_installed()
            }
            other => other,
        })?;
        Ok(output.stdout)
    }
}

impl Backend for Festival {
    fn name(&self) -> &'static str {
        NAME
    }

    fn check(&self) -> Result<String, SynthError> {
        // text2wave is what renders; festival itself reports the version.
        which::which(TEXT2WAVE).map_err(|_| Self::not_installed())?;
        let mut command = Command::new(NAME);
        command.arg("--version");
        let output = run_engine(command, None, self.timeout, NAME, "-").map_err(|_| Self::not_installed())?;
        // "festival: Festival Speech Synthesis System: 2.5.0:release December 2017"
        Ok(output.stdout.split(':').nth(2).map(|v| v.trim().to_string()).unwrap_or_else(|| "unknown".into()))
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        Ok(parse_voice_list(&self.festival_pipe(LIST_VOICES)?))
    }

    fn voice(&self) -> &str {
        &self.voice
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let files = SegmentFiles::create(NAME, request.text)?;
        let (text_file, wav) = (&files.text, &files.wav);
        let mut command = Command::new(TEXT2WAVE);
        command.args(self.arguments(text_file, wav)?);
        let output = run_engine(command, None, self.timeout, NAME, request.segment_id)?;
        // text2wave exits 0 even when the Scheme fails ("SIOD ERROR"), so stderr is checked too.
        if !output.status.success() || output.stderr.contains("SIOD ERROR") {
            return Err(SynthError::Failed {
                engine: NAME.into(),
                segment: request.segment_id.into(),
                status: describe_status(&output.status),
                stderr: output.stderr.trim().to_string(),
            });
        }
        read_wav_clip(wav, NAME, request.segment_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_names_are_checked_before_they_reach_scheme() {
        assert!(is_plain_voice_name("kal_diphone"));
        assert!(!is_plain_voice_name("kal) (system \"rm\""));
        let options = BackendOptions {
            voice: Some("x) (quit".into()),
            rate: 175,
            timeout: std::time::Duration::from_secs(5),
            jobs: 1,
            command: None,
        };
        assert!(Festival::new(&options).arguments("/t.txt".as_ref(), "/o.wav".as_ref()).is_err());
    }

    #[test]
    fn voice_list_parses() {
        let voices = parse_voice_list("(kal_diphone english)\n(cmu_us_slt_arctic_hts nil)\n");
        assert_eq!(voices[0], Voice { name: "kal_diphone".into(), language: "english".into(), gender: None });
        assert_eq!(voices[1].language, "unknown");
    }
}

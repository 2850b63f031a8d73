//! The flite backend: CMU's small engine, in most Linux distributions.
//!
//! flite reads the text from a file (`-f`), never from an argument, and writes a WAV (`-o`): 8 kHz
//! for the `kal` voices, 16 kHz for the others; the assembler converts either. The rate is set
//! through `duration_stretch`, 1.0 at readcast's default 175 words a minute.

use std::process::Command;

use super::SegmentFiles;
use super::engine_process::{run_engine, speak_to_wav};
use super::{Backend, BackendOptions, SpeechRequest, SynthError, Voice};
use crate::audio::Clip;

const PROGRAM: &str = "flite";
const INSTALL_HINT: &str = "install it with `sudo apt install flite` (Debian, Ubuntu), `sudo dnf install flite` (Fedora) or `brew install flite` (macOS)";
/// slt: a clear female US English voice at 16 kHz, better than flite's own default (kal, 8 kHz).
pub const DEFAULT_VOICE: &str = "slt";

pub struct Flite {
    voice: String,
    rate: u32,
    timeout: std::time::Duration,
}

/// flite's `duration_stretch` for a rate in words per minute (larger is slower).
pub fn duration_stretch(rate_wpm: u32) -> f64 {
    175.0 / f64::from(rate_wpm.max(1))
}

/// Parse `flite -lv`: "Voices available: kal awb_time kal16 awb rms slt".
pub fn parse_voice_list(listing: &str) -> Vec<Voice> {
    listing
        .split_once(':')
        .map(|(_, names)| names)
        .unwrap_or("")
        .split_whitespace()
        .map(|name| Voice { name: name.to_string(), language: "en (US)".to_string(), gender: None })
        .collect()
}

impl Flite {
    pub fn new(options: &BackendOptions) -> Self {
        Flite {
            voice: options.voice.clone().unwrap_or_else(|| DEFAULT_VOICE.to_string()),
            rate: options.rate,
            timeout: options.timeout,
        }
    }

    /// The arguments for one segment: text from `text_file`, audio to `wav`.
    pub fn arguments(&self, text_file: &std::path::Path, wav: &std::path::Path) -> Vec<std::ffi::OsString> {
        vec![
            "-voice".into(),
            self.voice.clone().into(),
            "--setf".into(),
            format!("duration_stretch={:.3}", duration_stretch(self.rate)).into(),
            "-f".into(),
            text_file.as_os_str().to_owned(),
            "-o".into(),
            wav.as_os_str().to_owned(),
        ]
    }

    fn run_simple(&self, arg: &str) -> Result<String, SynthError> {
        let mut command = Command::new(PROGRAM);
        command.arg(arg);
        let output = run_engine(command, None, self.timeout, PROGRAM, "-").map_err(|e| match e {
            SynthError::Spawn { ref source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                SynthError::NotInstalled { engine: PROGRAM.into(), hint: INSTALL_HINT.into() }
            }
            other => other,
        })?;
        Ok(output.stdout)
    }
}

impl Backend for Flite {
    fn name(&self) -> &'static str {
        PROGRAM
    }

    fn check(&self) -> Result<String, SynthError> {
        // "  version: flite-2.2-current Sep 2018 (http://cmuflite.org)"
        let out = self.run_simple("--version")?;
        Ok(out
            .lines()
            .find_map(|l| l.trim().strip_prefix("version:"))
            .and_then(|v| v.split_whitespace().next())
            .map(|v| v.trim_start_matches("flite-").to_string())
            .unwrap_or_else(|| "unknown".into()))
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        Ok(parse_voice_list(&self.run_simple("-lv")?))
    }

    fn voice(&self) -> &str {
        &self.voice
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let files = SegmentFiles::create(PROGRAM, request.text)?;
        let (text_file, wav) = (&files.text, &files.wav);
        let mut command = Command::new(PROGRAM);
        command.args(self.arguments(text_file, wav));
        speak_to_wav(command, None, wav, self.timeout, PROGRAM, request.segment_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_list_and_stretch() {
        let voices = parse_voice_list("Voices available: kal awb_time kal16 awb rms slt \n");
        assert_eq!(
            voices.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
            ["kal", "awb_time", "kal16", "awb", "rms", "slt"]
        );
        assert!((duration_stretch(175) - 1.0).abs() < 1e-9);
        assert!(duration_stretch(350) < 0.51);
    }

    #[test]
    fn text_goes_in_a_file_never_an_argument() {
        let options = BackendOptions {
            voice: None,
            rate: 175,
            timeout: std::time::Duration::from_secs(5),
            jobs: 1,
            command: None,
        };
        let args =
            Flite::new(&options).arguments(std::path::Path::new("/t/seg.txt"), std::path::Path::new("/t/seg.wav"));
        let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(args, ["-voice", "slt", "--setf", "duration_stretch=1.000", "-f", "/t/seg.txt", "-o", "/t/seg.wav"]);
    }
}

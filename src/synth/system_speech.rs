//! What the operating systems' own engines (`say` on macOS, SAPI on Windows) share: the
//! `system` voice, which leaves the choice to the system's settings and is listed with the
//! installed voices; the settings they run with; and one shape of run, the segment's text in a
//! file and the engine writing a WAV. Each backend keeps its own command and voice listing.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::SegmentFiles;
use super::engine_process::{run_engine, speak_to_wav};
use super::{BackendOptions, SpeechRequest, SynthError, Voice};
use crate::audio::Clip;

/// The voice that speaks with whatever the system's settings choose.
pub const SYSTEM_VOICE: &str = "system";

pub struct SystemSpeech {
    /// The backend's name, for errors and temporary folders.
    engine: &'static str,
    /// Where the engine can be had, for the not-installed error.
    availability: &'static str,
    pub voice: String,
    pub rate: u32,
    timeout: Duration,
}

impl SystemSpeech {
    pub fn new(engine: &'static str, availability: &'static str, options: &BackendOptions) -> Self {
        SystemSpeech {
            engine,
            availability,
            voice: options.voice.clone().unwrap_or_else(|| SYSTEM_VOICE.to_string()),
            rate: options.rate,
            timeout: options.timeout,
        }
    }

    pub fn not_installed(&self) -> SynthError {
        SynthError::NotInstalled { engine: self.engine.into(), hint: self.availability.into() }
    }

    /// Installed when running on the engine's platform with `program` on the PATH.
    pub fn check_installed(&self, on_platform: bool, program: &str) -> Result<(), SynthError> {
        if !on_platform {
            return Err(self.not_installed());
        }
        which::which(program).map_err(|_| self.not_installed())?;
        Ok(())
    }

    /// The voices `command` lists, read by `parse`, then the system voice.
    pub fn voices(&self, command: Command, parse: fn(&str) -> Vec<Voice>) -> Result<Vec<Voice>, SynthError> {
        // The engine ships with the system, so a listing that cannot run means it is not there.
        let output = run_engine(command, None, self.timeout, self.engine, "-").map_err(|_| self.not_installed())?;
        let mut voices = parse(&output.stdout);
        voices.push(Voice { name: SYSTEM_VOICE.into(), language: "the system's voice".into(), gender: None });
        Ok(voices)
    }

    /// Speak one segment with the command `speak` makes from the text file and the WAV path.
    pub fn synthesize(
        &self,
        request: &SpeechRequest<'_>,
        speak: impl FnOnce(&Path, &Path) -> Command,
    ) -> Result<Clip, SynthError> {
        let files = SegmentFiles::create(self.engine, request.text)?;
        let command = speak(&files.text, &files.wav);
        speak_to_wav(command, None, &files.wav, self.timeout, self.engine, request.segment_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(voice: Option<&str>) -> BackendOptions {
        BackendOptions {
            voice: voice.map(String::from),
            rate: 190,
            timeout: Duration::from_secs(5),
            jobs: 1,
            command: None,
        }
    }

    #[test]
    fn no_voice_asked_is_the_system_voice() {
        assert_eq!(SystemSpeech::new("say", "macOS", &options(None)).voice, SYSTEM_VOICE);
        let speech = SystemSpeech::new("say", "macOS", &options(Some("Alex")));
        assert_eq!((speech.voice.as_str(), speech.rate), ("Alex", 190));
    }

    #[test]
    fn off_its_platform_the_engine_is_not_installed() {
        let speech = SystemSpeech::new("sapi", "only on Windows", &options(None));
        let error = speech.check_installed(false, "powershell.exe").unwrap_err();
        assert!(
            matches!(&error, SynthError::NotInstalled { engine, hint } if engine == "sapi" && hint == "only on Windows")
        );
    }

    #[test]
    fn a_listing_that_cannot_run_is_not_installed_and_the_system_voice_comes_last() {
        let speech = SystemSpeech::new("say", "macOS", &options(None));
        let missing = Command::new("readcast-no-such-program");
        assert!(matches!(speech.voices(missing, |_| Vec::new()), Err(SynthError::NotInstalled { .. })));
        if cfg!(unix) {
            let mut echo = Command::new("sh");
            echo.args(["-c", "echo Alex"]);
            let voices = speech
                .voices(echo, |out| {
                    out.lines().map(|l| Voice { name: l.into(), language: "en".into(), gender: None }).collect()
                })
                .unwrap();
            let names: Vec<&str> = voices.iter().map(|v| v.name.as_str()).collect();
            assert_eq!(names, ["Alex", SYSTEM_VOICE]);
        }
    }
}

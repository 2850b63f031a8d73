//! The `say` backend: macOS's own speech. Untested on Linux, where it cannot run; its commands
//! are built by pure functions that the unit tests check.
//!
//! The text goes in a file (`-f`); `say` writes a 16-bit WAV at 22.05 kHz (`--file-format=WAVE
//! --data-format=LEI16@22050`), which the assembler converts. `-r` takes words per minute.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use super::system_speech::{SYSTEM_VOICE, SystemSpeech};
use super::{Backend, BackendOptions, SpeechRequest, SynthError, Voice};
use crate::audio::Clip;

const PROGRAM: &str = "say";
/// Speaks with the voice chosen in System Settings.
pub const DEFAULT_VOICE: &str = SYSTEM_VOICE;

pub struct Say {
    speech: SystemSpeech,
}

/// The arguments of `say` for one segment.
pub fn say_arguments(voice: &str, rate: u32, text_file: &Path, wav: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> = Vec::new();
    if voice != DEFAULT_VOICE {
        args.push("-v".into());
        args.push(voice.into());
    }
    args.extend(["-r".into(), rate.to_string().into()]);
    args.extend(["--file-format=WAVE".into(), "--data-format=LEI16@22050".into()]);
    args.extend(["-o".into(), wav.as_os_str().to_owned(), "-f".into(), text_file.as_os_str().to_owned()]);
    args
}

/// Parse `say -v '?'`: "Alex                en_US    # Most people recognize me by my voice."
/// Names may contain spaces ("Bad News"), so the language is the last word before '#'.
pub fn parse_voice_list(listing: &str) -> Vec<Voice> {
    listing
        .lines()
        .filter_map(|line| {
            let before = line.split('#').next()?.trim_end();
            let (name, language) = before.rsplit_once(char::is_whitespace)?;
            let name = name.trim();
            (!name.is_empty()).then(|| Voice { name: name.to_string(), language: language.to_string(), gender: None })
        })
        .collect()
}

impl Say {
    pub fn new(options: &BackendOptions) -> Self {
        Say { speech: SystemSpeech::new(PROGRAM, "`say` is part of macOS and only available there", options) }
    }
}

impl Backend for Say {
    fn name(&self) -> &'static str {
        PROGRAM
    }

    fn check(&self) -> Result<String, SynthError> {
        self.speech.check_installed(cfg!(target_os = "macos"), PROGRAM)?;
        // `say` has no version flag; it comes with the system.
        Ok("macOS".into())
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        let mut command = Command::new(PROGRAM);
        command.args(["-v", "?"]);
        self.speech.voices(command, parse_voice_list)
    }

    fn voice(&self) -> &str {
        &self.speech.voice
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        self.speech.synthesize(request, |text_file, wav| {
            let mut command = Command::new(PROGRAM);
            command.args(say_arguments(&self.speech.voice, self.speech.rate, text_file, wav));
            command
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_put_the_text_in_a_file_and_ask_for_a_wav() {
        let args = say_arguments("Bad News", 190, Path::new("/t/seg.txt"), Path::new("/t/seg.wav"));
        let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(
            args,
            [
                "-v",
                "Bad News",
                "-r",
                "190",
                "--file-format=WAVE",
                "--data-format=LEI16@22050",
                "-o",
                "/t/seg.wav",
                "-f",
                "/t/seg.txt"
            ]
        );
        let default = say_arguments(DEFAULT_VOICE, 175, Path::new("/a"), Path::new("/b"));
        assert_eq!(default[0], OsString::from("-r"));
    }

    #[test]
    fn voice_list_keeps_names_with_spaces() {
        let listing = "Alex                en_US    # Most people recognize me by my voice.\nBad News            en_US    # The light you see at the end of the tunnel.\n";
        let voices = parse_voice_list(listing);
        assert_eq!(voices[0], Voice { name: "Alex".into(), language: "en_US".into(), gender: None });
        assert_eq!(voices[1].name, "Bad News");
    }

    #[test]
    fn says_it_is_missing_off_macos() {
        let say = Say::new(&BackendOptions {
            voice: None,
            rate: 175,
            timeout: std::time::Duration::from_secs(5),
            jobs: 1,
            command: None,
        });
        if !cfg!(target_os = "macos") {
            assert!(say.check().unwrap_err().to_string().contains("only available"));
        }
    }
}

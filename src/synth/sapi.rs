//! The `sapi` backend: Windows' own speech, through PowerShell and .NET's System.Speech writing
//! a WAV file. Untested here (it cannot run off Windows); the command is built by pure
//! functions that the unit tests check.
//!
//! The PowerShell script is fixed text. Everything that varies (the text file, the WAV path, the
//! voice, the rate) reaches it through environment variables, so no value is ever parsed as
//! PowerShell code and the text never appears on a command line. SAPI voices speak at 16 or
//! 22.05 kHz; the assembler converts.

use std::path::Path;
use std::process::Command;

use super::system_speech::SystemSpeech;
use super::{Backend, BackendOptions, SpeechRequest, SynthError, Voice};
use crate::audio::Clip;

const NAME: &str = "sapi";
/// Windows PowerShell 5.1 carries System.Speech (PowerShell 7 does not).
const POWERSHELL: &str = "powershell.exe";

const SPEAK_SCRIPT: &str = "$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Speech
$s = New-Object System.Speech.Synthesis.SpeechSynthesizer
if ($env:READCAST_VOICE -ne 'system') { $s.SelectVoice($env:READCAST_VOICE) }
$s.Rate = [int]$env:READCAST_SAPI_RATE
$s.SetOutputToWaveFile($env:READCAST_WAV)
$s.Speak([System.IO.File]::ReadAllText($env:READCAST_TEXT_FILE, [System.Text.Encoding]::UTF8))
$s.Dispose()";

const VOICES_SCRIPT: &str = "Add-Type -AssemblyName System.Speech
$s = New-Object System.Speech.Synthesis.SpeechSynthesizer
foreach ($v in $s.GetInstalledVoices()) { $i = $v.VoiceInfo; Write-Output ($i.Name + \"`t\" + $i.Culture.Name) }";

pub struct Sapi {
    speech: SystemSpeech,
}

/// SAPI's rate runs from -10 (a third of normal speed) to 10 (three times); 0 is about 175
/// words a minute.
pub fn sapi_rate(rate_wpm: u32) -> i32 {
    let ratio = f64::from(rate_wpm.max(1)) / 175.0;
    (10.0 * ratio.ln() / 3f64.ln()).round().clamp(-10.0, 10.0) as i32
}

/// The PowerShell command for `script`, with `env` set for it.
pub fn powershell_command(script: &str, env: &[(&str, &std::ffi::OsStr)]) -> Command {
    let mut command = Command::new(POWERSHELL);
    command.args(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", script]);
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

/// Parse the voice script's "Name<TAB>culture" lines.
pub fn parse_voice_list(listing: &str) -> Vec<Voice> {
    listing
        .lines()
        .filter_map(|line| {
            let (name, culture) = line.trim_end().split_once('\t')?;
            Some(Voice { name: name.to_string(), language: culture.to_string(), gender: None })
        })
        .collect()
}

impl Sapi {
    pub fn new(options: &BackendOptions) -> Self {
        let availability = "SAPI is part of Windows (through Windows PowerShell) and only available there";
        Sapi { speech: SystemSpeech::new(NAME, availability, options) }
    }

    /// The command that speaks `text_file` into `wav`.
    pub fn speak_command(&self, text_file: &Path, wav: &Path) -> Command {
        let rate = sapi_rate(self.speech.rate).to_string();
        powershell_command(
            SPEAK_SCRIPT,
            &[
                ("READCAST_TEXT_FILE", text_file.as_os_str()),
                ("READCAST_WAV", wav.as_os_str()),
                ("READCAST_VOICE", self.speech.voice.as_ref()),
                ("READCAST_SAPI_RATE", rate.as_ref()),
            ],
        )
    }
}

impl Backend for Sapi {
    fn name(&self) -> &'static str {
        NAME
    }

    fn check(&self) -> Result<String, SynthError> {
        self.speech.check_installed(cfg!(windows), POWERSHELL)?;
        Ok("System.Speech".into())
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        self.speech.voices(powershell_command(VOICES_SCRIPT, &[]), parse_voice_list)
    }

    fn voice(&self) -> &str {
        &self.speech.voice
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        self.speech.synthesize(request, |text_file, wav| self.speak_command(text_file, wav))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::system_speech::SYSTEM_VOICE;

    #[test]
    fn rate_maps_words_per_minute_onto_sapi_steps() {
        assert_eq!(sapi_rate(175), 0);
        assert_eq!(sapi_rate(525), 10);
        assert_eq!(sapi_rate(80), -7);
        assert_eq!(sapi_rate(5000), 10);
        assert!(sapi_rate(200) > 0);
    }

    #[test]
    fn values_travel_in_the_environment_never_in_the_script() {
        let options = BackendOptions {
            voice: Some("Microsoft Zira Desktop".into()),
            rate: 175,
            timeout: std::time::Duration::from_secs(5),
            jobs: 1,
            command: None,
        };
        let sapi = Sapi::new(&options);
        let command = sapi.speak_command(Path::new("C:\\t\\seg.txt"), Path::new("C:\\t\\seg.wav"));
        assert_eq!(command.get_program(), POWERSHELL);
        let args: Vec<_> = command.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(args[..5], ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command"]);
        assert_eq!(args[5], SPEAK_SCRIPT);
        assert!(SPEAK_SCRIPT.contains(&format!("-ne '{SYSTEM_VOICE}'")), "the script knows the system voice");
        assert!(!args.iter().any(|a| a.contains("seg.txt") || a.contains("Zira")));
        let env: Vec<(String, String)> = command
            .get_envs()
            .filter_map(|(k, v)| Some((k.to_string_lossy().into_owned(), v?.to_string_lossy().into_owned())))
            .collect();
        assert!(env.contains(&("READCAST_VOICE".into(), "Microsoft Zira Desktop".into())));
        assert!(env.contains(&("READCAST_TEXT_FILE".into(), "C:\\t\\seg.txt".into())));
        assert!(env.contains(&("READCAST_SAPI_RATE".into(), "0".into())));
    }

    #[test]
    fn voice_list_parses_tab_separated_lines() {
        let voices = parse_voice_list("Microsoft David Desktop\ten-US\r\nMicrosoft Hedda Desktop\tde-DE\r\n");
        assert_eq!(voices[1], Voice { name: "Microsoft Hedda Desktop".into(), language: "de-DE".into(), gender: None });
    }
}

//! The `command` backend: any engine, given as a command template.
//!
//! `--command 'TEMPLATE'` is split into words by shell rules (the shell-words crate) once, when
//! the backend is built; no shell ever runs. Placeholders are then filled in inside each word, so
//! a value with spaces stays one argument: `{text_file}` (a file holding the segment's text),
//! `{wav}` (where the engine must write its WAV), `{voice}` and `{rate}` (words per minute). The
//! text itself never becomes an argument: a template without `{text_file}` gets it on standard
//! input. The engine's exit status and stderr are checked, and a missing or empty WAV is an error.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use super::SegmentFiles;
use super::engine_process::{describe_status, run_engine};
use super::{Backend, BackendOptions, SpeechRequest, SynthError, Voice, read_wav_clip};
use crate::audio::Clip;

const ENGINE: &str = "command";
/// The voice recorded (and put in `{voice}`) when `--voice` is not given.
pub const DEFAULT_VOICE: &str = "default";
const PLACEHOLDERS: &[&str] = &["{text_file}", "{wav}", "{voice}", "{rate}"];

pub struct CommandTemplate {
    words: Vec<String>,
    voice: String,
    rate: u32,
    timeout: std::time::Duration,
}

/// The values for one run of the template.
pub struct Filled<'a> {
    pub text_file: &'a Path,
    pub wav: &'a Path,
}

fn bad(reason: String) -> SynthError {
    SynthError::BadCommand { reason }
}

impl CommandTemplate {
    pub fn new(options: &BackendOptions) -> Result<Self, SynthError> {
        let template = options.command.as_deref().ok_or_else(|| {
            bad("--backend command needs --command 'TEMPLATE' (or `command = \"...\"` in readcast.toml)".into())
        })?;
        let words =
            shell_words::split(template).map_err(|e| bad(format!("cannot split {template:?} into words: {e}")))?;
        if words.is_empty() {
            return Err(bad("the command template is empty".into()));
        }
        if !words.iter().any(|w| w.contains("{wav}")) {
            return Err(bad(format!(
                "the template {template:?} has no {{wav}}: the engine must be told where to write its WAV"
            )));
        }
        if PLACEHOLDERS.iter().any(|p| words[0].contains(p)) {
            return Err(bad(format!("the program in {template:?} cannot be a placeholder")));
        }
        Ok(CommandTemplate {
            words,
            voice: options.voice.clone().unwrap_or_else(|| DEFAULT_VOICE.to_string()),
            rate: options.rate,
            timeout: options.timeout,
        })
    }

    /// The program the template runs.
    pub fn program(&self) -> &str {
        &self.words[0]
    }

    /// Whether the engine reads the text from a file (else it gets it on standard input).
    pub fn uses_text_file(&self) -> bool {
        self.words.iter().any(|w| w.contains("{text_file}"))
    }

    /// The argument list (after the program) with the placeholders filled in.
    pub fn arguments(&self, filled: &Filled<'_>) -> Vec<OsString> {
        let rate = self.rate.to_string();
        self.words[1..]
            .iter()
            .map(|word| {
                // Whole-word placeholders keep a path as it is (it may not be UTF-8).
                match word.as_str() {
                    "{text_file}" => return filled.text_file.as_os_str().to_owned(),
                    "{wav}" => return filled.wav.as_os_str().to_owned(),
                    _ => {}
                }
                OsString::from(
                    word.replace("{text_file}", &filled.text_file.to_string_lossy())
                        .replace("{wav}", &filled.wav.to_string_lossy())
                        .replace("{voice}", &self.voice)
                        .replace("{rate}", &rate),
                )
            })
            .collect()
    }
}

impl Backend for CommandTemplate {
    fn name(&self) -> &'static str {
        ENGINE
    }

    /// The template is the engine: a different one makes different audio.
    fn sound_settings(&self) -> String {
        self.words.join("\u{1f}")
    }

    fn check(&self) -> Result<String, SynthError> {
        let path = which::which(self.program()).map_err(|_| SynthError::NotInstalled {
            engine: format!("{ENGINE} ({})", self.program()),
            hint: "install the program or give its full path in the template".into(),
        })?;
        Ok(path.display().to_string())
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        // An arbitrary engine has no way to list its voices.
        Ok(Vec::new())
    }

    fn voice(&self) -> &str {
        &self.voice
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let files = SegmentFiles::create(ENGINE, request.text)?;
        let (text_file, wav) = (&files.text, &files.wav);

        let mut command = Command::new(self.program());
        command.args(self.arguments(&Filled { text_file, wav }));
        let stdin = if self.uses_text_file() { None } else { Some(request.text) };
        let output = run_engine(command, stdin, self.timeout, self.program(), request.segment_id)?;
        if !output.status.success() {
            return Err(SynthError::Failed {
                engine: self.program().into(),
                segment: request.segment_id.into(),
                status: describe_status(&output.status),
                stderr: output.stderr.trim().to_string(),
            });
        }
        match std::fs::metadata(wav) {
            Ok(meta) if meta.len() > 0 => read_wav_clip(wav, self.program(), request.segment_id),
            Ok(_) => Err(SynthError::BadAudio {
                engine: self.program().into(),
                segment: request.segment_id.into(),
                reason: "it wrote an empty WAV file".into(),
            }),
            Err(_) => Err(SynthError::BadAudio {
                engine: self.program().into(),
                segment: request.segment_id.into(),
                reason: format!("it exited successfully but wrote no WAV at {{wav}}; stderr: {}", output.stderr.trim()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(template: &str) -> BackendOptions {
        BackendOptions {
            voice: Some("en+f3".into()),
            rate: 160,
            timeout: std::time::Duration::from_secs(30),
            jobs: 1,
            command: Some(template.into()),
        }
    }

    #[test]
    fn words_are_split_once_and_placeholders_filled_inside_them() {
        let t = CommandTemplate::new(&options("espeak-ng -v {voice} -s {rate} -w {wav} -f {text_file} --punct='a b'"))
            .unwrap();
        assert_eq!(t.program(), "espeak-ng");
        assert!(t.uses_text_file());
        let args =
            t.arguments(&Filled { text_file: Path::new("/tmp/x y/seg.txt"), wav: Path::new("/tmp/x y/seg.wav") });
        let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(
            args,
            ["-v", "en+f3", "-s", "160", "-w", "/tmp/x y/seg.wav", "-f", "/tmp/x y/seg.txt", "--punct=a b"]
        );
    }

    #[test]
    fn placeholders_inside_longer_words_and_stdin_templates() {
        let t = CommandTemplate::new(&options("tts --out={wav} --voice=\"{voice}\"")).unwrap();
        assert!(!t.uses_text_file());
        let args = t.arguments(&Filled { text_file: Path::new("/t.txt"), wav: Path::new("/o.wav") });
        assert_eq!(args, [OsString::from("--out=/o.wav"), OsString::from("--voice=en+f3")]);
    }

    #[test]
    fn bad_templates_are_refused_with_the_reason() {
        let reason = |t: &str| CommandTemplate::new(&options(t)).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(reason("espeak-ng -f {text_file}").contains("no {wav}"));
        assert!(reason("espeak-ng 'unclosed -w {wav}").contains("cannot split"));
        assert!(reason("   ").contains("empty"));
        assert!(reason("{wav} x").contains("cannot be a placeholder"));
        let no_template = BackendOptions { command: None, ..options("") };
        assert!(
            CommandTemplate::new(&no_template).err().map(|e| e.to_string()).unwrap_or_default().contains("--command")
        );
    }

    #[test]
    fn a_program_that_writes_nothing_is_an_error() {
        // `true` succeeds without writing the WAV.
        let t = CommandTemplate::new(&options("true {wav}")).unwrap();
        let err = t.synthesize(&SpeechRequest { segment_id: "s1", text: "Hello.", voice: "" }).unwrap_err().to_string();
        assert!(err.contains("wrote no WAV"), "{err}");
        // `touch` writes an empty one.
        let t = CommandTemplate::new(&options("touch {wav}")).unwrap();
        let err = t.synthesize(&SpeechRequest { segment_id: "s1", text: "Hello.", voice: "" }).unwrap_err().to_string();
        assert!(err.contains("empty WAV"), "{err}");
    }

    #[test]
    fn a_failing_program_reports_its_status_and_stderr() {
        let t = CommandTemplate::new(&options("sh -c 'echo no voice here >&2; exit 4' {wav}")).unwrap();
        let err = t.synthesize(&SpeechRequest { segment_id: "s9", text: "Hello.", voice: "" }).unwrap_err().to_string();
        assert!(err.contains("segment s9") && err.contains("exit code 4") && err.contains("no voice here"), "{err}");
    }
}

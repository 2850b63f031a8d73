//! `readcast doctor`: every backend, whether it is installed, its version and how to install it.
//! Exits non-zero when the configured backend (or its voice) is not usable, so scripts can ask
//! "will `readcast render` work here?" before a long run.

use crate::cli::{Cli, DoctorArgs};
use crate::error::Error;
use std::collections::BTreeMap;

use crate::synth::registry::BackendName;
use crate::synth::{SynthError, Voice, registry};

/// One backend's line in the report.
#[derive(Debug)]
pub struct Finding {
    pub backend: &'static str,
    pub status: &'static str,
    /// The version, or the reason and install hint.
    pub detail: String,
}

pub fn run(cli: &Cli, args: &DoctorArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.voice.apply(&mut config);
    let options = super::render::backend_options(&config);

    // The engine a render would use: the one configured, or the best installed.
    let (chosen, note) = match registry::choose(config.backend, &options) {
        Ok((backend, note)) => (Ok(backend), note),
        Err(e) => (Err(e), None),
    };
    let configured = match &chosen {
        Ok(backend) => backend.name(),
        Err(_) => config.backend.map_or("espeak-ng", BackendName::as_str),
    };
    let mut configured_problem: Option<SynthError> = chosen.err();
    let mut findings = Vec::new();
    let mut voice_lines = Vec::new();
    for name in BackendName::ALL {
        let is_configured = name.as_str() == configured;
        let finding = match registry::create(name, &options) {
            Err(e @ SynthError::BadCommand { .. }) if name == BackendName::Command && config.command.is_none() => {
                if is_configured {
                    configured_problem = Some(e);
                }
                Finding {
                    backend: name.as_str(),
                    status: "not set",
                    detail: "give a template with --command 'ENGINE ... {wav}'".into(),
                }
            }
            Err(e) => {
                let finding = Finding { backend: name.as_str(), status: "error", detail: e.to_string() };
                if is_configured {
                    configured_problem = Some(e);
                }
                finding
            }
            Ok(backend) => match backend.check() {
                Ok(version) => {
                    if matches!(name, BackendName::Kokoro | BackendName::Piper) {
                        voice_lines.push(voice_summary(name.as_str(), &backend.voices().unwrap_or_default()));
                    }
                    // For the engine that will be used, check the voice too.
                    match is_configured.then(|| registry::validate_voice(backend.as_ref())).transpose() {
                        Ok(_) => Finding { backend: name.as_str(), status: "installed", detail: version },
                        Err(e) => {
                            let finding = Finding { backend: name.as_str(), status: "no voice", detail: e.to_string() };
                            configured_problem = Some(e);
                            finding
                        }
                    }
                }
                Err(e) => {
                    let detail = match &e {
                        SynthError::NotInstalled { hint, .. } => hint.clone(),
                        other => crate::error::one_line(other),
                    };
                    if is_configured {
                        configured_problem = Some(e);
                    }
                    Finding { backend: name.as_str(), status: "missing", detail }
                }
            },
        };
        findings.push(finding);
    }

    let mut report = format_report(&findings, configured);
    for line in voice_lines {
        report.push_str(&line);
        report.push('\n');
    }
    if let Some(note) = note {
        report.push_str(&format!("without --backend: {note}\n"));
    }
    super::voices::print_out(&report)?;
    match configured_problem {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// "kokoro voices: 47 (en-US: 11 female, 9 male; ...)": what is installed, by language and gender.
fn voice_summary(engine: &str, voices: &[Voice]) -> String {
    let mut by_language: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for voice in voices {
        let counts = by_language.entry(voice.language.as_str()).or_default();
        match voice.gender.as_deref() {
            Some("female") => counts.0 += 1,
            Some("male") => counts.1 += 1,
            _ => counts.2 += 1,
        }
    }
    let languages: Vec<String> = by_language
        .iter()
        .map(|(language, (female, male, other))| {
            let mut parts = Vec::new();
            if *female > 0 {
                parts.push(format!("{female} female"));
            }
            if *male > 0 {
                parts.push(format!("{male} male"));
            }
            if *other > 0 {
                parts.push(format!("{other}"));
            }
            format!("{language}: {}", parts.join(", "))
        })
        .collect();
    format!("{engine} voices: {} ({})", voices.len(), languages.join("; "))
}

/// The report as aligned columns; the configured backend is marked with `*`.
pub fn format_report(findings: &[Finding], configured: &str) -> String {
    let mut out = format!("  {:<10} {:<10} {}\n", "BACKEND", "STATUS", "VERSION / HOW TO INSTALL");
    for f in findings {
        let mark = if f.backend == configured { '*' } else { ' ' };
        out.push_str(&format!("{mark} {:<10} {:<10} {}\n", f.backend, f.status, f.detail));
    }
    out.push_str("(* the configured backend)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_marks_the_configured_backend() {
        let findings = vec![
            Finding { backend: "espeak-ng", status: "installed", detail: "1.51".into() },
            Finding { backend: "piper", status: "missing", detail: "run scripts/install-voices.sh".into() },
        ];
        let report = format_report(&findings, "piper");
        let lines: Vec<&str> = report.lines().collect();
        assert!(lines[1].starts_with("  espeak-ng  installed  1.51"), "{report}");
        assert!(lines[2].starts_with("* piper      missing    run scripts"), "{report}");
        let voices = [
            Voice { name: "af_heart".into(), language: "en-US".into(), gender: Some("female".into()) },
            Voice { name: "am_adam".into(), language: "en-US".into(), gender: Some("male".into()) },
            Voice { name: "ff_siwis".into(), language: "fr-FR".into(), gender: Some("female".into()) },
        ];
        assert_eq!(voice_summary("kokoro", &voices), "kokoro voices: 3 (en-US: 1 female, 1 male; fr-FR: 1 female)");
    }
}

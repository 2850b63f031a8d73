//! `readcast doctor`: every backend, whether it is installed, its version and how to install it.
//! Exits non-zero when the configured backend (or its voice) is not usable, so scripts can ask
//! "will `readcast render` work here?" before a long run.

use crate::cli::{Cli, DoctorArgs};
use crate::error::Error;
use crate::synth::{SynthError, registry};

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

    let mut configured_problem: Option<SynthError> = None;
    let configured = canonical(&config.backend);
    let mut findings = Vec::new();
    for &name in registry::BACKEND_NAMES {
        let is_configured = name == configured;
        let finding = match registry::create(name, &options) {
            Err(e @ SynthError::BadCommand { .. }) if name == "command" && config.command.is_none() => {
                if is_configured {
                    configured_problem = Some(e);
                }
                Finding {
                    backend: name,
                    status: "not set",
                    detail: "give a template with --command 'ENGINE ... {wav}'".into(),
                }
            }
            Err(e) => {
                let finding = Finding { backend: name, status: "error", detail: e.to_string() };
                if is_configured {
                    configured_problem = Some(e);
                }
                finding
            }
            Ok(backend) => match backend.check() {
                Ok(version) => {
                    // For the engine that will be used, check the voice too.
                    match is_configured.then(|| registry::validate_voice(backend.as_ref())).transpose() {
                        Ok(_) => Finding { backend: name, status: "installed", detail: version },
                        Err(e) => {
                            let finding = Finding { backend: name, status: "no voice", detail: e.to_string() };
                            configured_problem = Some(e);
                            finding
                        }
                    }
                }
                Err(e) => {
                    let detail = match &e {
                        SynthError::NotInstalled { hint, .. } => hint.clone(),
                        other => other.to_string(),
                    };
                    if is_configured {
                        configured_problem = Some(e);
                    }
                    Finding { backend: name, status: "missing", detail }
                }
            },
        };
        findings.push(finding);
    }
    if !registry::BACKEND_NAMES.contains(&configured) {
        configured_problem = registry::create(&config.backend, &options).err();
    }

    super::voices::print_out(&format_report(&findings, configured))?;
    match configured_problem {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// The registry's name for an alias (`espeak` is `espeak-ng`, `text2wave` is `festival`).
fn canonical(name: &str) -> &str {
    match name {
        "espeak" => "espeak-ng",
        "text2wave" => "festival",
        other => other,
    }
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
            Finding { backend: "piper", status: "missing", detail: "run scripts/install-piper.sh".into() },
        ];
        let report = format_report(&findings, "piper");
        let lines: Vec<&str> = report.lines().collect();
        assert!(lines[1].starts_with("  espeak-ng  installed  1.51"), "{report}");
        assert!(lines[2].starts_with("* piper      missing    run scripts"), "{report}");
        assert_eq!(canonical("espeak"), "espeak-ng");
    }
}

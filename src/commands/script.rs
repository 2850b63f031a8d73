//! `readcast script`: the cleaned, segmented script, as text or JSON, or the list of dropped
//! lines with `--explain`. Nothing is synthesized.

use std::io::Write;

use serde::Serialize;

use crate::casting::VoicePlan;
use crate::cli::{Cli, ScriptArgs};
use crate::error::Error;
use crate::ingest::InputSource;
use crate::pipeline::prepare;
use crate::segment::{Segment, SegmentKind};
use crate::synth::{VoiceSet, registry};

#[derive(Serialize)]
struct ScriptJson<'a> {
    title: &'a str,
    segments: &'a [Segment],
}

pub fn run(cli: &Cli, args: &ScriptArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.text.apply(&mut config)?;
    args.voice.apply(&mut config);
    config.validate()?;
    // Segment ids depend on the voices; build the backend (without running it) to learn them.
    let options = super::render::backend_options(&config);
    let (backend, _) = registry::choose(config.backend, &options)?;
    let voices = VoiceSet::new(backend, &options);
    let plan = VoicePlan::new(&config, &voices)?;
    if args.features_json {
        let document = crate::ingest::read_document_with(&InputSource::parse(&args.input), &config.read)?;
        let mut out = serde_json::to_string(&crate::clean::features_json(&document)).unwrap_or_default();
        out.push('\n');
        return write_stdout(&out);
    }
    let prepared = prepare(&InputSource::parse(&args.input), &config, &plan)?;

    let mut out = String::new();
    if args.explain {
        for line in &prepared.article.dropped {
            out.push_str(&format!("line {}: {}: {}", line.line_no, line.rule.as_str(), line.text));
            if let Some(why) = &line.why {
                out.push_str(&format!(" (why: {why})"));
            }
            out.push('\n');
        }
        // Then every sentence that is not the narrator's, with its voice and why.
        for segment in prepared.segments.iter().filter(|s| s.why.is_some()) {
            let why = segment.why.as_deref().unwrap_or_default();
            out.push_str(&format!("voice {} ({}): {why}: {}\n", segment.voice, segment.role, segment.text));
        }
    } else if args.json {
        let json = ScriptJson { title: &prepared.article.title, segments: &prepared.segments };
        out = serde_json::to_string_pretty(&json).unwrap_or_default();
        out.push('\n');
    } else {
        for segment in &prepared.segments {
            match segment.kind {
                SegmentKind::Title => out.push_str(&format!("# {}\n\n", segment.spoken)),
                SegmentKind::Heading => out.push_str(&format!("## {}\n\n", segment.spoken)),
                SegmentKind::Sentence => {
                    out.push_str(&segment.spoken);
                    out.push('\n');
                    if segment.pause_after_ms >= config.pauses.paragraph {
                        out.push('\n');
                    }
                }
            }
        }
    }
    write_stdout(&out)
}

/// Write to stdout; a closed pipe (`readcast script x | head`) is not an error.
fn write_stdout(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::output("standard output")(e)),
        _ => Ok(()),
    }
}

//! `readcast voices [--backend NAME]`: the voices an engine offers, one
//! "name<TAB>language<TAB>gender" a line (gender `-` where the engine does not say). Without
//! `--backend`, the engine `render` would choose.

use std::io::Write;

use crate::cli::{Cli, VoicesArgs};
use crate::error::Error;
use crate::synth::registry;

pub fn run(cli: &Cli, args: &VoicesArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.voice.apply(&mut config);
    let (backend, _) = registry::choose(config.backend, &super::render::backend_options(&config))?;
    backend.check()?;
    let voices = backend.voices()?;
    if voices.is_empty() {
        eprintln!("readcast: {} cannot list its voices", backend.name());
        return Ok(());
    }
    let mut out = String::new();
    for voice in &voices {
        out.push_str(&format!("{}\t{}\t{}\n", voice.name, voice.language, voice.gender.as_deref().unwrap_or("-")));
    }
    print_out(&out)
}

/// Write to stdout; a closed pipe is not an error.
pub(crate) fn print_out(out: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
        // `readcast voices | head` closes the pipe early: not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::output("standard output")(e)),
        _ => Ok(()),
    }
}

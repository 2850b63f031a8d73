//! readcast turns articles into podcast episodes.
//!
//! The pipeline runs one way, a module per stage (see `DESIGN.md` of the team):
//! `ingest` → `clean` → `script` → `segment` → `synth` → `audio` (assemble) → `encode` →
//! `publish`. [`run`] is the whole program, so tests can drive it in-process.

pub mod atomic_file;
pub mod audio;
pub mod cache;
pub mod cancel;
pub mod clean;
pub mod cli;
pub mod commands;
pub mod config;
pub mod encode;
pub mod episode;
pub mod error;
pub mod ingest;
pub mod master;
pub mod pipeline;
pub mod progress;
pub mod publish;
pub mod render;
pub mod script;
pub mod segment;
pub mod slug;
pub mod synth;
pub mod time;

use clap::Parser;

use cli::{Cli, Command};

/// Run the program with these arguments; returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    if let Command::EspeakWorker { voice, rate } = &cli.command {
        // A worker is stopped by its parent; it installs no handlers of its own.
        return synth::espeak_worker::run_worker(voice, *rate);
    }
    if let Err(e) = cancel::install() {
        eprintln!("readcast: warning: cannot watch for Ctrl-C: {e}");
    }
    let result = match &cli.command {
        Command::Render(args) => commands::render::run(&cli, args),
        Command::Script(args) => commands::script::run(&cli, args),
        Command::Cache(args) => commands::cache::run(&cli, args),
        Command::EspeakWorker { .. } => Ok(()),
        Command::Voices(args) => commands::voices::run(&cli, args),
        Command::Doctor(args) => commands::doctor::run(&cli, args),
        Command::Feed(args) => commands::feed::run(&cli, args),
        Command::Init(args) => commands::init::run(&cli, args),
        #[cfg(feature = "speak")]
        Command::Speak(args) => commands::speak::run(&cli, args),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("readcast: error: {}", error::one_line(&e));
            e.exit_code()
        }
    }
}

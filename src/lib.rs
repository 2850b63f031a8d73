//! readcast turns articles into podcast episodes.
//!
//! The pipeline runs one way, a module per stage (see `docs/architecture.md`):
//! `ingest` → `clean` → `script` → `segment` → `synth` → `audio` (assemble) → `encode` →
//! `publish`. [`run`] is the whole program, so tests can drive it in-process.

pub mod atomic_file;
pub mod audio;
pub mod bounded_read;
pub mod cache;
pub mod cancel;
pub mod casting;
pub mod clean;
pub mod cli;
pub mod commands;
pub mod config;
pub mod encode;
pub mod episode;
pub mod episode_folder;
pub mod error;
pub mod farm;
pub mod follow;
pub mod hex;
pub mod ingest;
pub mod master;
pub mod pipeline;
pub mod progress;
pub mod publish;
pub mod render;
pub mod rule_regex;
pub mod script;
pub mod segment;
pub mod serve;
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
            print_usage_error(&e);
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
        Command::Submit(args) => commands::farm::submit(&cli, args),
        Command::Worker(args) => commands::farm::worker(&cli, args),
        Command::Collect(args) => commands::farm::collect(&cli, args),
        Command::Farm(args) => commands::farm::status(&cli, args),
        Command::Follow(args) => commands::follow::run(&cli, args),
        Command::Sync(args) => commands::sync::run(&cli, args),
        Command::Serve(args) => commands::serve::run(&cli, args),
        #[cfg(feature = "speak")]
        Command::Speak(args) => commands::speak::run(&cli, args),
    };
    // From here the program ends by itself; the signal watchdog stands down.
    let _last_line = cancel::finishing();
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("readcast: error: {}", error::one_line(&e));
            e.exit_code()
        }
    }
}

/// Help and version go out as clap writes them; a usage error becomes one line on stderr, like
/// every other error ("invalid value 'x' for '--backend <NAME>' (possible values: ...)").
fn print_usage_error(e: &clap::Error) {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return;
    }
    let rendered = e.render().to_string();
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("For more information") && !l.starts_with("Usage:"))
        .collect();
    let mut line = parts.join(" ");
    if let Some(rest) = line.strip_prefix("error: ") {
        line = rest.to_string();
    }
    let line = line.replace("[possible values: ", "(possible values: ").replace("] ", ") ");
    let line = if line.ends_with(']') && line.contains("(possible values: ") {
        format!("{})", &line[..line.len() - 1])
    } else {
        line
    };
    eprintln!("readcast: error: {line} (readcast --help shows the usage)");
}

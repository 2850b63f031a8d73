//! `readcast render`: every input into an episode; failures are reported at the end without
//! stopping the other inputs.

use std::collections::HashSet;

use crate::cli::{Cli, RenderArgs};
use crate::config::Config;
use crate::error::{one_line, Error};
use crate::ingest::InputSource;
use crate::render::render_input;
use crate::synth::{registry, BackendOptions};

pub fn run(cli: &Cli, args: &RenderArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.apply(&mut config)?;
    run_with_config(&config, &args.inputs)
}

pub fn backend_options(config: &Config) -> BackendOptions {
    BackendOptions { voice: config.voice.clone(), rate: config.rate, timeout: config.segment_timeout }
}

pub fn run_with_config(config: &Config, inputs: &[String]) -> Result<(), Error> {
    let backend = registry::create(&config.backend, &backend_options(config))?;
    let version = backend.check()?;
    registry::validate_voice(backend.as_ref())?;
    if let Some(cover) = &config.cover {
        // A bad cover should stop the run before any synthesis, not after every episode's.
        crate::publish::Cover::load(cover)?;
    }
    std::fs::create_dir_all(&config.out_dir).map_err(Error::output(&config.out_dir))?;

    let mut taken = HashSet::new();
    let mut failures = Vec::new();
    for input in inputs {
        let source = InputSource::parse(input);
        match render_input(&source, config, backend.as_ref(), &version, &mut taken) {
            Ok(episode) => {
                if !config.quiet {
                    eprintln!(
                        "readcast: {}: {} segments, {:.1} s of audio",
                        source.display_name(),
                        episode.segments,
                        episode.duration_s
                    );
                }
                for file in &episode.files {
                    println!("{}", file.display());
                }
            }
            Err(e) if inputs.len() > 1 => {
                eprintln!("readcast: error: {}", one_line(&e));
                failures.push(input.clone());
            }
            Err(e) => return Err(e),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Error::SomeInputsFailed { failed: failures.len(), total: inputs.len() })
    }
}

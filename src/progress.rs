//! Progress on stderr: an indicatif bar when stderr is a terminal, a plain line now and then when
//! it is not (logs, CI), nothing with `--quiet`.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    Bar,
    Plain,
    Quiet,
}

impl ProgressMode {
    pub fn detect(quiet: bool) -> ProgressMode {
        if quiet {
            ProgressMode::Quiet
        } else if std::io::stderr().is_terminal() {
            ProgressMode::Bar
        } else {
            ProgressMode::Plain
        }
    }
}

/// How often a plain progress line is printed at most.
const PLAIN_INTERVAL: Duration = Duration::from_secs(5);

pub struct Progress {
    mode: ProgressMode,
    bar: Option<ProgressBar>,
    label: String,
    total: u64,
    done: u64,
    started: Instant,
    last_line: Instant,
}

impl Progress {
    pub fn new(mode: ProgressMode, label: &str, total: u64) -> Progress {
        let bar = (mode == ProgressMode::Bar).then(|| {
            let bar = ProgressBar::new(total);
            let style =
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} segments, {elapsed} elapsed, ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(label.to_string());
            bar
        });
        let now = Instant::now();
        Progress { mode, bar, label: label.to_string(), total, done: 0, started: now, last_line: now }
    }

    pub fn inc(&mut self) {
        self.done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        } else if self.mode == ProgressMode::Plain
            && (self.last_line.elapsed() >= PLAIN_INTERVAL || self.done == self.total)
        {
            self.last_line = Instant::now();
            eprintln!(
                "readcast: {}: {}/{} segments, {:.0} s elapsed",
                self.label,
                self.done,
                self.total,
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// Segments done so far (the farm's workers report it).
    pub fn done(&self) -> u64 {
        self.done
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

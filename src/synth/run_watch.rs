//! A watch over one in-process model run: Ctrl-C, SIGTERM and the segment time limit stop it.
//!
//! An engine process is stopped by killing it; a model run inside readcast cannot be killed, but
//! ONNX Runtime stops a run whose `RunOptions` are told to terminate. A small thread watches the
//! run (polling every 50 ms, so a signal is honoured well within a second) and terminates it on
//! a signal or when it outlasts the segment's time limit; the caller then learns which.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ort::session::RunOptions;

const POLL: Duration = Duration::from_millis(50);
const RUNNING: u8 = 0;
const SIGNALLED: u8 = 1;
const TIMED_OUT: u8 = 2;

/// Why a watched run was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Ctrl-C or SIGTERM; the number is the signal.
    Signal(i32),
    /// The run took longer than the time limit.
    TimedOut,
}

/// Watches one run until dropped.
pub struct RunWatch {
    options: Arc<RunOptions>,
    outcome: Arc<AtomicU8>,
    done: Option<Sender<()>>,
    watcher: Option<JoinHandle<()>>,
}

impl RunWatch {
    /// Start watching a run that may take `limit` at most.
    pub fn start(limit: Duration) -> Result<RunWatch, ort::Error> {
        let options = Arc::new(RunOptions::new()?);
        let outcome = Arc::new(AtomicU8::new(RUNNING));
        let (done, finished) = mpsc::channel::<()>();
        let watched = Arc::clone(&options);
        let verdict = Arc::clone(&outcome);
        let started = Instant::now();
        let watcher = std::thread::spawn(move || {
            loop {
                match finished.recv_timeout(POLL) {
                    Err(RecvTimeoutError::Timeout) => {}
                    // The run ended (the sender was dropped or said so).
                    _ => return,
                }
                let stop = if crate::cancel::requested().is_some() {
                    SIGNALLED
                } else if started.elapsed() > limit {
                    TIMED_OUT
                } else {
                    continue;
                };
                verdict.store(stop, Ordering::SeqCst);
                let _ = watched.terminate();
                return;
            }
        });
        Ok(RunWatch { options, outcome, done: Some(done), watcher: Some(watcher) })
    }

    /// The options to run with.
    pub fn options(&self) -> &RunOptions {
        &self.options
    }

    /// Whether the watch stopped the run, and why.
    pub fn stopped(&self) -> Option<Stopped> {
        match self.outcome.load(Ordering::SeqCst) {
            SIGNALLED => Some(Stopped::Signal(crate::cancel::requested().unwrap_or(2))),
            TIMED_OUT => Some(Stopped::TimedOut),
            _ => None,
        }
    }
}

impl Drop for RunWatch {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
    }
}

//! Interruption: Ctrl-C (SIGINT) and SIGTERM ask the render to stop cleanly.
//!
//! The signal handler only records the signal; the work checks [`requested`] at safe points:
//! engine processes are killed, temporary files are dropped, finished segments stay in the
//! cache, and `main` exits with 128 + the signal (130 for Ctrl-C, 143 for SIGTERM). A second
//! signal while stopping ends the process at once.
//!
//! SIGXFSZ (a file grew past the size limit) is caught too, so that a full disk or a file-size
//! limit shows up as a write error with a message instead of killing the process silently.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static SIGNAL: AtomicUsize = AtomicUsize::new(0);
static STOPPING: AtomicBool = AtomicBool::new(false);
static FILE_TOO_LARGE: AtomicBool = AtomicBool::new(false);

/// Install the handlers. Safe to call more than once.
pub fn install() -> std::io::Result<()> {
    use signal_hook::consts::signal::{SIGINT, SIGTERM, SIGXFSZ};
    use signal_hook::flag;
    for signal in [SIGINT, SIGTERM] {
        // Registered first so it sees the state before this signal: only a second signal exits.
        flag::register_conditional_shutdown(signal, 128 + signal, &STOPPING)?;
        flag::register(signal, &STOPPING)?;
        flag::register_usize(signal, &SIGNAL, signal as usize)?;
    }
    flag::register(SIGXFSZ, &FILE_TOO_LARGE)?;
    Ok(())
}

/// The signal that asked us to stop, if any.
pub fn requested() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal as i32),
    }
}

/// The render was interrupted by a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("interrupted by {}; finished segments are kept in the cache, so running the same command again resumes", signal_name(*.signal))]
pub struct Interrupted {
    pub signal: i32,
}

/// Err when a stop was requested: call at safe points between pieces of work.
pub fn check() -> Result<(), Interrupted> {
    match requested() {
        Some(signal) => Err(Interrupted { signal }),
        None => Ok(()),
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        signal_hook::consts::signal::SIGINT => "Ctrl-C (SIGINT)",
        signal_hook::consts::signal::SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

//! Interruption: Ctrl-C (SIGINT) and SIGTERM ask the render to stop cleanly.
//!
//! The signal handler only records the signal; the work checks [`requested`] at safe points:
//! engine processes are killed, temporary files are dropped, finished segments stay in the
//! cache, and `main` exits with 128 + the signal (130 for Ctrl-C, 143 for SIGTERM). A second
//! signal while stopping ends the process at once.
//!
//! Some work has no safe point for a long time: opening a FIFO that no one writes to, reading
//! an idle pipe, cleaning a huge input. So a watchdog thread also sees the signal; if the work
//! has not ended the process [`GRACE`] later, the watchdog removes the temporary folders
//! registered with [`remove_on_forced_exit`], prints the same one line and exits with the same
//! code. Every phase thus stops within a second.
//!
//! SIGXFSZ (a file grew past the size limit) is caught too, so that a full disk or a file-size
//! limit shows up as a write error with a message instead of killing the process silently.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

static SIGNAL: AtomicUsize = AtomicUsize::new(0);
static STOPPING: AtomicBool = AtomicBool::new(false);
static FILE_TOO_LARGE: AtomicBool = AtomicBool::new(false);
/// Set once the program has its result: from then on the watchdog leaves the exit to `main`.
static FINISHED: AtomicBool = AtomicBool::new(false);
/// Held by whoever prints the last line (the program or the watchdog), so only one does.
static LAST_LINE: Mutex<()> = Mutex::new(());
/// Temporary folders and files the watchdog removes before it ends the process.
static FORCED_EXIT_CLEANUP: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// How long the work has, after a signal, to stop at a safe point before the watchdog ends it.
pub const GRACE: Duration = Duration::from_millis(600);
/// How often the watchdog looks for a signal.
const WATCH_INTERVAL: Duration = Duration::from_millis(25);

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
    static WATCHDOG: std::sync::Once = std::sync::Once::new();
    WATCHDOG.call_once(|| {
        let spawned = std::thread::Builder::new().name("signal-watchdog".into()).spawn(watchdog);
        if let Err(e) = spawned {
            eprintln!("readcast: warning: cannot watch for stuck work after Ctrl-C: {e}");
        }
    });
    Ok(())
}

/// Wait for a signal, give the work [`GRACE`] to stop by itself, then end the process.
fn watchdog() {
    let signal = loop {
        if let Some(signal) = requested() {
            break signal;
        }
        std::thread::sleep(WATCH_INTERVAL);
    };
    std::thread::sleep(GRACE);
    let _line = LAST_LINE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if FINISHED.load(Ordering::SeqCst) {
        return;
    }
    let folders = std::mem::take(&mut *FORCED_EXIT_CLEANUP.lock().unwrap_or_else(|p| p.into_inner()));
    for path in folders {
        if path.is_dir() {
            let _ = std::fs::remove_dir_all(path);
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
    eprintln!("readcast: error: {}", Interrupted { signal });
    std::process::exit(128 + signal);
}

/// The program has its result and prints it: the watchdog must not print or exit any more.
/// The guard is held while the last line is printed.
pub fn finishing() -> std::sync::MutexGuard<'static, ()> {
    let guard = LAST_LINE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    FINISHED.store(true, Ordering::SeqCst);
    guard
}

/// A temporary folder or file the watchdog removes if it has to end the process; unregistered
/// on drop.
#[derive(Debug)]
pub struct ForcedExitCleanup(PathBuf);

/// Register `folder` (or a file) for removal should the watchdog end the process.
pub fn remove_on_forced_exit(folder: &Path) -> ForcedExitCleanup {
    FORCED_EXIT_CLEANUP.lock().unwrap_or_else(|p| p.into_inner()).push(folder.to_path_buf());
    ForcedExitCleanup(folder.to_path_buf())
}

impl Drop for ForcedExitCleanup {
    fn drop(&mut self) {
        let mut folders = FORCED_EXIT_CLEANUP.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(i) = folders.iter().position(|f| *f == self.0) {
            folders.swap_remove(i);
        }
    }
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

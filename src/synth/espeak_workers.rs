//! The client side of espeak-ng workers: a small pool of long-lived worker processes, one per
//! concurrent synthesis, each loading libespeak-ng once.
//!
//! A worker is taken from the pool for one segment and put back when it answered; a worker that
//! fails, overruns its time or is interrupted is killed and a fresh one is started next time.
//! If a worker cannot start (no libespeak-ng, say), [`EspeakWorkers::speak`] returns `None` and
//! the backend falls back to running the `espeak-ng` program per segment.

use std::io::{BufReader, BufWriter};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::SynthError;
use super::stderr_tail::StderrTail;
use super::worker_protocol::{read_hello, read_response, write_text};
use crate::audio::Clip;
use crate::time::SampleRate;

const ENGINE: &str = "espeak-ng";
/// The hidden subcommand that runs a worker.
pub const WORKER_COMMAND: &str = "__espeak-worker";
/// How long a worker may take to load the library and voice.
const START_TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

type Response = std::io::Result<Result<Vec<i16>, String>>;

struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    responses: Receiver<Response>,
    stderr: StderrTail,
    rate: SampleRate,
}

impl Worker {
    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The worker's stderr, once it has stopped.
    fn last_words(&self) -> String {
        self.stderr.last_words()
    }
}

pub struct EspeakWorkers {
    exe: PathBuf,
    voice: String,
    rate: u32,
    idle: Mutex<Vec<Worker>>,
    unavailable: AtomicBool,
}

/// Why waiting for a worker ended without an answer.
enum WaitError {
    Timeout,
    Interrupted(i32),
    Gone,
}

fn wait(responses: &Receiver<Response>, timeout: Duration) -> Result<Response, WaitError> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(signal) = crate::cancel::requested() {
            return Err(WaitError::Interrupted(signal));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(WaitError::Timeout);
        }
        match responses.recv_timeout(left.min(POLL)) {
            Ok(response) => return Ok(response),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Err(WaitError::Gone),
        }
    }
}

impl EspeakWorkers {
    /// Workers are disabled from the start when `READCAST_ESPEAK_CLI` is set (the tests use it to
    /// put a fault-injecting `espeak-ng` program in the engine's place) or when readcast cannot
    /// find its own executable.
    pub fn new(voice: &str, rate: u32) -> EspeakWorkers {
        let exe = std::env::current_exe().ok();
        let forced_cli = std::env::var_os("READCAST_ESPEAK_CLI").is_some();
        EspeakWorkers {
            unavailable: AtomicBool::new(forced_cli || exe.is_none()),
            exe: exe.unwrap_or_default(),
            voice: voice.to_string(),
            rate,
            idle: Mutex::new(Vec::new()),
        }
    }

    fn start(&self) -> Option<Worker> {
        let mut child = Command::new(&self.exe)
            .arg(WORKER_COMMAND)
            .arg(format!("--voice={}", self.voice))
            .arg(format!("--rate={}", self.rate))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .ok()?;
        let stdin = BufWriter::new(child.stdin.take()?);
        let mut stdout = BufReader::new(child.stdout.take()?);
        let stderr = StderrTail::spawn(child.stderr.take()?);
        let (tx, responses) = mpsc::channel::<Response>();
        let (hello_tx, hello_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let hello = read_hello(&mut stdout);
            let started = matches!(hello, Ok(Ok(_)));
            if hello_tx.send(hello).is_err() || !started {
                return;
            }
            loop {
                let response = read_response(&mut stdout);
                let failed = response.is_err();
                if tx.send(response).is_err() || failed {
                    return;
                }
            }
        });
        let rate = match hello_rx.recv_timeout(START_TIMEOUT) {
            Ok(Ok(Ok(rate))) if rate > 0 => rate,
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        };
        Some(Worker { child, stdin, responses, stderr, rate: SampleRate(rate) })
    }

    /// Speak one segment on a worker. `None` means workers cannot run here: use the program.
    pub fn speak(&self, text: &str, segment: &str, timeout: Duration) -> Option<Result<Clip, SynthError>> {
        if self.unavailable.load(Ordering::Relaxed) {
            return None;
        }
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut worker = match idle.or_else(|| self.start()) {
            Some(worker) => worker,
            None => {
                self.unavailable.store(true, Ordering::Relaxed);
                return None;
            }
        };
        let failed = |worker: &Worker, status: &str| SynthError::Failed {
            engine: ENGINE.into(),
            segment: segment.into(),
            status: status.into(),
            stderr: worker.last_words(),
        };
        if write_text(&mut worker.stdin, text).is_err() {
            let error = failed(&worker, "the worker stopped");
            worker.stop();
            return Some(Err(error));
        }
        let outcome = match wait(&worker.responses, timeout) {
            Ok(Ok(Ok(samples))) => {
                let clip = Clip {
                    sample_rate: worker.rate,
                    channels: 1,
                    samples: samples.iter().map(|&s| s as f32 / 32_768.0).collect(),
                };
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(worker);
                }
                return Some(Ok(clip));
            }
            Ok(Ok(Err(message))) => Err(SynthError::Failed {
                engine: ENGINE.into(),
                segment: segment.into(),
                status: "the worker reported an error".into(),
                stderr: message,
            }),
            Ok(Err(_)) | Err(WaitError::Gone) => Err(failed(&worker, "the worker stopped")),
            Err(WaitError::Timeout) => {
                Err(SynthError::Timeout { engine: ENGINE.into(), segment: segment.into(), seconds: timeout.as_secs() })
            }
            Err(WaitError::Interrupted(signal)) => Err(SynthError::Interrupted { signal }),
        };
        worker.stop();
        Some(outcome)
    }
}

impl Drop for EspeakWorkers {
    fn drop(&mut self) {
        if let Ok(mut idle) = self.idle.lock() {
            for worker in idle.drain(..) {
                // Closing stdin ends a worker; kill makes sure.
                worker.stop();
            }
        }
    }
}

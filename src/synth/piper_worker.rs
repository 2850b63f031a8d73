//! One long-lived Piper worker process: a Python interpreter that loads a voice model once and
//! then speaks segment after segment, so the second-long model load is paid once per worker,
//! never once per segment.
//!
//! The worker script (`piper_worker.py`) is built into the binary and run with `python -c`.
//! Requests are JSON lines on its standard input; it answers with one JSON line once the model
//! is loaded, then with one binary frame of PCM per segment ([`super::pcm_frame`]), so no WAV
//! file is written and read back per segment. Its standard error is drained on a thread
//! (keeping the tail for error messages) and its answers are read on another, so a timeout is a
//! `recv_timeout` and a hung worker can be killed.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use wait_timeout::ChildExt;

use super::SynthError;
use super::pcm_frame::{self, FrameError, Pcm};
use super::stderr_tail::StderrTail;
use crate::audio::Clip;
use crate::time::SampleRate;

/// The worker program, run with `python -u -c`.
const WORKER_SCRIPT: &str = include_str!("piper_worker.py");
/// Longest ready line read from a worker; real ones are under 100 bytes.
const ANSWER_LIMIT: u64 = 64 * 1024;
const ENGINE: &str = "piper";

/// What a worker is started with.
#[derive(Debug, Clone)]
pub struct WorkerSpec {
    pub python: std::path::PathBuf,
    pub model: std::path::PathBuf,
    pub config: std::path::PathBuf,
    /// onnxruntime intra-op threads for this worker.
    pub threads: usize,
    /// Speaking rate, words per minute.
    pub rate: u32,
}

#[derive(Serialize)]
struct Request<'a> {
    text: &'a str,
}

/// The worker's first line, once its model is loaded.
#[derive(Deserialize)]
struct Ready {
    #[serde(default)]
    ready: bool,
    error: Option<String>,
}

/// What the reader thread passes on: the ready line, then one frame per segment.
enum Message {
    Ready(String),
    Frame(Result<pcm_frame::Answer, FrameError>),
}

/// A running worker. Dropping it closes its input (it exits) and kills it if it lingers.
pub struct PiperWorker {
    child: Child,
    stdin: Option<ChildStdin>,
    answers: Receiver<Message>,
    stderr: Option<StderrTail>,
}

impl PiperWorker {
    /// The arguments of the worker command, after the interpreter.
    pub fn args(spec: &WorkerSpec) -> Vec<std::ffi::OsString> {
        vec![
            "-u".into(),
            "-c".into(),
            WORKER_SCRIPT.into(),
            spec.model.clone().into_os_string(),
            spec.config.clone().into_os_string(),
            spec.threads.to_string().into(),
            spec.rate.to_string().into(),
        ]
    }

    /// Start a worker and wait until its model is loaded.
    pub fn start(spec: &WorkerSpec, timeout: Duration) -> Result<PiperWorker, SynthError> {
        let mut command = Command::new(&spec.python);
        command.args(Self::args(spec)).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        // The worker's own thread count is the one we chose; keep OpenMP from adding its own.
        command.env("OMP_NUM_THREADS", spec.threads.to_string());
        let mut child = command.spawn().map_err(|source| SynthError::Spawn { engine: ENGINE.into(), source })?;

        let stdin = child.stdin.take();
        let (tx, answers) = mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            std::thread::spawn(move || read_answers(stdout, tx));
        }
        let stderr = child.stderr.take().map(StderrTail::spawn);
        let mut worker = PiperWorker { child, stdin, answers, stderr };
        let segment = "(loading the model)";
        let line = match worker.next_message(timeout, segment)? {
            Message::Ready(line) => line,
            Message::Frame(_) => return Err(worker.failure(segment, "an audio frame before the ready line".into())),
        };
        let ready: Ready = serde_json::from_str(&line)
            .map_err(|e| worker.failure(segment, format!("garbled answer {:?}: {e}", truncate(&line, 200))))?;
        if !ready.ready {
            return Err(worker.failure(segment, ready.error.unwrap_or_else(|| "no ready signal".into())));
        }
        Ok(worker)
    }

    /// Speak `text` into a clip. An error answer leaves the worker usable; any other error
    /// (timeout, a dead worker, a bad frame) means the worker must be dropped: see
    /// [`WorkerError::reusable`].
    pub fn speak(&mut self, text: &str, segment: &str, timeout: Duration) -> Result<Clip, WorkerError> {
        let mut line = serde_json::to_string(&Request { text })
            .map_err(|e| WorkerError::broken(self.failure(segment, format!("cannot encode the request: {e}"))))?;
        line.push('\n');
        let written = match self.stdin.as_mut() {
            Some(stdin) => stdin.write_all(line.as_bytes()).and_then(|_| stdin.flush()),
            None => Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "input closed")),
        };
        if let Err(e) = written {
            return Err(WorkerError::broken(self.failure(segment, format!("the worker stopped reading: {e}"))));
        }
        let answer = match self.next_message(timeout, segment).map_err(WorkerError::broken)? {
            Message::Frame(Ok(answer)) => answer,
            // A frame cut short means the worker's output ended: it is dying, and its reason
            // (a traceback, say) is on its way to stderr.
            Message::Frame(Err(e @ FrameError::Truncated { .. })) => {
                let last_words = self.stderr.as_ref().map(StderrTail::last_words).unwrap_or_default();
                return Err(WorkerError::broken(self.failure_with(segment, e.to_string(), &last_words)));
            }
            Message::Frame(Err(e)) => return Err(WorkerError::broken(self.failure(segment, e.to_string()))),
            Message::Ready(_) => {
                return Err(WorkerError::broken(self.failure(segment, "a second ready line".into())));
            }
        };
        match answer {
            Ok(pcm) => clip_of(pcm, segment).map_err(WorkerError::broken),
            Err(message) => Err(WorkerError {
                error: SynthError::Failed {
                    engine: ENGINE.into(),
                    segment: segment.into(),
                    status: "worker error".into(),
                    stderr: message,
                },
                reusable: true,
            }),
        }
    }

    fn next_message(&mut self, timeout: Duration, segment: &str) -> Result<Message, SynthError> {
        match self.answers.recv_timeout(timeout) {
            Ok(message) => Ok(message),
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                Err(SynthError::Timeout { engine: ENGINE.into(), segment: segment.into(), seconds: timeout.as_secs() })
            }
            Err(RecvTimeoutError::Disconnected) => {
                // The worker closed its output: it has exited. Let stderr's reader catch up.
                let status = self.child.wait_timeout(Duration::from_secs(2)).ok().flatten();
                let status =
                    status.map_or("no exit status".to_string(), |s| super::engine_process::describe_status(&s));
                let last_words = self.stderr.as_ref().map(StderrTail::last_words).unwrap_or_default();
                Err(self.failure_with(segment, format!("the worker exited ({status})"), &last_words))
            }
        }
    }

    fn failure(&self, segment: &str, reason: String) -> SynthError {
        let tail = self.stderr.as_ref().map(StderrTail::current).unwrap_or_default();
        self.failure_with(segment, reason, &tail)
    }

    fn failure_with(&self, segment: &str, reason: String, tail: &str) -> SynthError {
        let last_line = tail.lines().last().unwrap_or("").to_string();
        SynthError::Failed {
            engine: ENGINE.into(),
            segment: segment.into(),
            status: reason,
            stderr: if last_line.is_empty() { "no message on stderr".into() } else { last_line },
        }
    }
}

impl Drop for PiperWorker {
    fn drop(&mut self) {
        // Closing its input ends the worker's loop; one that does not exit soon is killed.
        drop(self.stdin.take());
        if !matches!(self.child.wait_timeout(Duration::from_secs(2)), Ok(Some(_))) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A worker's failure and whether the worker can take the next segment.
#[derive(Debug)]
pub struct WorkerError {
    pub error: SynthError,
    pub reusable: bool,
}

impl WorkerError {
    fn broken(error: SynthError) -> WorkerError {
        WorkerError { error, reusable: false }
    }
}

/// Turn a frame's samples into a clip, as reading the worker's WAV file used to: a frame with no
/// audio is an error, as an empty WAV file was.
fn clip_of(pcm: Pcm, segment: &str) -> Result<Clip, SynthError> {
    if pcm.samples.is_empty() {
        return Err(SynthError::BadAudio {
            engine: ENGINE.into(),
            segment: segment.into(),
            reason: "the worker sent no audio".into(),
        });
    }
    Ok(Clip {
        sample_rate: SampleRate(pcm.sample_rate),
        channels: pcm.channels,
        samples: pcm.samples.iter().map(|&s| f32::from(s) / 32_768.0).collect(),
    })
}

/// The reader thread: the ready line, then frames until the worker's output ends or goes bad.
fn read_answers(stdout: impl Read, tx: mpsc::Sender<Message>) {
    let mut reader = BufReader::new(stdout);
    let mut line = Vec::new();
    match (&mut reader).take(ANSWER_LIMIT).read_until(b'\n', &mut line) {
        Ok(0) | Err(_) => return,
        Ok(_) => {
            if tx.send(Message::Ready(String::from_utf8_lossy(&line).trim().to_string())).is_err() {
                return;
            }
        }
    }
    loop {
        match pcm_frame::read_frame(&mut reader) {
            // A clean end: the worker closed its output, which the receiver sees as a disconnect.
            Ok(None) => return,
            Ok(Some(answer)) => {
                if tx.send(Message::Frame(Ok(answer))).is_err() {
                    return;
                }
            }
            // After a bad frame the stream cannot be resynchronised: report it and stop.
            Err(e) => {
                let _ = tx.send(Message::Frame(Err(e)));
                return;
            }
        }
    }
}

fn truncate(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_arguments_carry_paths_and_settings_never_text() {
        let spec = WorkerSpec {
            python: "python3".into(),
            model: "/voices/-odd name.onnx".into(),
            config: "/voices/-odd name.onnx.json".into(),
            threads: 3,
            rate: 200,
        };
        let args: Vec<String> = PiperWorker::args(&spec).iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(args[0..2], ["-u", "-c"]);
        assert!(args[2].contains("intra_op_num_threads"));
        assert_eq!(args[3..], ["/voices/-odd name.onnx", "/voices/-odd name.onnx.json", "3", "200"]);
    }

    #[test]
    fn a_worker_that_is_not_python_fails_to_start_with_its_message() {
        // `sh -c` ignores our script's arguments after the first: run something that prints to
        // stderr and exits, standing in for a broken interpreter.
        let spec = WorkerSpec { python: "sh".into(), model: "m".into(), config: "c".into(), threads: 1, rate: 175 };
        let err = PiperWorker::start(&spec, Duration::from_secs(10)).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("piper failed"), "{err}");
    }
}

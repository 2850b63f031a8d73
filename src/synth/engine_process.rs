//! Running an engine as a child process: no shell, text on standard input, a time limit, and
//! stderr kept for the error message.
//!
//! The engine runs in a process group of its own, and the whole group is killed at the time
//! limit, on Ctrl-C and once the engine has exited: an engine that is a shell script running
//! `sleep`, or that leaves a background child holding its pipes, can neither outlive readcast
//! nor keep a segment waiting past `--segment-timeout`. Group killing also means the terminal's
//! Ctrl-C does not reach the engine directly; readcast stops it. A child that left the group
//! (`setsid`) is found and ended too, on Linux ([`super::engine_descendants`]).

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use super::SynthError;
use super::engine_descendants;

/// Engines' stderr is kept up to this many bytes; enough for any real message.
const STDERR_LIMIT: u64 = 16 * 1024;
/// Standard output is kept up to this many bytes (version strings, voice lists).
const STDOUT_LIMIT: u64 = 4 * 1024 * 1024;
/// After the engine exits, its pipes are read for at least this long, even past the deadline.
const PIPES_GRACE: Duration = Duration::from_millis(500);
/// How often a waiting engine is checked for an interruption.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

#[derive(Debug)]
pub struct EngineOutput {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Run `command` with `stdin_text` on its standard input, waiting at most `timeout`.
/// A child that overruns is killed and reported as [`SynthError::Timeout`].
pub fn run_engine(
    mut command: Command,
    stdin_text: Option<&str>,
    timeout: Duration,
    engine: &str,
    segment: &str,
) -> Result<EngineOutput, SynthError> {
    command
        .stdin(if stdin_text.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mark = engine_descendants::new_mark();
    command.env(engine_descendants::MARK_VAR, &mark);
    engine_descendants::adopt_orphans();
    let mut child = command.spawn().map_err(|source| spawn_error(engine, source))?;

    // Feed stdin and drain the pipes on threads so a chatty child can never block on a full pipe.
    let stdin_thread = child.stdin.take().zip(stdin_text.map(str::to_owned)).map(|(mut stdin, text)| {
        std::thread::spawn(move || {
            // A child that exits without reading closes the pipe; its exit status tells the story.
            let _ = stdin.write_all(text.as_bytes());
        })
    });
    let stdout_thread = child.stdout.take().map(|out| std::thread::spawn(move || read_limited(out, STDOUT_LIMIT)));
    let stderr_thread = child.stderr.take().map(|err| std::thread::spawn(move || read_limited(err, STDERR_LIMIT)));

    let mut child = Engine { child: &mut child, mark: &mark };
    // Wait in short slices so an interruption (Ctrl-C, SIGTERM) stops the child promptly.
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(signal) = crate::cancel::requested() {
            kill_group(&mut child);
            return Err(SynthError::Interrupted { signal });
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match child.child.wait_timeout(left.min(POLL_INTERVAL)) {
            Ok(Some(status)) => break status,
            Ok(None) if left.is_zero() => {
                kill_group(&mut child);
                return Err(SynthError::Timeout {
                    engine: engine.to_string(),
                    segment: segment.to_string(),
                    seconds: timeout.as_secs(),
                });
            }
            Ok(None) => {}
            Err(source) => {
                kill_group(&mut child);
                return Err(spawn_error(engine, source));
            }
        }
    };
    // Whatever the engine left running would hold the pipes open: it goes too.
    kill_group(&mut child);
    // A process that escaped even that (off Linux, one that left the group) may still hold the
    // pipes: the threads are waited for until the deadline (and a moment for output already
    // written), not longer.
    let pipes_deadline = deadline.max(Instant::now() + PIPES_GRACE);
    if let Some(t) = stdin_thread {
        join_by(t, pipes_deadline);
    }
    let stdout = stdout_thread.and_then(|t| join_by(t, pipes_deadline)).unwrap_or_default();
    let stderr = stderr_thread.and_then(|t| join_by(t, pipes_deadline)).unwrap_or_default();
    Ok(EngineOutput { status, stdout, stderr })
}

/// The thread's result if it ends by `deadline`; else it is left to finish on its own.
fn join_by<T>(thread: std::thread::JoinHandle<T>, deadline: Instant) -> Option<T> {
    while !thread.is_finished() {
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    thread.join().ok()
}

/// A running engine and the mark its processes carry.
struct Engine<'a> {
    child: &'a mut Child,
    mark: &'a str,
}

/// Kill the engine's whole process group, reap the engine, then end whatever it started that
/// left the group.
fn kill_group(engine: &mut Engine<'_>) {
    let pgid = libc::pid_t::try_from(engine.child.id()).ok();
    if let Some(pgid) = pgid {
        // SAFETY: killpg only sends a signal; the group is the engine's own (process_group(0)),
        // and an already empty group gives ESRCH, which is fine.
        unsafe {
            libc::killpg(pgid, libc::SIGKILL);
        }
    }
    let _ = engine.child.kill();
    let _ = engine.child.wait();
    if let Some(pgid) = pgid {
        engine_descendants::end_all(pgid, engine.mark);
    }
}

fn read_limited(reader: impl Read, limit: u64) -> String {
    let mut bytes = Vec::new();
    let mut limited = reader.take(limit);
    let _ = limited.read_to_end(&mut bytes);
    // Drain the rest so the child is not blocked writing into a full pipe.
    let _ = std::io::copy(&mut limited.into_inner(), &mut std::io::sink());
    String::from_utf8_lossy(&bytes).into_owned()
}

fn spawn_error(engine: &str, source: std::io::Error) -> SynthError {
    SynthError::Spawn { engine: engine.to_string(), source }
}

/// Run an engine that writes its audio to `wav`, then read the clip. A failing exit is an error
/// naming the segment, with the engine's stderr.
pub fn speak_to_wav(
    command: Command,
    stdin_text: Option<&str>,
    wav: &std::path::Path,
    timeout: Duration,
    engine: &str,
    segment: &str,
) -> Result<crate::audio::Clip, SynthError> {
    let output = run_engine(command, stdin_text, timeout, engine, segment)?;
    if !output.status.success() {
        return Err(SynthError::Failed {
            engine: engine.into(),
            segment: segment.into(),
            status: describe_status(&output.status),
            stderr: output.stderr.trim().to_string(),
        });
    }
    super::read_wav_clip(wav, engine, segment)
}

/// Describe an exit status for messages: "exit code 1" or "killed by signal 9".
pub fn describe_status(status: &ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exit code {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    "abnormal exit".to_string()
}

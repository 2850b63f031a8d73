//! The tail of a worker process's stderr, read on its own thread so the worker can never block
//! on a full pipe, and kept short so a chatty worker cannot grow memory.
//!
//! When a worker dies, its last words may still be in the pipe: [`StderrTail::last_words`]
//! waits (briefly) for the reader to reach the end before the message is built.

use std::io::Read;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How much of a worker's stderr is kept.
const KEEP_BYTES: usize = 8 * 1024;
/// How long to wait for a dead worker's stderr to be read to its end.
const DRAIN_WAIT: Duration = Duration::from_secs(1);

pub struct StderrTail {
    text: Arc<Mutex<String>>,
    done: Receiver<()>,
}

impl StderrTail {
    /// Start reading `stderr` on a thread of its own.
    pub fn spawn(stderr: impl Read + Send + 'static) -> StderrTail {
        let text = Arc::new(Mutex::new(String::new()));
        let (done_tx, done) = mpsc::channel();
        let tail = Arc::clone(&text);
        std::thread::spawn(move || {
            keep_tail(stderr, &tail);
            let _ = done_tx.send(());
        });
        StderrTail { text, done }
    }

    /// What has been read so far, trimmed.
    pub fn current(&self) -> String {
        self.text.lock().map(|t| t.trim().to_string()).unwrap_or_default()
    }

    /// The whole tail of a worker that has exited: waits up to a second for the pipe's end.
    pub fn last_words(&self) -> String {
        let _ = self.done.recv_timeout(DRAIN_WAIT);
        self.current()
    }
}

fn keep_tail(mut stderr: impl Read, tail: &Mutex<String>) {
    let mut buf = [0u8; 4096];
    while let Ok(n) = stderr.read(&mut buf) {
        if n == 0 {
            return;
        }
        if let Ok(mut tail) = tail.lock() {
            tail.push_str(&String::from_utf8_lossy(&buf[..n]));
            if tail.len() > KEEP_BYTES {
                let mut cut = tail.len() - KEEP_BYTES;
                while !tail.is_char_boundary(cut) {
                    cut += 1;
                }
                tail.drain(..cut);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_tail_and_waits_for_the_end() {
        let long = format!("{}last line\n", "x".repeat(20_000));
        let tail = StderrTail::spawn(std::io::Cursor::new(long.into_bytes()));
        let words = tail.last_words();
        assert!(words.len() <= KEEP_BYTES && words.ends_with("last line"), "{}", words.len());
    }
}

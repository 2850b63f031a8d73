//! The espeak-ng worker: a readcast process (`readcast __espeak-worker`) that loads
//! libespeak-ng once and then speaks segment after segment sent on its stdin.
//!
//! Starting the `espeak-ng` program for every sentence costs more than speaking the sentence
//! (loading the voice and phoneme data each time); a worker pays that once. Text arrives framed
//! on stdin, never as an argument, so it can never be read as an option.

use std::io::{BufReader, BufWriter};

use super::espeak_lib::EspeakLibrary;
use super::worker_protocol::{read_text, write_hello, write_response};

/// Run the worker loop until stdin closes; returns the process exit code.
pub fn run_worker(voice: &str, rate: u32) -> i32 {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = BufWriter::new(std::io::stdout().lock());
    let engine = match EspeakLibrary::open(voice, rate) {
        Ok(engine) => engine,
        Err(error) => {
            // The frame carries the reason as text to the parent, which reports it.
            let _ = write_hello(&mut output, Err(&error.to_string()));
            return 1;
        }
    };
    if write_hello(&mut output, Ok(engine.sample_rate())).is_err() {
        return 1;
    }
    loop {
        let text = match read_text(&mut input) {
            Ok(text) => text,
            // Closed stdin is the normal way to end a worker.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return 0,
            Err(_) => return 1,
        };
        let spoken = engine.speak(&text);
        let written = match &spoken {
            Ok(samples) => write_response(&mut output, Ok(samples)),
            Err(error) => write_response(&mut output, Err(&error.to_string())),
        };
        if written.is_err() {
            return 1;
        }
    }
}

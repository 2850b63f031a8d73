//! The frames an espeak-ng worker process and readcast exchange, read from arbitrary bytes as from
//! a confused or hostile peer: never a panic, never more than the protocol's limits, and whatever
//! is read back is exactly what writing it again gives.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use readcast::synth::worker_protocol::{
    FAILED, MAX_SAMPLES, MAX_TEXT_BYTES, OK, read_hello, read_response, read_text, write_hello, write_response,
    write_text,
};

/// The bytes `reader` consumed from `start` on.
fn consumed<'a>(reader: &Cursor<&'a [u8]>, start: u64) -> &'a [u8] {
    &reader.get_ref()[start as usize..reader.position() as usize]
}

fuzz_target!(|bytes: &[u8]| {
    // The first byte picks the first frame, so every reader starts at the beginning of the input.
    let Some((&pick, bytes)) = bytes.split_first() else { return };
    let mut reader = Cursor::new(bytes);
    for frame in (pick as usize..).take(4) {
        let start = reader.position();
        let status = bytes.get(start as usize).copied();
        let mut again = Vec::new();
        match frame % 3 {
            0 => match read_text(&mut reader) {
                Ok(text) => {
                    assert!(text.len() <= MAX_TEXT_BYTES as usize);
                    write_text(&mut again, &text).unwrap();
                }
                Err(_) => return,
            },
            1 => match read_hello(&mut reader) {
                Ok(Ok(rate)) => write_hello(&mut again, Ok(rate)).unwrap(),
                Ok(Err(message)) if status == Some(FAILED) => write_hello(&mut again, Err(&message)).unwrap(),
                // Any status other than OK reads as a failure; only FAILED writes back the same.
                Ok(Err(_)) => continue,
                Err(_) => return,
            },
            _ => match read_response(&mut reader) {
                Ok(Ok(samples)) => {
                    assert_eq!(status, Some(OK));
                    assert!(samples.len() <= MAX_SAMPLES as usize);
                    write_response(&mut again, Ok(&samples)).unwrap();
                }
                Ok(Err(message)) if status == Some(FAILED) => write_response(&mut again, Err(&message)).unwrap(),
                Ok(Err(_)) => continue,
                Err(_) => return,
            },
        }
        assert_eq!(again, consumed(&reader, start), "frame {} read back differently", frame % 3);
    }
});

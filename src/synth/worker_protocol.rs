//! The framing between readcast and its engine worker processes, over the worker's stdin and
//! stdout. Every frame is length-prefixed and bounded, so a confused peer can never make the
//! other side allocate without limit.
//!
//! - hello (worker -> readcast, once): `u8 status`, then on success `u32 sample rate`, on
//!   failure a message.
//! - request (readcast -> worker): a text.
//! - response (worker -> readcast): `u8 status`, then on success `u32 sample count` and the
//!   samples as i16 little-endian, on failure a message.
//!
//! A text or message is `u32 byte length` + UTF-8.

use std::io::{self, Read, Write};

/// Longest text or message accepted, in bytes.
pub const MAX_TEXT_BYTES: u32 = 1 << 20;
/// Most samples in one response (30 minutes at 22.05 kHz).
pub const MAX_SAMPLES: u32 = 22_050 * 60 * 30;

pub const OK: u8 = 0;
pub const FAILED: u8 = 1;

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

fn read_u32(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn read_u8(r: &mut impl Read) -> io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

pub fn write_text(w: &mut impl Write, text: &str) -> io::Result<()> {
    let bytes = text.as_bytes();
    let len =
        u32::try_from(bytes.len()).ok().filter(|&n| n <= MAX_TEXT_BYTES).ok_or_else(|| invalid("text too long"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(bytes)?;
    w.flush()
}

pub fn read_text(r: &mut impl Read) -> io::Result<String> {
    let len = read_u32(r)?;
    if len > MAX_TEXT_BYTES {
        return Err(invalid("text too long"));
    }
    let mut bytes = vec![0u8; len as usize];
    r.read_exact(&mut bytes)?;
    String::from_utf8(bytes).map_err(|_| invalid("text is not UTF-8"))
}

pub fn write_hello(w: &mut impl Write, outcome: Result<u32, &str>) -> io::Result<()> {
    match outcome {
        Ok(rate) => {
            w.write_all(&[OK])?;
            w.write_all(&rate.to_le_bytes())?;
            w.flush()
        }
        Err(message) => {
            w.write_all(&[FAILED])?;
            write_text(w, message)
        }
    }
}

pub fn read_hello(r: &mut impl Read) -> io::Result<Result<u32, String>> {
    match read_u8(r)? {
        OK => Ok(Ok(read_u32(r)?)),
        _ => Ok(Err(read_text(r)?)),
    }
}

pub fn write_response(w: &mut impl Write, outcome: Result<&[i16], &str>) -> io::Result<()> {
    match outcome {
        Ok(samples) => {
            let count = u32::try_from(samples.len())
                .ok()
                .filter(|&n| n <= MAX_SAMPLES)
                .ok_or_else(|| invalid("clip too long"))?;
            w.write_all(&[OK])?;
            w.write_all(&count.to_le_bytes())?;
            let mut bytes = Vec::with_capacity(samples.len() * 2);
            for s in samples {
                bytes.extend_from_slice(&s.to_le_bytes());
            }
            w.write_all(&bytes)?;
            w.flush()
        }
        Err(message) => {
            w.write_all(&[FAILED])?;
            write_text(w, message)
        }
    }
}

pub fn read_response(r: &mut impl Read) -> io::Result<Result<Vec<i16>, String>> {
    if read_u8(r)? != OK {
        return Ok(Err(read_text(r)?));
    }
    let count = read_u32(r)?;
    if count > MAX_SAMPLES {
        return Err(invalid("clip too long"));
    }
    let mut bytes = vec![0u8; count as usize * 2];
    r.read_exact(&mut bytes)?;
    Ok(Ok(bytes.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn frames_round_trip() {
        let mut buf = Vec::new();
        write_hello(&mut buf, Ok(22_050)).unwrap();
        write_text(&mut buf, "--version is a word here").unwrap();
        write_response(&mut buf, Ok(&[1, -2, 32_767])).unwrap();
        write_response(&mut buf, Err("no voice")).unwrap();
        let mut r = Cursor::new(buf);
        assert_eq!(read_hello(&mut r).unwrap(), Ok(22_050));
        assert_eq!(read_text(&mut r).unwrap(), "--version is a word here");
        assert_eq!(read_response(&mut r).unwrap(), Ok(vec![1, -2, 32_767]));
        assert_eq!(read_response(&mut r).unwrap(), Err("no voice".to_string()));
    }

    #[test]
    fn oversized_and_truncated_frames_are_errors() {
        let mut r = Cursor::new((MAX_TEXT_BYTES + 1).to_le_bytes().to_vec());
        assert!(read_text(&mut r).is_err());
        let mut r = Cursor::new(vec![OK, 10, 0, 0, 0, 1, 2]);
        assert!(read_response(&mut r).is_err());
    }
}

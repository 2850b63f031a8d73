//! The binary frame a Piper worker answers with: one segment's audio as raw PCM over the pipe,
//! so no WAV file is written and read back per segment.
//!
//! Like [`super::worker_protocol`] (the espeak-ng workers' framing), every frame is
//! length-prefixed and bounded; unlike it, the audio carries its own rate and channel count
//! (a Piper voice sets its rate, and the worker is a Python script, not readcast itself), and the
//! sample count in the header is checked against the frame's byte length, so a worker that
//! miscounts is caught at once rather than garbling the next answer. All numbers little-endian:
//!
//! ```text
//! "RCPM"  u8 status  u32 body length   body
//! status 0 (audio):  u32 sample rate  u16 channels  u32 frames  frames*channels i16 samples
//! status 1 (error):  UTF-8 message
//! ```

use std::io::{self, Read};

/// The first bytes of every frame: anything else on the pipe (a library printing to stdout) is
/// reported as such instead of being read as a length.
pub const MAGIC: &[u8; 4] = b"RCPM";
pub const AUDIO: u8 = 0;
pub const FAILED: u8 = 1;
/// Bytes of the audio header: rate, channels, frames.
pub const AUDIO_HEADER_BYTES: u32 = 4 + 2 + 4;
/// Longest audio in one frame. A segment is a sentence or a heading (at most a few hundred
/// characters, well under a minute of speech); ten minutes leaves room without letting a
/// confused worker make readcast allocate without limit.
pub const MAX_CLIP_SECONDS: u32 = 600;
/// Largest sample bytes in one frame: ten minutes of 48 kHz mono.
pub const MAX_PCM_BYTES: u32 = 48_000 * MAX_CLIP_SECONDS * 2;
/// Longest error message, in bytes.
pub const MAX_MESSAGE_BYTES: u32 = 64 * 1024;
/// Channel counts accepted.
pub const MAX_CHANNELS: u16 = 8;
/// Sample rates accepted (Piper voices speak at 16 or 22.05 kHz).
pub const SAMPLE_RATES: std::ops::RangeInclusive<u32> = 1_000..=192_000;

/// One decoded frame's audio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pcm {
    pub sample_rate: u32,
    pub channels: u16,
    /// Interleaved samples, `frames * channels` of them.
    pub samples: Vec<i16>,
}

/// What a worker answered for one segment.
pub type Answer = Result<Pcm, String>;

#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("not an answer frame: it starts with {0:?}")]
    NotAFrame(String),
    #[error("answer frame with unknown status {0}")]
    UnknownStatus(u8),
    #[error("{what} of {bytes} bytes is over the limit of {limit}")]
    Oversized { what: &'static str, bytes: u64, limit: u64 },
    #[error("truncated answer frame: the worker's output ended inside the {part}")]
    Truncated { part: &'static str },
    #[error(
        "wrong sample count: the header says {frames} frames of {channels} channel(s), the frame holds {bytes} bytes of samples"
    )]
    SampleCount { frames: u32, channels: u16, bytes: u32 },
    #[error("bad audio header: {0}")]
    BadHeader(String),
    #[error("cannot read the worker's answer: {0}")]
    Io(#[source] io::Error),
}

/// Read exactly `buf.len()` bytes; the end of the stream inside `part` is a truncated frame.
fn fill(r: &mut impl Read, buf: &mut [u8], part: &'static str) -> Result<(), FrameError> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => FrameError::Truncated { part },
        _ => FrameError::Io(e),
    })
}

/// Read the next frame. `Ok(None)` is a clean end: the stream closed between frames.
pub fn read_frame(r: &mut impl Read) -> Result<Option<Answer>, FrameError> {
    let mut head = [0u8; 9];
    // The first byte decides between a clean end and a frame.
    loop {
        match r.read(&mut head[..1]) {
            Ok(0) => return Ok(None),
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(FrameError::Io(e)),
        }
    }
    fill(r, &mut head[1..], "frame header")?;
    if &head[..4] != MAGIC {
        return Err(FrameError::NotAFrame(String::from_utf8_lossy(&head).into_owned()));
    }
    let status = head[4];
    let length = u32::from_le_bytes([head[5], head[6], head[7], head[8]]);
    match status {
        AUDIO => read_audio(r, length).map(|pcm| Some(Ok(pcm))),
        FAILED => {
            if length > MAX_MESSAGE_BYTES {
                return Err(FrameError::Oversized {
                    what: "error message",
                    bytes: length.into(),
                    limit: MAX_MESSAGE_BYTES.into(),
                });
            }
            let mut message = vec![0u8; length as usize];
            fill(r, &mut message, "error message")?;
            Ok(Some(Err(String::from_utf8_lossy(&message).trim().to_string())))
        }
        other => Err(FrameError::UnknownStatus(other)),
    }
}

fn read_audio(r: &mut impl Read, length: u32) -> Result<Pcm, FrameError> {
    let limit = AUDIO_HEADER_BYTES + MAX_PCM_BYTES;
    if length > limit {
        return Err(FrameError::Oversized { what: "audio frame", bytes: length.into(), limit: limit.into() });
    }
    let Some(pcm_bytes) = length.checked_sub(AUDIO_HEADER_BYTES) else {
        return Err(FrameError::BadHeader(format!("an audio frame of {length} bytes has no room for its header")));
    };
    let mut header = [0u8; AUDIO_HEADER_BYTES as usize];
    fill(r, &mut header, "audio header")?;
    let sample_rate = u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
    let channels = u16::from_le_bytes([header[4], header[5]]);
    let frames = u32::from_le_bytes([header[6], header[7], header[8], header[9]]);
    if !SAMPLE_RATES.contains(&sample_rate) {
        return Err(FrameError::BadHeader(format!("sample rate {sample_rate} Hz")));
    }
    if channels == 0 || channels > MAX_CHANNELS {
        return Err(FrameError::BadHeader(format!("{channels} channels")));
    }
    // Compared in u64: a huge frame count must not wrap around to a plausible byte count.
    if u64::from(frames) * u64::from(channels) * 2 != u64::from(pcm_bytes) {
        return Err(FrameError::SampleCount { frames, channels, bytes: pcm_bytes });
    }
    if u64::from(frames) > u64::from(sample_rate) * u64::from(MAX_CLIP_SECONDS) {
        return Err(FrameError::Oversized {
            what: "audio clip (in frames)",
            bytes: frames.into(),
            limit: u64::from(sample_rate) * u64::from(MAX_CLIP_SECONDS),
        });
    }
    let mut bytes = vec![0u8; pcm_bytes as usize];
    fill(r, &mut bytes, "samples")?;
    let samples = bytes.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect();
    Ok(Pcm { sample_rate, channels, samples })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A frame as the Python worker writes it, with the header fields given separately so tests
    /// can make them disagree with the data.
    fn audio_frame(rate: u32, channels: u16, frames: u32, samples: &[i16]) -> Vec<u8> {
        let mut body = Vec::new();
        body.extend_from_slice(&rate.to_le_bytes());
        body.extend_from_slice(&channels.to_le_bytes());
        body.extend_from_slice(&frames.to_le_bytes());
        for s in samples {
            body.extend_from_slice(&s.to_le_bytes());
        }
        frame(AUDIO, &body)
    }

    fn frame(status: u8, body: &[u8]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(status);
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(body);
        out
    }

    fn read_all(bytes: Vec<u8>) -> Result<Option<Answer>, FrameError> {
        read_frame(&mut Cursor::new(bytes))
    }

    #[test]
    fn audio_and_errors_round_trip_and_the_stream_ends_cleanly() {
        let mut stream = audio_frame(22_050, 1, 3, &[1, -2, i16::MAX]);
        stream.extend(frame(FAILED, "ValueError: no phonemes\n".as_bytes()));
        stream.extend(audio_frame(16_000, 2, 2, &[i16::MIN, 0, 5, -5]));
        let mut r = Cursor::new(stream);
        let first = read_frame(&mut r).unwrap().unwrap().unwrap();
        assert_eq!(first, Pcm { sample_rate: 22_050, channels: 1, samples: vec![1, -2, i16::MAX] });
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), Err("ValueError: no phonemes".to_string()));
        let third = read_frame(&mut r).unwrap().unwrap().unwrap();
        assert_eq!((third.sample_rate, third.channels, third.samples.len()), (16_000, 2, 4));
        assert!(read_frame(&mut r).unwrap().is_none(), "the end of the stream between frames is a clean end");
    }

    #[test]
    fn an_empty_clip_is_a_valid_frame() {
        let pcm = read_all(audio_frame(22_050, 1, 0, &[])).unwrap().unwrap().unwrap();
        assert!(pcm.samples.is_empty());
    }

    #[test]
    fn oversized_frames_are_refused_before_reading_them() {
        // Only the 9-byte head is there: the limit must trip before any body is read.
        let mut head = MAGIC.to_vec();
        head.push(AUDIO);
        head.extend_from_slice(&u32::MAX.to_le_bytes());
        let err = read_all(head.clone()).unwrap_err();
        assert!(matches!(err, FrameError::Oversized { what: "audio frame", .. }), "{err}");

        head[4] = FAILED;
        let err = read_all(head).unwrap_err();
        assert!(matches!(err, FrameError::Oversized { what: "error message", .. }), "{err}");

        // Within the byte limit but longer than ten minutes at a low rate.
        let frames = 1_000 * MAX_CLIP_SECONDS + 1;
        let mut big = MAGIC.to_vec();
        big.push(AUDIO);
        big.extend_from_slice(&(AUDIO_HEADER_BYTES + frames * 2).to_le_bytes());
        big.extend_from_slice(&1_000u32.to_le_bytes());
        big.extend_from_slice(&1u16.to_le_bytes());
        big.extend_from_slice(&frames.to_le_bytes());
        let err = read_all(big).unwrap_err();
        assert!(matches!(err, FrameError::Oversized { what: "audio clip (in frames)", .. }), "{err}");
    }

    #[test]
    fn truncated_frames_say_where_they_end() {
        let whole = audio_frame(22_050, 1, 4, &[1, 2, 3, 4]);
        for (cut, part) in [(3, "frame header"), (12, "audio header"), (whole.len() - 1, "samples")] {
            let err = read_all(whole[..cut].to_vec()).unwrap_err();
            assert!(matches!(err, FrameError::Truncated { part: p } if p == part), "cut at {cut}: {err}");
        }
        let message = frame(FAILED, b"boom");
        let err = read_all(message[..message.len() - 2].to_vec()).unwrap_err();
        assert!(matches!(err, FrameError::Truncated { part: "error message" }), "{err}");
    }

    #[test]
    fn a_sample_count_that_disagrees_with_the_frame_length_is_refused() {
        // Header claims 5 frames, the body holds 4 samples.
        let err = read_all(audio_frame(22_050, 1, 5, &[1, 2, 3, 4])).unwrap_err();
        assert!(matches!(err, FrameError::SampleCount { frames: 5, channels: 1, bytes: 8 }), "{err}");
        // Claims 2 stereo frames, holds 3 samples.
        let err = read_all(audio_frame(22_050, 2, 2, &[1, 2, 3])).unwrap_err();
        assert!(matches!(err, FrameError::SampleCount { .. }), "{err}");
        // A frame count that would overflow 32 bits when multiplied out.
        let err = read_all(audio_frame(22_050, 8, u32::MAX / 4, &[1, 2])).unwrap_err();
        assert!(matches!(err, FrameError::SampleCount { .. }), "{err}");
        // An odd number of sample bytes.
        let mut odd = audio_frame(22_050, 1, 1, &[7]);
        odd.push(0);
        odd[5..9].copy_from_slice(&(AUDIO_HEADER_BYTES + 3).to_le_bytes());
        assert!(matches!(read_all(odd).unwrap_err(), FrameError::SampleCount { .. }));
    }

    #[test]
    fn garbage_and_bad_headers_are_named() {
        let err = read_all(b"Traceback (most recent call last)".to_vec()).unwrap_err();
        assert!(err.to_string().contains("Traceback"), "{err}");
        let err = read_all(frame(7, b"")).unwrap_err();
        assert!(matches!(err, FrameError::UnknownStatus(7)), "{err}");
        let err = read_all(frame(AUDIO, b"short")).unwrap_err();
        assert!(matches!(err, FrameError::BadHeader(_)), "{err}");
        let err = read_all(audio_frame(0, 1, 0, &[])).unwrap_err();
        assert!(err.to_string().contains("sample rate 0"), "{err}");
        let err = read_all(audio_frame(22_050, 0, 0, &[])).unwrap_err();
        assert!(err.to_string().contains("0 channels"), "{err}");
    }
}

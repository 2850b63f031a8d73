//! Reading an engine's WAV output into a clip, streamed.
//!
//! The file is read through a small buffer and converted as it is read: samples to floats,
//! channels averaged to mono, the rate converted to the episode's (rubato, in chunks; see
//! [`StreamResampler`]). Only the converted clip is held, at its final size, so a clip near the
//! bounds below costs what it is as episode audio (a 3-minute 48 kHz stereo float WAV of 69 MB
//! becomes 32 MB), not its file, its samples and each conversion at once.

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use super::SynthError;
use crate::audio::{Clip, EpisodeFormat, StreamResampler};
use crate::time::SampleRate;

/// A segment is a sentence or a paragraph: it never needs more than this much audio. An engine
/// WAV claiming more (a runaway engine, or a header claiming 1 Hz) is refused before its
/// samples are read or converted, so one clip cannot take gigabytes.
pub const MAX_CLIP_SECONDS: u64 = 300;
/// At most this many samples (all channels): five minutes of 48 kHz stereo. Memory is bounded
/// by the duration (the clip is held converted); this bounds the reading.
pub const MAX_CLIP_SAMPLES: u64 = MAX_CLIP_SECONDS * 48_000 * 2;
/// An engine's WAV file larger than this is refused unread: the samples above as 32-bit floats,
/// and room for the header.
pub const MAX_CLIP_FILE_BYTES: u64 = MAX_CLIP_SAMPLES * 4 + 1024 * 1024;
/// The start of the file read first, where the header is (a repair of it happens here).
const HEAD_BYTES: u64 = 64 * 1024;
/// Mono frames gathered before they go to the resampler.
const PIECE_FRAMES: usize = 4096;

/// Read a WAV file (integer or float samples, any rate and channel count) into a clip at the
/// episode rate, mono.
pub fn read_wav_clip(path: &Path, engine: &str, segment: &str) -> Result<Clip, SynthError> {
    let bad =
        |reason: String| SynthError::BadAudio { engine: engine.to_string(), segment: segment.to_string(), reason };
    let cannot_read = |e: std::io::Error| bad(format!("cannot read its WAV output: {e}"));
    let mut file = crate::bounded_read::open_regular(path, MAX_CLIP_FILE_BYTES).map_err(cannot_read)?;
    let mut head = Vec::new();
    file.by_ref().take(HEAD_BYTES).read_to_end(&mut head).map_err(cannot_read)?;
    clip_from(&head, BufReader::new(file), &bad)
}

/// The clip in the bytes of a WAV file, as [`read_wav_clip`] reads it: any bytes give a clip or
/// an error naming the engine and the segment, never a panic (`fuzz/` holds a fuzzer for this).
pub fn wav_clip_from_bytes(bytes: &[u8], engine: &str, segment: &str) -> Result<Clip, SynthError> {
    let bad =
        |reason: String| SynthError::BadAudio { engine: engine.to_string(), segment: segment.to_string(), reason };
    clip_from(bytes, std::io::empty(), &bad)
}

/// The clip of a WAV file whose first bytes are `head` and the rest `rest`. A header that
/// hound refuses for a wrong derived field is repaired in `head` first.
fn clip_from(head: &[u8], rest: impl Read, bad: &dyn Fn(String) -> SynthError) -> Result<Clip, SynthError> {
    let cannot_read = |e: hound::Error| bad(format!("cannot read its WAV output: {e}"));
    let repaired = match hound::WavReader::new(Cursor::new(head)) {
        Err(hound::Error::FormatError(reason)) => {
            Some(repaired_header(head).ok_or_else(|| cannot_read(hound::Error::FormatError(reason)))?)
        }
        _ => None,
    };
    let head = repaired.as_deref().unwrap_or(head);
    let reader = hound::WavReader::new(Cursor::new(head).chain(rest)).map_err(cannot_read)?;
    read_clip(reader, bad)
}

/// Some engines write a wrong derived field in the `fmt ` chunk: flite's 8 kHz voices claim a
/// byte rate of 32000 for 8 kHz 16-bit mono. Byte rate and block align follow from the rate,
/// channels and sample size, so they are recomputed; `None` when the file has no `fmt ` chunk
/// to repair.
fn repaired_header(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return None;
    }
    let mut pos = 12;
    while pos + 8 <= bytes.len() {
        let id = &bytes[pos..pos + 4];
        let size = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().ok()?) as usize;
        if id == b"fmt " && size >= 16 && pos + 8 + 16 <= bytes.len() {
            let fmt = pos + 8;
            let channels = u16::from_le_bytes(bytes[fmt + 2..fmt + 4].try_into().ok()?);
            let rate = u32::from_le_bytes(bytes[fmt + 4..fmt + 8].try_into().ok()?);
            let bits = u16::from_le_bytes(bytes[fmt + 14..fmt + 16].try_into().ok()?);
            let block_align = channels.checked_mul(bits.div_ceil(8))?;
            let byte_rate = rate.checked_mul(u32::from(block_align))?;
            let mut fixed = bytes.to_vec();
            fixed[fmt + 8..fmt + 12].copy_from_slice(&byte_rate.to_le_bytes());
            fixed[fmt + 12..fmt + 14].copy_from_slice(&block_align.to_le_bytes());
            return Some(fixed);
        }
        pos = pos.checked_add(8 + size + (size & 1))?;
    }
    None
}

fn read_clip<R: Read>(reader: hound::WavReader<R>, bad: &dyn Fn(String) -> SynthError) -> Result<Clip, SynthError> {
    let spec = reader.spec();
    if spec.channels == 0 || spec.sample_rate == 0 {
        return Err(bad("the WAV header has no channels or no rate".into()));
    }
    let frames = reader.duration();
    check_bounds(&spec, u64::from(frames), bad)?;
    if frames == 0 {
        return Err(bad("the WAV file holds no audio".into()));
    }
    let target = EpisodeFormat::default().sample_rate;
    let mut resampler = StreamResampler::new(SampleRate(spec.sample_rate), target, frames as usize)
        .map_err(|e| bad(format!("cannot convert its audio: {e}")))?;
    let channels = usize::from(spec.channels);
    match spec.sample_format {
        hound::SampleFormat::Float => to_mono(reader.into_samples::<f32>(), channels, &mut resampler, bad)?,
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1u64 << (spec.bits_per_sample.clamp(1, 32) - 1)) as f32;
            let samples = reader.into_samples::<i32>().map(|s| s.map(|v| v as f32 * scale));
            to_mono(samples, channels, &mut resampler, bad)?
        }
    }
    let samples = resampler.finish().map_err(|e| bad(format!("cannot convert its audio: {e}")))?;
    Ok(Clip { sample_rate: target, channels: 1, samples })
}

/// Average each frame of `samples` (interleaved, `channels` to a frame) into one sample and
/// feed them to `resampler` a piece at a time. A NaN or an infinity is refused here, before
/// the resampler (which it would break) sees it.
fn to_mono(
    samples: impl Iterator<Item = Result<f32, hound::Error>>,
    channels: usize,
    resampler: &mut StreamResampler,
    bad: &dyn Fn(String) -> SynthError,
) -> Result<(), SynthError> {
    let convert = |e: crate::audio::AudioError| bad(format!("cannot convert its audio: {e}"));
    let mut piece = Vec::with_capacity(PIECE_FRAMES);
    let mut sum = 0.0f32;
    for (index, sample) in samples.enumerate() {
        let sample = sample.map_err(|e| bad(format!("its WAV output is damaged: {e}")))?;
        if !sample.is_finite() {
            return Err(bad(format!("sample {index} is not a finite number")));
        }
        sum += sample;
        if (index + 1) % channels == 0 {
            piece.push(sum / channels as f32);
            sum = 0.0;
            if piece.len() == PIECE_FRAMES {
                resampler.push(&piece).map_err(convert)?;
                piece.clear();
            }
        }
    }
    resampler.push(&piece).map_err(convert)
}

/// Refuse a clip longer than [`MAX_CLIP_SECONDS`] or with more than [`MAX_CLIP_SAMPLES`]
/// samples, judged from the header before any sample is read.
fn check_bounds(spec: &hound::WavSpec, frames: u64, bad: &dyn Fn(String) -> SynthError) -> Result<(), SynthError> {
    let seconds = frames / u64::from(spec.sample_rate);
    if seconds > MAX_CLIP_SECONDS {
        return Err(bad(format!(
            "its WAV output claims {seconds} s of audio at {} Hz, more than the {MAX_CLIP_SECONDS} s a segment may take",
            spec.sample_rate
        )));
    }
    if frames.saturating_mul(u64::from(spec.channels)) > MAX_CLIP_SAMPLES {
        return Err(bad(format!("its WAV output holds more than the {MAX_CLIP_SAMPLES} samples a segment may take")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav_bytes(rate: u32) -> Vec<u8> {
        let mut cursor = std::io::Cursor::new(Vec::new());
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut writer = hound::WavWriter::new(&mut cursor, spec).unwrap();
        for i in 0..800 {
            writer.write_sample(((i % 50) * 100) as i16).unwrap();
        }
        writer.finalize().unwrap();
        cursor.into_inner()
    }

    #[test]
    fn a_wrong_byte_rate_like_flites_8k_voices_is_repaired() {
        let mut bytes = wav_bytes(8000);
        // flite's kal voice claims 32000 bytes a second at 8 kHz 16-bit mono.
        bytes[28..32].copy_from_slice(&32_000u32.to_le_bytes());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kal.wav");
        std::fs::write(&path, &bytes).unwrap();
        assert!(hound::WavReader::open(&path).is_err(), "hound should refuse the broken header");
        let clip = read_wav_clip(&path, "flite", "s1").unwrap();
        // Read as 8 kHz, given at the episode rate: 800 frames are 4,410.
        assert_eq!((clip.sample_rate, clip.channels, clip.samples.len()), (SampleRate(44_100), 1, 4410));
    }

    #[test]
    fn garbage_is_still_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.wav");
        std::fs::write(&path, b"RIFF\x10\0\0\0WAVEjunkjunk").unwrap();
        assert!(read_wav_clip(&path, "e", "s1").unwrap_err().to_string().contains("no usable audio"));
    }
}

#[cfg(test)]
mod bound_tests {
    use super::*;

    #[test]
    fn a_header_claiming_one_hertz_is_refused_before_its_samples_are_read() {
        let mut cursor = std::io::Cursor::new(Vec::new());
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: 1,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut writer = hound::WavWriter::new(&mut cursor, spec).unwrap();
        for _ in 0..1000 {
            writer.write_sample(0i16).unwrap();
        }
        writer.finalize().unwrap();
        let err = wav_clip_from_bytes(&cursor.into_inner(), "e", "s1").unwrap_err().to_string();
        assert!(err.contains("1000 s of audio at 1 Hz"), "{err}");
    }
}

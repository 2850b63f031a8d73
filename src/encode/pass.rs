//! The second pass: read the spooled episode back, apply the loudness gain and the true-peak
//! limiter, measure the result, and encode, one thread per part of the episode.
//!
//! Every part streams in fixed chunks, so memory does not grow with the episode. The WAV's
//! parts are written in place; each MP3 part goes to a temporary file, and [`join_mp3`] puts
//! them after the ID3 tag and a rewritten info frame.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use tempfile::NamedTempFile;

use super::lame_tag::{CRC16, SAMPLES_PER_FRAME, StreamTotals, frame_len, patch_info_frame};
use super::plan::Part;
use super::{EncodeError, Mp3Encoder, WavFile};
use crate::atomic_file::AtomicFile;
use crate::master::{Limiter, LoudnessMeter, Measurement, SpoolReader, db_to_linear};
use crate::time::SampleRate;

/// Samples read from the spool at a time.
const CHUNK: usize = 1 << 16;
/// LAME's encoder delay, which its info frame announces and decoders cut.
pub const ENCODER_DELAY: u64 = 576;

#[derive(Debug, Clone, Copy)]
pub struct PassSettings {
    pub rate: SampleRate,
    /// Gain applied before the limiter, in dB.
    pub gain_db: f64,
    /// The limiter's ceiling, in dBTP.
    pub ceiling_dbtp: f64,
    /// MP3 bitrate; `None` when no MP3 is wanted.
    pub mp3_kbps: Option<u32>,
}

/// One part's MP3 stream, waiting in a temporary file to be joined.
pub struct EncodedPart {
    file: NamedTempFile,
    frames: u64,
    info_frame: Vec<u8>,
}

pub struct PassOutput {
    /// Loudness and true peak of the mastered episode.
    pub after: Measurement,
    /// The MP3 parts in order (empty without MP3).
    pub mp3_parts: Vec<EncodedPart>,
}

/// Master and encode every part of `parts` in parallel.
pub fn run(
    spool: &SpoolReader,
    parts: &[Part],
    settings: &PassSettings,
    wav: Option<&WavFile>,
    temp_dir: &Path,
) -> Result<PassOutput, EncodeError> {
    let results: Vec<Result<(LoudnessMeter, Option<EncodedPart>), EncodeError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter()
            .enumerate()
            .map(|(i, part)| scope.spawn(move || run_part(i, part, spool, settings, wav, temp_dir)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(EncodeError::Worker("an encoding thread panicked".into()))))
            .collect()
    });
    let mut meters = Vec::with_capacity(parts.len());
    let mut mp3_parts = Vec::new();
    for result in results {
        let (meter, mp3) = result?;
        meters.push(meter);
        mp3_parts.extend(mp3);
    }
    Ok(PassOutput { after: LoudnessMeter::combine(&meters)?, mp3_parts })
}

/// One part's MP3 encoder, writing to a temporary file.
type PartEncoder = Mp3Encoder<BufWriter<NamedTempFile>>;

fn run_part(
    index: usize,
    part: &Part,
    spool: &SpoolReader,
    settings: &PassSettings,
    wav: Option<&WavFile>,
    temp_dir: &Path,
) -> Result<(LoudnessMeter, Option<EncodedPart>), EncodeError> {
    let gain = db_to_linear(settings.gain_db) as f32;
    let mut limiter = Limiter::new(settings.rate, db_to_linear(settings.ceiling_dbtp) as f32);
    let mut meter = LoudnessMeter::new(settings.rate, true)?;
    let mut mp3 = match settings.mp3_kbps {
        Some(kbps) => Some(part_encoder(index, settings.rate, kbps, temp_dir)?),
        None => None,
    };
    let mut input = vec![0.0f32; CHUNK];
    let mut limited = Vec::with_capacity(CHUNK + limiter.latency());
    let mut read_scratch = Vec::new();
    let mut wav_scratch = Vec::new();
    let mut read_pos = part.start;
    let mut out_pos = part.start;
    while read_pos < part.end {
        // Ctrl-C stops the pass between chunks; the caller drops every temporary file.
        crate::cancel::check()?;
        let n = (CHUNK as u64).min(part.end - read_pos) as usize;
        spool
            .read(read_pos, &mut input[..n], &mut read_scratch)
            .map_err(|source| EncodeError::Spool { path: spool.path().to_path_buf(), source })?;
        for sample in &mut input[..n] {
            *sample *= gain;
        }
        limited.clear();
        limiter.process(&input[..n], &mut limited);
        read_pos += n as u64;
        if read_pos == part.end {
            limiter.finish(&mut limited);
        }
        meter.add(&limited)?;
        if let Some(wav) = wav {
            wav.write_at(out_pos, &limited, &mut wav_scratch)?;
        }
        if let Some(mp3) = mp3.as_mut() {
            let to_mp3 = part.mp3_end.saturating_sub(out_pos).min(limited.len() as u64) as usize;
            mp3.encode(&limited[..to_mp3])?;
        }
        out_pos += limited.len() as u64;
    }
    let encoded = mp3.map(|mp3| finish_part_encoder(mp3, index, temp_dir)).transpose()?;
    Ok((meter, encoded))
}

/// The encoder for part `index`, writing to a temporary file in `temp_dir`. Only the first
/// part's stream starts with a placeholder for the info frame, which [`join_mp3`] fills in for
/// the whole episode.
fn part_encoder(index: usize, rate: SampleRate, kbps: u32, temp_dir: &Path) -> Result<PartEncoder, EncodeError> {
    let file = tempfile::Builder::new()
        .prefix(".episode.part.")
        .suffix(".mp3.tmp")
        .tempfile_in(temp_dir)
        .map_err(|source| EncodeError::Io { path: temp_dir.to_path_buf(), source })?;
    let label = format!("part {} of the episode", index + 1);
    Mp3Encoder::new(BufWriter::with_capacity(1 << 16, file), rate, kbps, index == 0, &label)
}

fn finish_part_encoder(mp3: PartEncoder, index: usize, temp_dir: &Path) -> Result<EncodedPart, EncodeError> {
    let done = mp3.finish()?;
    let file =
        done.out.into_inner().map_err(|e| EncodeError::Io { path: temp_dir.to_path_buf(), source: e.into_error() })?;
    // The placeholder frame is not audio: the part's count is of audio frames only.
    let info = usize::from(index == 0) as u64;
    let frames = done.frames - info;
    Ok(EncodedPart { file, frames, info_frame: done.info_frame })
}

/// Write the MP3 file: `id3` (the tag), the info frame for the whole stream, then the parts'
/// frames in order. Checks that each part but the last has exactly the frames the plan
/// counted on, since the times of everything after it depend on that.
pub fn join_mp3(
    target: &Path,
    id3: &[u8],
    parts: &[Part],
    encoded: Vec<EncodedPart>,
) -> Result<AtomicFile, EncodeError> {
    let io = |source| EncodeError::Io { path: target.to_path_buf(), source };
    check_part_frames(parts, &encoded)?;
    let mut info_frame = encoded[0].info_frame.clone();
    if info_frame.is_empty() {
        return Err(join_error("LAME made no info frame".into()));
    }
    let mut out = AtomicFile::create(target).map_err(io)?;
    let file = out.file();
    file.write_all(id3).map_err(io)?;
    let info_at = id3.len() as u64;
    file.write_all(&info_frame).map_err(io)?;
    let (music_crc, audio_bytes) = copy_audio_frames(&encoded, file, target)?;
    let totals = stream_totals(parts, &encoded, audio_bytes + info_frame.len() as u64, music_crc)?;
    patch_info_frame(&mut info_frame, &totals)?;
    file.seek(SeekFrom::Start(info_at)).map_err(io)?;
    file.write_all(&info_frame).map_err(io)?;
    Ok(out)
}

fn join_error(reason: String) -> EncodeError {
    EncodeError::Mp3 { what: "the joined episode".into(), reason }
}

/// One part encoded for each planned, and each but the last exactly as long as planned.
fn check_part_frames(parts: &[Part], encoded: &[EncodedPart]) -> Result<(), EncodeError> {
    if encoded.len() != parts.len() || encoded.is_empty() {
        return Err(join_error(format!("{} parts planned, {} encoded", parts.len(), encoded.len())));
    }
    for (i, (part, enc)) in parts.iter().zip(encoded).enumerate().take(parts.len() - 1) {
        if enc.frames != part.mp3_frames() {
            return Err(join_error(format!(
                "part {} has {} frames where {} were expected",
                i + 1,
                enc.frames,
                part.mp3_frames()
            )));
        }
    }
    Ok(())
}

/// Append the parts' audio frames to `file`; returns their CRC-16 and byte count, which the
/// info frame records.
fn copy_audio_frames(encoded: &[EncodedPart], file: &mut File, target: &Path) -> Result<(u16, u64), EncodeError> {
    let io = |source| EncodeError::Io { path: target.to_path_buf(), source };
    let mut music_crc = CRC16.digest();
    let mut audio_bytes = 0u64;
    let mut buffer = vec![0u8; 1 << 16];
    for (i, enc) in encoded.iter().enumerate() {
        let mut reader = File::open(enc.file.path()).map_err(io)?;
        if i == 0 {
            // The first part begins with the placeholder LAME reserved for the info frame.
            let mut header = [0u8; 4];
            reader.read_exact(&mut header).map_err(io)?;
            let skip =
                frame_len(&header).ok_or_else(|| join_error("the first part does not start with a frame".into()))?;
            reader.seek(SeekFrom::Start(skip as u64)).map_err(io)?;
        }
        loop {
            let n = reader.read(&mut buffer).map_err(io)?;
            if n == 0 {
                break;
            }
            music_crc.update(&buffer[..n]);
            audio_bytes += n as u64;
            file.write_all(&buffer[..n]).map_err(io)?;
        }
    }
    Ok((music_crc.finalize(), audio_bytes))
}

/// The info frame's totals for the joined stream of `stream_bytes` (info frame included).
fn stream_totals(
    parts: &[Part],
    encoded: &[EncodedPart],
    stream_bytes: u64,
    music_crc: u16,
) -> Result<StreamTotals, EncodeError> {
    let last_part = parts[parts.len() - 1];
    let last = &encoded[encoded.len() - 1];
    let last_samples = last_part.mp3_end - last_part.start;
    let padding = (last.frames * SAMPLES_PER_FRAME)
        .checked_sub(ENCODER_DELAY + last_samples)
        .ok_or_else(|| join_error("the last part has fewer frames than samples".into()))?;
    let audio_frames: u64 = encoded.iter().map(|e| e.frames).sum();
    let too_long = || join_error("longer than an MP3 info frame can describe".into());
    Ok(StreamTotals {
        audio_frames: u32::try_from(audio_frames).map_err(|_| too_long())?,
        stream_bytes: u32::try_from(stream_bytes).map_err(|_| too_long())?,
        delay: ENCODER_DELAY as u16,
        padding: u16::try_from(padding).map_err(|_| too_long())?,
        music_crc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::PcmSink;
    use crate::encode::plan::plan_parts;
    use crate::master::Spool;

    /// With a single part LAME's own info frame already describes the whole stream: the
    /// rewritten one must say exactly the same (frames, bytes, delay, padding, music CRC and tag
    /// CRC), apart from the seek table, which is linear in ours.
    #[test]
    fn rewritten_info_frame_matches_lames_own_for_one_part() {
        let dir = tempfile::tempdir().unwrap();
        let rate = SampleRate(44_100);
        let mut spool = Spool::create(dir.path(), rate).unwrap();
        let tone: Vec<f32> = (0..3 * 44_100 + 123).map(|i| 0.2 * (i as f32 * 0.03).sin()).collect();
        spool.write(&tone).unwrap();
        let spool = spool.finish().unwrap();
        let parts = plan_parts(spool.frames().0, &[], 1);
        let settings = PassSettings { rate, gain_db: 0.0, ceiling_dbtp: -1.0, mp3_kbps: Some(96) };
        let output = run(&spool, &parts, &settings, None, dir.path()).unwrap();
        let lames = output.mp3_parts[0].info_frame.clone();
        let target = dir.path().join("one.mp3");
        join_mp3(&target, b"", &parts, output.mp3_parts).unwrap().commit().unwrap();
        let bytes = std::fs::read(&target).unwrap();
        let ours = &bytes[..lames.len()];
        let info = lames.windows(4).position(|w| w == b"Info").unwrap();
        let toc = info + 16..info + 116;
        assert_eq!(ours[..toc.start], lames[..toc.start]);
        // The tag CRC covers the seek table, so compare the fields after it up to the CRC.
        let crc_at = info + 120 + 34;
        assert_eq!(ours[toc.end..crc_at], lames[toc.end..crc_at]);
        assert_eq!(CRC16.checksum(&ours[..crc_at]).to_be_bytes(), ours[crc_at..crc_at + 2]);
    }
}

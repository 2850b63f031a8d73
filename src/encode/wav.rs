//! WAV output: 16-bit PCM, mono, at the episode rate, written by position.
//!
//! The header is fixed once the length is known (after assembly), so every part of the
//! parallel encoding pass writes its own samples at their place in the file, from its own
//! thread, and no part waits for another.
//!
//! A RIFF WAV counts its bytes in 32 bits, so it ends at 4 GiB (about 13.5 hours at 44.1 kHz
//! mono). A longer episode is written as RF64 (EBU Tech 3306), the same layout with a `ds64`
//! chunk holding 64-bit sizes, which ffmpeg, sox and audio editors read.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;

use super::EncodeError;
use crate::atomic_file::AtomicFile;
use crate::time::SampleRate;

/// A RIFF header: RIFF, fmt and data chunk headers.
const RIFF_HEADER_BYTES: u64 = 44;
/// An RF64 header adds a `ds64` chunk of 28 bytes and its 8-byte chunk header.
const RF64_HEADER_BYTES: u64 = RIFF_HEADER_BYTES + 36;

pub struct WavFile {
    file: AtomicFile,
    handle: File,
    frames: u64,
    /// Where the samples begin.
    data_offset: u64,
}

/// The header of a mono 16-bit file of `frames` samples; RF64 when `rf64`.
fn header(rate: SampleRate, frames: u64, rf64: bool) -> Vec<u8> {
    let data_bytes = frames * 2;
    let header_bytes = if rf64 { RF64_HEADER_BYTES } else { RIFF_HEADER_BYTES };
    // The RIFF size counts everything after its own 8 bytes.
    let riff_size = header_bytes - 8 + data_bytes;
    // In RF64 the 32-bit sizes say "see ds64".
    let size32 = |size: u64| if rf64 { u32::MAX } else { size as u32 };
    let mut header = Vec::with_capacity(header_bytes as usize);
    header.extend_from_slice(if rf64 { b"RF64" } else { b"RIFF" });
    header.extend_from_slice(&size32(riff_size).to_le_bytes());
    header.extend_from_slice(b"WAVE");
    if rf64 {
        header.extend_from_slice(b"ds64");
        header.extend_from_slice(&28u32.to_le_bytes());
        header.extend_from_slice(&riff_size.to_le_bytes());
        header.extend_from_slice(&data_bytes.to_le_bytes());
        header.extend_from_slice(&frames.to_le_bytes()); // sample count
        header.extend_from_slice(&0u32.to_le_bytes()); // no table of other chunk sizes
    }
    header.extend_from_slice(b"fmt ");
    header.extend_from_slice(&16u32.to_le_bytes()); // fmt chunk size
    header.extend_from_slice(&1u16.to_le_bytes()); // PCM
    header.extend_from_slice(&1u16.to_le_bytes()); // mono
    header.extend_from_slice(&rate.0.to_le_bytes());
    header.extend_from_slice(&(rate.0 * 2).to_le_bytes()); // bytes per second
    header.extend_from_slice(&2u16.to_le_bytes()); // block align
    header.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    header.extend_from_slice(b"data");
    header.extend_from_slice(&size32(data_bytes).to_le_bytes());
    header
}

/// Whether a file of `frames` mono 16-bit samples needs RF64.
fn needs_rf64(frames: u64) -> bool {
    frames.saturating_mul(2).saturating_add(RIFF_HEADER_BYTES - 8) > u64::from(u32::MAX)
}

impl WavFile {
    /// Create `target` (under a temporary name) for `frames` mono samples at `rate`: RIFF, or
    /// RF64 when the file would pass 4 GiB.
    pub fn create(target: &Path, rate: SampleRate, frames: u64) -> Result<WavFile, EncodeError> {
        Self::create_as(target, rate, frames, needs_rf64(frames))
    }

    fn create_as(target: &Path, rate: SampleRate, frames: u64, rf64: bool) -> Result<WavFile, EncodeError> {
        let io = |source| EncodeError::Io { path: target.to_path_buf(), source };
        // Past 2^62 bytes no file system holds it; the sums below cannot overflow under it.
        if frames > 1 << 61 {
            return Err(EncodeError::Format {
                path: target.to_path_buf(),
                reason: "longer than any file can hold".into(),
            });
        }
        let header = header(rate, frames, rf64);
        let data_offset = header.len() as u64;
        let file = AtomicFile::create(target).map_err(io)?;
        let handle = file.try_clone_file().map_err(io)?;
        handle.write_all_at(&header, 0).map_err(io)?;
        handle.set_len(data_offset + frames * 2).map_err(io)?;
        Ok(WavFile { file, handle, frames, data_offset })
    }

    /// Write `samples` from frame `start` on. Safe to call from several threads for
    /// different ranges.
    pub fn write_at(&self, start: u64, samples: &[f32], scratch: &mut Vec<u8>) -> Result<(), EncodeError> {
        let path = self.file.target();
        if start + samples.len() as u64 > self.frames {
            return Err(EncodeError::Format {
                path: path.to_path_buf(),
                reason: "samples beyond the announced length".into(),
            });
        }
        scratch.clear();
        scratch.extend(samples.iter().flat_map(|&s| to_i16(s).to_le_bytes()));
        self.handle
            .write_all_at(scratch, self.data_offset + 2 * start)
            .map_err(|source| EncodeError::Io { path: path.to_path_buf(), source })
    }

    /// The finished file, not yet in place: the caller commits it with the episode's other files.
    pub fn finish(self) -> AtomicFile {
        self.file
    }
}

/// Float to 16-bit with rounding and clipping at full scale (the limiter keeps the episode
/// below it; this only guards the conversion).
pub fn to_i16(sample: f32) -> i16 {
    (sample.clamp(-1.0, 1.0) * i16::MAX as f32).round() as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_written_out_of_order_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("episode.wav");
        let wav = WavFile::create(&path, SampleRate(44_100), 6).unwrap();
        let mut scratch = Vec::new();
        wav.write_at(3, &[2.0, 0.0, -0.25], &mut scratch).unwrap();
        wav.write_at(0, &[0.0, 0.5, -1.0], &mut scratch).unwrap();
        assert!(wav.write_at(5, &[0.0, 0.0], &mut scratch).is_err());
        assert!(!path.exists());
        wav.finish().commit().unwrap();
        let reader = hound::WavReader::open(&path).unwrap();
        assert_eq!(reader.spec().sample_rate, 44_100);
        assert_eq!(reader.spec().channels, 1);
        let samples: Vec<i16> = reader.into_samples().map(|s| s.unwrap()).collect();
        assert_eq!(samples, vec![0, 16_384, -32_767, 32_767, 0, -8192]);
    }

    #[test]
    fn rf64_starts_where_riff_ends() {
        let riff_limit = (u64::from(u32::MAX) - (RIFF_HEADER_BYTES - 8)) / 2;
        assert!(!needs_rf64(riff_limit));
        assert!(needs_rf64(riff_limit + 1));
        assert!(!needs_rf64(13 * 3600 * 44_100), "13 hours still fit a RIFF WAV");
        assert!(needs_rf64(14 * 3600 * 44_100));
    }

    #[test]
    fn an_rf64_file_is_read_by_ffprobe_with_its_length() {
        // A short file forced into RF64: the layout is the same whatever the length.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("episode.wav");
        let frames = 44_100 * 3 / 2;
        let wav = WavFile::create_as(&path, SampleRate(44_100), frames, true).unwrap();
        let tone: Vec<f32> = (0..frames).map(|i| (i as f32 * 0.05).sin() * 0.5).collect();
        wav.write_at(0, &tone, &mut Vec::new()).unwrap();
        wav.finish().commit().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..4], b"RF64");
        assert_eq!(bytes.len() as u64, RF64_HEADER_BYTES + frames * 2);
        let out = std::process::Command::new("ffprobe")
            .args(["-v", "error", "-show_entries", "stream=codec_name,sample_rate,duration_ts", "-of", "csv=p=0"])
            .arg(&path)
            .output()
            .expect("ffprobe (apt-get install ffmpeg)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("pcm_s16le,44100,{frames}"));
        // ffmpeg decodes exactly the samples written after the header.
        let decoded = std::process::Command::new("ffmpeg")
            .args(["-v", "error", "-i"])
            .arg(&path)
            .args(["-f", "s16le", "-"])
            .output()
            .expect("ffmpeg");
        assert!(decoded.status.success());
        assert_eq!(decoded.stdout, &bytes[RF64_HEADER_BYTES as usize..]);
    }
}

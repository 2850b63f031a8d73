//! The spool: the assembled episode as raw 32-bit floats in a temporary file beside the outputs,
//! measured for loudness on the way in.
//!
//! The gain that reaches the target loudness is only known once the whole episode has been
//! measured, so the samples wait here rather than in memory. Floats keep the full resolution
//! and headroom until the gain is applied. The file is deleted when the reader is dropped.

use std::io::{BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use tempfile::NamedTempFile;

use super::{LoudnessMeter, MasterError, Measurement};
use crate::audio::{AudioError, Cause, PcmSink};
use crate::time::{Frames, SampleRate};

const SAMPLE_BYTES: usize = 4;
/// Samples converted to bytes at a time on the way into the file.
const WRITE_SAMPLES: usize = 1 << 14;

/// Writing side: a [`PcmSink`] for the assembler.
pub struct Spool {
    dir: std::path::PathBuf,
    writer: BufWriter<NamedTempFile>,
    meter: LoudnessMeter,
    frames: u64,
    bytes: Vec<u8>,
}

/// Reading side: any range of the episode, from any thread.
pub struct SpoolReader {
    file: NamedTempFile,
    frames: Frames,
    measurement: Measurement,
}

impl Spool {
    /// A spool under a temporary name in `dir` (the episode folder, so a crash leaves the
    /// leftover where the user looks, named as a temporary file).
    pub fn create(dir: &Path, rate: SampleRate) -> Result<Spool, MasterError> {
        let file = tempfile::Builder::new()
            .prefix(".episode.")
            .suffix(".f32.tmp")
            .tempfile_in(dir)
            .map_err(|source| MasterError::Spool { dir: dir.to_path_buf(), source })?;
        Ok(Spool {
            dir: dir.to_path_buf(),
            writer: BufWriter::with_capacity(1 << 16, file),
            meter: LoudnessMeter::new(rate, false)?,
            frames: 0,
            bytes: Vec::new(),
        })
    }

    /// Flush and hand over for reading, with the loudness measured so far.
    pub fn finish(self) -> Result<SpoolReader, MasterError> {
        let measurement = self.meter.measurement()?;
        let dir = self.dir;
        let file = self.writer.into_inner().map_err(|e| MasterError::Spool { dir, source: e.into_error() })?;
        Ok(SpoolReader { file, frames: Frames(self.frames), measurement })
    }
}

impl PcmSink for Spool {
    fn write(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        let err = |spool: &Spool, source: Cause| AudioError::Write {
            path: spool.writer.get_ref().path().to_path_buf(),
            source,
        };
        if let Err(e) = self.meter.add(samples) {
            return Err(err(self, e.into()));
        }
        // In pieces, so the scratch stays small however long a clip is.
        for piece in samples.chunks(WRITE_SAMPLES) {
            self.bytes.clear();
            self.bytes.extend(piece.iter().flat_map(|s| s.to_le_bytes()));
            if let Err(e) = self.writer.write_all(&self.bytes) {
                return Err(err(self, e.into()));
            }
        }
        self.frames += samples.len() as u64;
        Ok(())
    }
}

impl SpoolReader {
    pub fn frames(&self) -> Frames {
        self.frames
    }

    /// The loudness of everything written.
    pub fn measurement(&self) -> Measurement {
        self.measurement
    }

    /// Fill `out` with the samples from frame `start` on; past the end reads as silence.
    pub fn read(&self, start: u64, out: &mut [f32], scratch: &mut Vec<u8>) -> std::io::Result<()> {
        let available = self.frames.0.saturating_sub(start).min(out.len() as u64) as usize;
        scratch.resize(available * SAMPLE_BYTES, 0);
        self.file.as_file().read_exact_at(scratch, start * SAMPLE_BYTES as u64)?;
        for (sample, bytes) in out.iter_mut().zip(scratch.chunks_exact(SAMPLE_BYTES)) {
            *sample = f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        out[available..].fill(0.0);
        Ok(())
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Replace the samples from frame `start` on (voice levelling rewrites its ranges).
    pub fn write_at(&self, start: u64, samples: &[f32], scratch: &mut Vec<u8>) -> std::io::Result<()> {
        scratch.clear();
        scratch.extend(samples.iter().flat_map(|s| s.to_le_bytes()));
        self.file.as_file().write_all_at(scratch, start * SAMPLE_BYTES as u64)
    }

    /// Hand frames `start..end` to `f` a chunk at a time, with each chunk's first frame.
    pub fn for_each_chunk(
        &self,
        start: u64,
        end: u64,
        mut f: impl FnMut(u64, &mut [f32]) -> Result<(), MasterError>,
    ) -> Result<(), MasterError> {
        let mut buffer = vec![0.0f32; 1 << 16];
        let mut scratch = Vec::new();
        let mut at = start;
        while at < end {
            let n = ((end - at) as usize).min(buffer.len());
            self.read(at, &mut buffer[..n], &mut scratch).map_err(|source| self.error(source))?;
            f(at, &mut buffer[..n])?;
            at += n as u64;
        }
        Ok(())
    }

    /// Measure the whole spool again, after [`SpoolReader::write_at`] changed it.
    pub fn remeasure(&mut self, rate: SampleRate) -> Result<(), MasterError> {
        let mut meter = LoudnessMeter::new(rate, false)?;
        self.for_each_chunk(0, self.frames.0, |_, chunk| meter.add(chunk))?;
        self.measurement = meter.measurement()?;
        Ok(())
    }

    /// A read or write of the spool that failed.
    pub fn error(&self, source: std::io::Error) -> MasterError {
        let dir = self.path().parent().map(Path::to_path_buf).unwrap_or_default();
        MasterError::Spool { dir, source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_come_back_in_any_range_and_the_file_goes() {
        let dir = tempfile::tempdir().unwrap();
        let mut spool = Spool::create(dir.path(), SampleRate(44_100)).unwrap();
        spool.write(&[0.25, -0.5]).unwrap();
        spool.write_silence(2).unwrap();
        spool.write(&[1.5]).unwrap();
        let reader = spool.finish().unwrap();
        assert_eq!(reader.frames(), Frames(5));
        let mut out = [9.0f32; 4];
        reader.read(1, &mut out, &mut Vec::new()).unwrap();
        assert_eq!(out, [-0.5, 0.0, 0.0, 1.5]);
        reader.read(4, &mut out, &mut Vec::new()).unwrap();
        assert_eq!(out, [1.5, 0.0, 0.0, 0.0]);
        let path = reader.path().to_path_buf();
        assert!(path.exists());
        drop(reader);
        assert!(!path.exists());
    }
}

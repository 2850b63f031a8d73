//! How loud the episode will be after the limiter, estimated before the real pass.
//!
//! The limiter takes some loudness away with the peaks it holds down, more the harder it works,
//! so the gain that reaches the target on the raw episode falls short after limiting (by about
//! a decibel on espeak-ng's peaky speech). A trial runs gain and limiter over an evenly spread
//! sample of the episode (at most [`TRIAL_CHUNKS`] chunks of 1.5 s, so its cost does not grow
//! with the length) and measures the result; the gain is then raised by the shortfall.

use super::{Limiter, LoudnessMeter, MasterError, SpoolReader, db_to_linear};
use crate::time::SampleRate;

const CHUNK: usize = 1 << 16;
/// Chunks measured at most: about five minutes of audio.
pub const TRIAL_CHUNKS: u64 = 200;

/// The integrated loudness the episode would have with `gain_db` and the limiter at
/// `ceiling_dbtp`, measured on `threads` threads.
pub fn loudness_after_limiting(
    spool: &SpoolReader,
    rate: SampleRate,
    gain_db: f64,
    ceiling_dbtp: f64,
    threads: usize,
) -> Result<f64, MasterError> {
    let chunks = spool.frames().0.div_ceil(CHUNK as u64);
    let step = chunks.div_ceil(TRIAL_CHUNKS).max(1);
    let picked: Vec<u64> = (0..chunks).step_by(step as usize).collect();
    let per_thread = picked.len().div_ceil(threads.max(1)).max(1);
    let gain = db_to_linear(gain_db) as f32;
    let ceiling = db_to_linear(ceiling_dbtp) as f32;
    let results: Vec<Result<LoudnessMeter, MasterError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = picked
            .chunks(per_thread)
            .map(|mine| {
                scope.spawn(move || {
                    let mut meter = LoudnessMeter::new(rate, false)?;
                    let mut input = vec![0.0f32; CHUNK];
                    let mut out = Vec::with_capacity(2 * CHUNK);
                    let mut scratch = Vec::new();
                    for &chunk in mine {
                        spool
                            .read(chunk * CHUNK as u64, &mut input, &mut scratch)
                            .map_err(|source| MasterError::Spool { dir: spool.path().to_path_buf(), source })?;
                        input.iter_mut().for_each(|s| *s *= gain);
                        let mut limiter = Limiter::new(rate, ceiling);
                        out.clear();
                        limiter.process(&input, &mut out);
                        limiter.finish(&mut out);
                        meter.add(&out)?;
                    }
                    Ok(meter)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(Err(MasterError::TrialPanicked))).collect()
    });
    let meters = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(LoudnessMeter::combine(&meters)?.integrated_lufs)
}

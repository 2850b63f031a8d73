//! Voice levels: every voice of an episode as loud as the narrator's.
//!
//! Engines speak their voices at different levels (a Kokoro voice can sit several decibels
//! under another), and a quotation that jumps out or drops away is as tiring as one flat voice.
//! Once the episode is spooled, each voice's speech is measured on its own (EBU R128 over the
//! ranges it spoke) as it will sound mastered: through the gain that reaches the target and the
//! true-peak limiter, which takes more from a peaky voice than from a smooth one. Every other
//! voice's ranges are scaled in place to the narrator's loudness, measured again, and corrected
//! once more if the limiter moved them; then the spool is measured again for the episode's gain.
//! Nothing is held in memory beyond a chunk; an episode of one voice is left untouched.

use std::collections::BTreeMap;

use super::{Limiter, LoudnessMeter, MasterError, SpoolReader, db_to_linear};
use crate::time::SampleRate;

/// Corrections beyond this are not levelling but a broken clip; they are capped.
const MAX_CORRECTION_DB: f64 = 12.0;

/// Levelling passes at most: the second catches what the limiter did to the first's gains.
const PASSES: usize = 2;
/// A voice this close to the narrator's loudness is left as it is.
const CLOSE_ENOUGH_DB: f64 = 0.3;

/// How the episode will be mastered, so voices are compared as they will sound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MasterSettings {
    pub target_lufs: f64,
    pub ceiling_dbtp: f64,
}

/// Where one voice spoke: frames `start..end` of the spool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceRange {
    pub start: u64,
    pub end: u64,
    pub voice: String,
}

/// What levelling did to one voice.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VoiceLevel {
    pub voice: String,
    /// Its loudness as the engine spoke it, in LUFS.
    pub measured_lufs: Option<f64>,
    /// The gain that brought it to the narrator's loudness, in dB (0 for the narrator).
    pub gain_db: f64,
}

/// Level every voice in `ranges` to `narrator`'s loudness, in the spool itself. Returns what
/// was done per voice, or nothing when the episode has one voice.
pub fn level_voices(
    spool: &mut SpoolReader,
    rate: SampleRate,
    ranges: &[VoiceRange],
    narrator: &str,
    master: MasterSettings,
) -> Result<Vec<VoiceLevel>, MasterError> {
    let mut by_voice: BTreeMap<&str, Vec<&VoiceRange>> = BTreeMap::new();
    for range in ranges {
        by_voice.entry(range.voice.as_str()).or_default().push(range);
    }
    if by_voice.len() < 2 || !by_voice.contains_key(narrator) {
        return Ok(Vec::new());
    }
    let mut levels: Vec<VoiceLevel> = Vec::new();
    for pass in 0..PASSES {
        // The gain the whole episode will get, from its loudness as it now is.
        let gain_db = master.target_lufs - spool.measurement().integrated_lufs;
        let gain_db = if gain_db.is_finite() { gain_db.clamp(-MAX_CORRECTION_DB, 40.0) } else { 0.0 };
        let mut loudness = BTreeMap::new();
        for (voice, mine) in &by_voice {
            loudness.insert(*voice, super::finite(measure(spool, rate, mine, gain_db, master.ceiling_dbtp)?));
        }
        let Some(reference) = loudness.get(narrator).copied().flatten() else { return Ok(Vec::new()) };
        let mut changed = false;
        for (voice, mine) in by_voice.iter().filter(|(voice, _)| **voice != narrator) {
            let measured = loudness.get(voice).copied().flatten();
            let correction = measured.map_or(0.0, |m| reference - m);
            let done = levels.iter().find(|l| l.voice == *voice).map_or(0.0, |l| l.gain_db);
            let correction = (done + correction).clamp(-MAX_CORRECTION_DB, MAX_CORRECTION_DB) - done;
            if correction.abs() >= CLOSE_ENOUGH_DB {
                scale(spool, mine, db_to_linear(correction) as f32)?;
                changed = true;
            }
            let applied = if correction.abs() >= CLOSE_ENOUGH_DB { correction } else { 0.0 };
            match levels.iter_mut().find(|l| l.voice == *voice) {
                Some(level) => level.gain_db = round2(level.gain_db + applied),
                None => levels.push(VoiceLevel {
                    voice: voice.to_string(),
                    measured_lufs: measured.map(|m| round2(m - gain_db)),
                    gain_db: round2(applied),
                }),
            }
        }
        if pass == 0 {
            let measured = loudness.get(narrator).copied().flatten().map(|m| round2(m - gain_db));
            levels.insert(0, VoiceLevel { voice: narrator.to_string(), measured_lufs: measured, gain_db: 0.0 });
        }
        if changed {
            spool.remeasure(rate)?;
        } else {
            break;
        }
    }
    Ok(levels)
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The integrated loudness of the ranges after `gain_db` and the limiter at `ceiling_dbtp`,
/// as if played one after the other.
fn measure(
    spool: &SpoolReader,
    rate: SampleRate,
    ranges: &[&VoiceRange],
    gain_db: f64,
    ceiling_dbtp: f64,
) -> Result<f64, MasterError> {
    let mut meter = LoudnessMeter::new(rate, false)?;
    let mut limited = Vec::new();
    let gain = db_to_linear(gain_db) as f32;
    for range in ranges {
        let mut limiter = Limiter::new(rate, db_to_linear(ceiling_dbtp) as f32);
        spool.for_each_chunk(range.start, range.end, |_, chunk| {
            chunk.iter_mut().for_each(|s| *s *= gain);
            limited.clear();
            limiter.process(chunk, &mut limited);
            meter.add(&limited)
        })?;
        limited.clear();
        limiter.finish(&mut limited);
        meter.add(&limited)?;
    }
    Ok(meter.measurement()?.integrated_lufs)
}

fn scale(spool: &SpoolReader, ranges: &[&VoiceRange], gain: f32) -> Result<(), MasterError> {
    let mut scratch = Vec::new();
    for range in ranges {
        spool.for_each_chunk(range.start, range.end, |at, chunk| {
            chunk.iter_mut().for_each(|s| *s *= gain);
            spool.write_at(at, chunk, &mut scratch).map_err(|source| spool.error(source))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::PcmSink;
    use crate::master::Spool;

    fn tone(amplitude: f32, frames: usize) -> Vec<f32> {
        (0..frames).map(|i| amplitude * (2.0 * std::f32::consts::PI * 440.0 * i as f32 / 44_100.0).sin()).collect()
    }

    #[test]
    fn a_quieter_voice_is_brought_to_the_narrators_loudness() {
        let rate = SampleRate(44_100);
        let dir = tempfile::tempdir().unwrap();
        let mut spool = Spool::create(dir.path(), rate).unwrap();
        // Narrator, a voice 9 dB quieter, the narrator again: two seconds each.
        spool.write(&tone(0.3, 88_200)).unwrap();
        spool.write(&tone(0.3 * db_to_linear(-9.0) as f32, 88_200)).unwrap();
        spool.write(&tone(0.3, 88_200)).unwrap();
        let mut reader = spool.finish().unwrap();
        let ranges = [
            VoiceRange { start: 0, end: 88_200, voice: "n".into() },
            VoiceRange { start: 88_200, end: 176_400, voice: "q".into() },
            VoiceRange { start: 176_400, end: 264_600, voice: "n".into() },
        ];
        let master = MasterSettings { target_lufs: -16.0, ceiling_dbtp: -1.5 };
        let levels = level_voices(&mut reader, rate, &ranges, "n", master).unwrap();
        let quote = levels.iter().find(|l| l.voice == "q").unwrap();
        assert!((quote.gain_db - 9.0).abs() < 0.3, "{levels:?}");
        let after = |range: &VoiceRange| measure(&reader, rate, &[range], 0.0, 0.0).unwrap();
        assert!((after(&ranges[1]) - after(&ranges[0])).abs() < 0.3);
        // The spool's own measurement follows the change.
        assert!((reader.measurement().integrated_lufs - after(&ranges[0])).abs() < 0.3);
        // One voice: nothing to level.
        assert!(level_voices(&mut reader, rate, &ranges[..1], "n", master).unwrap().is_empty());
    }
}

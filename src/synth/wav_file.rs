//! Reading an engine's WAV output into a clip.

use std::path::Path;

use super::SynthError;
use crate::audio::Clip;
use crate::time::SampleRate;

/// Read a WAV file (integer or float samples, any rate and channel count) into a clip.
pub fn read_wav_clip(path: &Path, engine: &str, segment: &str) -> Result<Clip, SynthError> {
    let bad = |reason: String| SynthError::BadAudio { engine: engine.to_string(), segment: segment.to_string(), reason };
    let reader = hound::WavReader::open(path).map_err(|e| bad(format!("cannot read its WAV output: {e}")))?;
    let spec = reader.spec();
    if spec.channels == 0 || spec.sample_rate == 0 {
        return Err(bad("the WAV header has no channels or no rate".into()));
    }
    let samples: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => reader.into_samples::<f32>().collect::<Result<_, _>>(),
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1u64 << (spec.bits_per_sample.clamp(1, 32) - 1)) as f32;
            reader.into_samples::<i32>().map(|s| s.map(|v| v as f32 * scale)).collect::<Result<_, _>>()
        }
    }
    .map_err(|e| bad(format!("its WAV output is damaged: {e}")))?;
    if samples.is_empty() {
        return Err(bad("the WAV file holds no audio".into()));
    }
    Ok(Clip { sample_rate: SampleRate(spec.sample_rate), channels: spec.channels, samples })
}

//! Speaking one segment the careful way: from the cache when it is there, otherwise by the
//! engine with retries, storing the result so no finished segment is ever spoken twice.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{Backend, SpeechRequest, SynthError};
use crate::audio::Clip;
use crate::cache::{CacheKey, SegmentCache};
use crate::cancel::{self, Interrupted};
use crate::segment::Segment;

/// Why a segment could not be spoken.
#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    #[error("segment {id} (\"{preview}\") failed after {attempts} attempt{}", if *.attempts == 1 { "" } else { "s" })]
    Failed {
        id: String,
        preview: String,
        attempts: u32,
        #[source]
        source: Box<SynthError>,
    },
}

pub struct SegmentSpeaker<'a> {
    backend: &'a dyn Backend,
    backend_version: String,
    rate: String,
    /// The engine's own settings per voice, read once per voice, not per segment (Piper's
    /// settings hash the model file).
    engine_settings: Mutex<HashMap<String, String>>,
    cache: Option<SegmentCache>,
    retries: u32,
    synthesized: AtomicUsize,
    cached: AtomicUsize,
    warned_cache: AtomicBool,
}

/// Shorten text for a message: the first 60 characters, cut at a word.
pub fn preview(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}...")
}

impl<'a> SegmentSpeaker<'a> {
    pub fn new(
        backend: &'a dyn Backend,
        backend_version: &str,
        rate: u32,
        cache: Option<SegmentCache>,
        retries: u32,
    ) -> SegmentSpeaker<'a> {
        SegmentSpeaker {
            backend,
            backend_version: backend_version.to_string(),
            rate: rate.to_string(),
            engine_settings: Mutex::new(HashMap::new()),
            cache,
            retries,
            synthesized: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
            warned_cache: AtomicBool::new(false),
        }
    }

    /// The key of a segment's clip: engine, version, voice, every sound-shaping setting, spoken
    /// text.
    pub fn cache_key(&self, voice: &str, spoken: &str) -> CacheKey {
        let engine_settings = {
            let mut known = self.engine_settings.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            known.entry(voice.to_string()).or_insert_with(|| self.backend.voice_sound_settings(voice)).clone()
        };
        let settings =
            [("voice", voice.to_string()), ("rate", self.rate.clone()), ("engine-settings", engine_settings)];
        CacheKey::new(self.backend.name(), &self.backend_version, &settings, spoken)
    }

    /// The clip of one segment, from the cache or the engine.
    pub fn speak(&self, segment: &Segment) -> Result<Clip, SegmentError> {
        cancel::check()?;
        let key = self.cache.as_ref().map(|_| self.cache_key(&segment.voice, &segment.spoken));
        if let (Some(cache), Some(key)) = (&self.cache, &key)
            && let Some(clip) = cache.get(key)
        {
            self.cached.fetch_add(1, Ordering::Relaxed);
            return Ok(clip);
        }
        let clip = self.synthesize_with_retries(segment)?;
        self.synthesized.fetch_add(1, Ordering::Relaxed);
        if let (Some(cache), Some(key)) = (&self.cache, &key)
            && let Err(e) = cache.put(key, &clip)
        {
            // The episode can still be made; say once that resuming will not work.
            if !self.warned_cache.swap(true, Ordering::Relaxed) {
                eprintln!("readcast: warning: cannot write to the cache {}: {e}", cache.dir().display());
            }
        }
        Ok(clip)
    }

    fn synthesize_with_retries(&self, segment: &Segment) -> Result<Clip, SegmentError> {
        let request = SpeechRequest { segment_id: &segment.id, text: &segment.spoken, voice: &segment.voice };
        let attempts = self.retries + 1;
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.backend.synthesize(&request).and_then(|clip| self.checked(clip, &segment.id)) {
                Ok(clip) => return Ok(clip),
                Err(SynthError::Interrupted { signal }) => return Err(Interrupted { signal }.into()),
                Err(error) => {
                    // An engine killed by the same Ctrl-C is not a failure of the segment.
                    cancel::check()?;
                    if attempt >= attempts {
                        return Err(SegmentError::Failed {
                            id: segment.id.clone(),
                            preview: preview(&segment.text),
                            attempts,
                            source: Box::new(error),
                        });
                    }
                }
            }
        }
    }

    /// A clip is checked as it arrives: a NaN or an infinity from an engine would crash the
    /// encoder or the resampler later, far from its cause, so it is a failure of this segment.
    fn checked(&self, clip: Clip, segment_id: &str) -> Result<Clip, SynthError> {
        match clip.samples.iter().position(|s| !s.is_finite()) {
            None => Ok(clip),
            Some(at) => Err(SynthError::BadAudio {
                engine: self.backend.name().into(),
                segment: segment_id.into(),
                reason: format!("sample {at} is not a finite number"),
            }),
        }
    }

    /// (synthesized, taken from the cache) so far.
    pub fn counts(&self) -> (usize, usize) {
        (self.synthesized.load(Ordering::Relaxed), self.cached.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_are_short_and_cut_at_words() {
        assert_eq!(preview("Short one."), "Short one.");
        let long = "The council voted on Thursday to build cycle lanes along the river road next spring.";
        let p = preview(long);
        assert!(p.ends_with("...") && p.len() <= 63, "{p}");
        assert!(long.starts_with(p.trim_end_matches("...")));
    }
}

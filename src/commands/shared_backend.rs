//! One speech engine shared by several articles rendered at once.
//!
//! `render` of many inputs runs a few articles side by side so the engine never idles at an
//! article's end; `--jobs` must still bound the engine processes of the whole run, not of each
//! article. This wrapper holds `jobs` permits: every `synthesize` takes one for its duration.

use std::sync::{Arc, Condvar, Mutex};

use crate::audio::Clip;
use crate::synth::{Backend, SpeechRequest, SynthError, Voice};

pub struct SharedBackend<'a> {
    inner: &'a dyn Backend,
    permits: Arc<Permits>,
}

/// The engine calls that may be under way at once, shared by every wrapper of one engine.
pub struct Permits {
    free: Mutex<usize>,
    returned: Condvar,
}

impl Permits {
    pub fn new(jobs: usize) -> Arc<Permits> {
        Arc::new(Permits { free: Mutex::new(jobs.max(1)), returned: Condvar::new() })
    }
}

impl<'a> SharedBackend<'a> {
    pub fn new(inner: &'a dyn Backend, jobs: usize) -> SharedBackend<'a> {
        SharedBackend::sharing(inner, Permits::new(jobs))
    }

    /// A wrapper drawing on `permits` with others: the farm's worker makes one per job and
    /// keeps the permits with its engine.
    pub fn sharing(inner: &'a dyn Backend, permits: Arc<Permits>) -> SharedBackend<'a> {
        SharedBackend { inner, permits }
    }

    fn acquire(&self) -> Permit<'_> {
        let permits = &*self.permits;
        let mut free = permits.free.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while *free == 0 {
            free = permits.returned.wait(free).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *free -= 1;
        Permit { permits }
    }
}

/// A permit goes back when dropped, so an error or a panic in the engine cannot leak it.
struct Permit<'b> {
    permits: &'b Permits,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut free = self.permits.free.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *free += 1;
        self.permits.returned.notify_one();
    }
}

impl Backend for SharedBackend<'_> {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn check(&self) -> Result<String, SynthError> {
        self.inner.check()
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        self.inner.voices()
    }

    fn voice(&self) -> &str {
        self.inner.voice()
    }

    fn sound_settings(&self) -> String {
        self.inner.sound_settings()
    }

    fn voice_sound_settings(&self, voice: &str) -> String {
        self.inner.voice_sound_settings(voice)
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let _permit = self.acquire();
        self.inner.synthesize(request)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::time::SampleRate;

    /// Records how many calls run at once; it stands in for an engine only to observe the bound.
    struct Counting {
        running: AtomicUsize,
        most: AtomicUsize,
    }

    impl Backend for Counting {
        fn name(&self) -> &'static str {
            "counting"
        }
        fn check(&self) -> Result<String, SynthError> {
            Ok("1".into())
        }
        fn voices(&self) -> Result<Vec<Voice>, SynthError> {
            Ok(Vec::new())
        }
        fn voice(&self) -> &str {
            "v"
        }
        fn synthesize(&self, _: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
            let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(20));
            self.running.fetch_sub(1, Ordering::SeqCst);
            Ok(Clip { sample_rate: SampleRate(22050), channels: 1, samples: vec![0.0; 10] })
        }
    }

    #[test]
    fn jobs_bound_the_calls_of_all_articles_together() {
        let inner = Counting { running: AtomicUsize::new(0), most: AtomicUsize::new(0) };
        let shared = SharedBackend::new(&inner, 2);
        // Three "articles", each with its own pool of three workers, as render runs them.
        std::thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| {
                    crate::synth::pool::run_in_order(
                        8,
                        3,
                        |_| shared.synthesize(&SpeechRequest { segment_id: "x", text: "x", voice: "v" }),
                        |_, _| Ok::<(), SynthError>(()),
                    )
                });
            }
        });
        assert_eq!(inner.most.load(Ordering::SeqCst), 2);
    }
}

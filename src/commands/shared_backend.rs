//! One speech engine shared by several articles rendered at once.
//!
//! `render` of many inputs runs a few articles side by side so the engine never idles at an
//! article's end; `--jobs` must still bound the engine processes of the whole run, not of each
//! article. This wrapper holds `jobs` permits: every `synthesize` takes one for its duration, and
//! each finished segment moves the one progress display on.

use std::sync::{Condvar, Mutex};

use crate::audio::Clip;
use crate::progress::Progress;
use crate::synth::{Backend, SpeechRequest, SynthError, Voice};

pub struct SharedBackend<'a> {
    inner: &'a dyn Backend,
    free: Mutex<usize>,
    returned: Condvar,
    progress: &'a Mutex<Progress>,
}

impl<'a> SharedBackend<'a> {
    pub fn new(inner: &'a dyn Backend, jobs: usize, progress: &'a Mutex<Progress>) -> SharedBackend<'a> {
        SharedBackend { inner, free: Mutex::new(jobs.max(1)), returned: Condvar::new(), progress }
    }

    fn acquire(&self) -> Permit<'_, 'a> {
        let mut free = self.free.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while *free == 0 {
            free = self.returned.wait(free).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *free -= 1;
        Permit { backend: self }
    }
}

/// A permit goes back when dropped, so an error or a panic in the engine cannot leak it.
struct Permit<'b, 'a> {
    backend: &'b SharedBackend<'a>,
}

impl Drop for Permit<'_, '_> {
    fn drop(&mut self) {
        let mut free = self.backend.free.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *free += 1;
        self.backend.returned.notify_one();
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

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let clip = {
            let _permit = self.acquire();
            self.inner.synthesize(request)?
        };
        if let Ok(mut progress) = self.progress.lock() {
            progress.inc();
        }
        Ok(clip)
    }
}

//! Several voices of one engine in one episode: the narrator's, the quotations', a language's,
//! each host's. Segments name their voice; this backend hands each to an engine instance made
//! for that voice, created the first time the voice is asked for and kept for the run.
//!
//! Engines are built for one voice (a worker started with it, a Piper model file, a Kokoro style),
//! so one instance per voice keeps them simple; what is heavy is shared inside the engine (Kokoro
//! loads its model once per process, whatever the number of voices).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::registry::{self, BackendName};
use super::{Backend, BackendOptions, SpeechRequest, SynthError, Voice};
use crate::audio::Clip;

pub struct VoiceSet {
    engine: BackendName,
    options: BackendOptions,
    narrator: Box<dyn Backend>,
    others: Mutex<BTreeMap<String, Arc<dyn Backend>>>,
}

impl VoiceSet {
    /// Voices of the engine `narrator` belongs to; `options` build the others.
    pub fn new(narrator: Box<dyn Backend>, options: &BackendOptions) -> VoiceSet {
        let engine =
            BackendName::ALL.into_iter().find(|n| n.as_str() == narrator.name()).unwrap_or(BackendName::Command);
        VoiceSet { engine, options: options.clone(), narrator, others: Mutex::new(BTreeMap::new()) }
    }

    /// The engine instance for `voice`, made and checked (installed, voice known) on first use.
    pub fn member(&self, voice: &str) -> Result<Arc<dyn Backend>, SynthError> {
        let mut others = self.others.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(backend) = others.get(voice) {
            return Ok(Arc::clone(backend));
        }
        let options = BackendOptions { voice: Some(voice.to_string()), ..self.options.clone() };
        let backend: Arc<dyn Backend> = Arc::from(registry::create(self.engine, &options)?);
        backend.validate_voice()?;
        backend.check()?;
        others.insert(voice.to_string(), Arc::clone(&backend));
        Ok(backend)
    }

    fn speaker_for(&self, voice: &str) -> Result<Option<Arc<dyn Backend>>, SynthError> {
        if voice == self.narrator.voice() || voice.is_empty() {
            return Ok(None);
        }
        self.member(voice).map(Some)
    }
}

impl Backend for VoiceSet {
    fn name(&self) -> &'static str {
        self.narrator.name()
    }

    fn check(&self) -> Result<String, SynthError> {
        self.narrator.check()
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        self.narrator.voices()
    }

    fn voice(&self) -> &str {
        self.narrator.voice()
    }

    fn validate_voice(&self) -> Result<(), SynthError> {
        self.narrator.validate_voice()
    }

    fn sound_settings(&self) -> String {
        self.narrator.sound_settings()
    }

    fn voice_sound_settings(&self, voice: &str) -> String {
        match self.speaker_for(voice) {
            Ok(Some(member)) => member.sound_settings(),
            _ => self.narrator.sound_settings(),
        }
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        match self.speaker_for(request.voice)? {
            Some(member) => member.synthesize(request),
            None => self.narrator.synthesize(request),
        }
    }
}

//! The Kokoro backend: Kokoro-82M, the most natural small open speech model, run inside readcast
//! through ONNX Runtime. No Python, no child process.
//!
//! A segment's spoken text becomes phonemes ([`phonemes`]: espeak-ng's IPA in Kokoro's symbols,
//! or, when asked, English words from misaki's dictionaries, [`lexicon`]), then token ids
//! ([`tokens`]); the model takes them with a style vector of the voice ([`voices`],
//! a blend of several when asked) and a speed, and returns 24 kHz audio. The model is loaded once
//! per process, on the first segment, and shared by every job (see [`onnx_runtime`]).
//!
//! [`onnx_runtime`]: super::onnx_runtime

pub mod lexicon;
pub mod phonemes;
pub mod tokens;
pub mod voices;

use std::path::PathBuf;
use std::sync::OnceLock;

use ort::value::Tensor;

use super::onnx_runtime::{self, Model, RunError};
use super::utterances;
use super::voice_data::{self, KOKORO_MODEL};
use super::{Backend, BackendOptions, LoadError, SpeechRequest, SynthError, Voice};
use crate::audio::Clip;
use crate::time::SampleRate;
use tokens::{MAX_TOKENS, PAD, Vocab};
use voices::{BlendPart, Styles};

const ENGINE: &str = "kokoro";
/// The default voice: Kokoro's best-graded, and the lowest word error rate measured here.
pub const DEFAULT_VOICE: &str = "af_heart";
const SAMPLE_RATE: SampleRate = SampleRate(24_000);
/// The speaking rate (`--rate`, words per minute) at which Kokoro's speed is 1.
const NATURAL_RATE: f32 = 175.0;
/// What turns text into tokens; part of the cache key, so a change of it re-synthesizes.
const PHONEMIZER: &str = "espeak-ng ipa, kokoro symbols v1";
/// The most phonemes spoken in one run of the model. The model takes up to [`MAX_TOKENS`], but
/// its working memory grows with the utterance (about 1.7 MB a phoneme, and ONNX Runtime's arena
/// keeps the largest run's): a 450-phoneme sentence took a render to 710 MB, pieces of at most
/// 200 phonemes keep it near 500 MB. Longer sentences are cut at clause punctuation.
const MAX_PIECE: usize = 200;
/// The same with misaki's dictionaries for the English words they have.
const PHONEMIZER_WITH_LEXICON: &str = "misaki 0.9.4 gold+silver lexicon v1, espeak-ng ipa, kokoro symbols v1";
/// Chooses how English words become phonemes (`espeak` or `lexicon`), for measuring one against
/// the other; unset, [`DEFAULT_G2P`].
pub const G2P_ENV: &str = "READCAST_KOKORO_G2P";
/// Over this many seconds of audio per token, the model has gone wrong (a few tenths is normal).
const MAX_SECONDS_PER_TOKEN: f32 = 2.0;

/// The loaded model and the voice's styles, built on the first segment.
struct Loaded {
    model: &'static Model,
    vocab: &'static Vocab,
    styles: Styles,
    /// misaki's dictionaries for the voice's accent, when used and installed.
    lexicon: Option<&'static lexicon::Lexicon>,
}

/// The model and its vocabulary, loaded once per process: every voice (the narrator's, the
/// quotations', a language's) speaks through the same model with its own style vectors.
static MODEL: OnceLock<Result<(Model, Vocab), LoadError>> = OnceLock::new();

fn shared_model() -> Result<(&'static Model, &'static Vocab), LoadError> {
    let loaded = MODEL.get_or_init(|| {
        let model_path = KOKORO_MODEL.sized_path()?;
        let dir = kokoro_dir().ok_or(voice_data::DataFileError::NoDataDir)?;
        let vocab = Vocab::load(&dir.join("vocab.json"))?;
        let model = Model::load(&model_path, Some(KOKORO_MODEL.sha256))?;
        Ok((model, vocab))
    });
    loaded.as_ref().map(|(model, vocab)| (model, vocab)).map_err(Clone::clone)
}

/// How English words become phonemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum G2p {
    /// espeak-ng for every word.
    Espeak,
    /// misaki's dictionaries, espeak-ng for the words they lack (espeak-ng alone when they are
    /// not installed).
    Lexicon,
}

/// The phonemizer unless [`G2P_ENV`] says otherwise: the one that measured better. On four news
/// texts (docs/voice-quality.md) espeak-ng alone gave Whisper a word error rate of 0.026 on
/// average and 0.029 on the sample article, the dictionaries 0.029 and 0.056: they help on some
/// texts and hurt on others, so espeak-ng reads every word until they do better.
pub const DEFAULT_G2P: G2p = G2p::Espeak;

impl G2p {
    /// [`G2P_ENV`]'s choice, else [`DEFAULT_G2P`].
    pub fn from_env() -> Result<G2p, G2pError> {
        match std::env::var(G2P_ENV) {
            Err(std::env::VarError::NotPresent) => Ok(DEFAULT_G2P),
            Ok(value) => G2p::parse(&value),
            Err(e) => Err(G2pError::NotText(e)),
        }
    }

    fn parse(value: &str) -> Result<G2p, G2pError> {
        match value.trim() {
            "espeak" | "espeak-ng" => Ok(G2p::Espeak),
            "lexicon" => Ok(G2p::Lexicon),
            "" => Ok(DEFAULT_G2P),
            other => Err(G2pError::Unknown(other.to_string())),
        }
    }
}

/// Why [`G2P_ENV`] does not name a phonemizer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum G2pError {
    #[error("{G2P_ENV}: {0}")]
    NotText(std::env::VarError),
    #[error("{G2P_ENV}={0:?}: expected espeak or lexicon")]
    Unknown(String),
}

pub struct Kokoro {
    voice: String,
    g2p: Result<G2p, G2pError>,
    blend: Result<Vec<BlendPart>, voices::BlendError>,
    speed: f32,
    /// The longest one model run may take (`--segment-timeout`).
    timeout: std::time::Duration,
    loaded: OnceLock<Result<Loaded, LoadError>>,
}

/// Kokoro's folder in the data folder.
pub fn kokoro_dir() -> Option<PathBuf> {
    voice_data::data_dir().map(|d| d.join("kokoro"))
}

fn voices_dir() -> Option<PathBuf> {
    kokoro_dir().map(|d| d.join("voices"))
}

/// Kokoro's speed for a rate in words per minute, within what the model speaks well.
pub fn speed_for_rate(rate: u32) -> f32 {
    (rate as f32 / NATURAL_RATE).clamp(0.5, 2.0)
}

/// Whether the model, the runtime and at least one voice are in place (no hashing: this is the
/// quick look that picks the default engine; loading checks every file).
pub fn looks_installed() -> bool {
    onnx_runtime::runtime_present()
        && KOKORO_MODEL.path().is_ok_and(|p| p.is_file())
        && voices_dir().is_some_and(|d| !voices::installed(&d).is_empty())
}

impl Kokoro {
    pub fn new(options: &BackendOptions) -> Self {
        let requested = options.voice.clone().unwrap_or_else(|| DEFAULT_VOICE.to_string());
        let blend = voices::parse_blend(&requested);
        let voice = blend.as_ref().map(|parts| voices::canonical(parts)).unwrap_or(requested);
        Kokoro {
            voice,
            g2p: G2p::from_env(),
            blend,
            speed: speed_for_rate(options.rate),
            timeout: options.timeout,
            loaded: OnceLock::new(),
        }
    }

    fn not_installed(reason: impl std::fmt::Display) -> SynthError {
        SynthError::NotInstalled { engine: ENGINE.into(), hint: reason.to_string() }
    }

    fn blend(&self) -> Result<&[BlendPart], SynthError> {
        self.blend.as_deref().map_err(|e| SynthError::BadVoiceSpec { engine: ENGINE.into(), reason: e.to_string() })
    }

    /// The voice's espeak-ng phonemizer language.
    fn espeak_voice(&self) -> &'static str {
        self.blend
            .as_ref()
            .ok()
            .and_then(|parts| parts.first())
            .and_then(|p| voices::language_of(&p.voice))
            .map_or("en-us", |l| l.espeak_voice)
    }

    /// Whether the voice is English (misaki's dictionaries apply) and British.
    fn accent(&self) -> Option<bool> {
        let espeak_voice = self.espeak_voice();
        espeak_voice.starts_with("en").then(|| espeak_voice.starts_with("en-gb"))
    }

    /// Where misaki's dictionaries for the voice's accent are, when they are to be used.
    fn lexicon_dir(&self) -> Option<(PathBuf, bool)> {
        let british = self.accent()?;
        let g2p = self.g2p.as_ref().ok()?;
        (*g2p == G2p::Lexicon).then(|| kokoro_dir().map(|d| (d.join("lexicon"), british)))?
    }

    /// The phonemizer's name for the cache key: with the dictionaries only when they are there.
    fn phonemizer(&self) -> &'static str {
        match self.lexicon_dir() {
            Some((dir, british)) if lexicon::installed(&dir, british) => PHONEMIZER_WITH_LEXICON,
            _ => PHONEMIZER,
        }
    }

    fn load(&self) -> Result<Loaded, LoadError> {
        self.g2p.clone()?;
        let lexicon = match self.lexicon_dir() {
            Some((dir, british)) => lexicon::shared(&dir, british)?,
            None => None,
        };
        let dir = kokoro_dir().ok_or(voice_data::DataFileError::NoDataDir)?;
        let parts = self.blend().map_err(|e| LoadError::Voice(e.to_string()))?;
        let styles = Styles::load(&dir.join("voices"), parts)?;
        let (model, vocab) = shared_model()?;
        Ok(Loaded { model, vocab, styles, lexicon })
    }

    fn loaded(&self) -> Result<&Loaded, SynthError> {
        self.loaded
            .get_or_init(|| self.load())
            .as_ref()
            .map_err(|reason| SynthError::Unusable { engine: ENGINE.into(), reason: reason.to_string() })
    }

    /// One utterance that fits the model: token ids in, audio out.
    fn infer(&self, loaded: &Loaded, tokens: &[i64]) -> Result<Vec<f32>, RunError> {
        let failed = |e: ort::Error| RunError::Failed(e.to_string());
        let style = loaded.styles.for_length(tokens.len());
        let mut ids = Vec::with_capacity(tokens.len() + 2);
        ids.push(PAD);
        ids.extend_from_slice(tokens);
        ids.push(PAD);
        let length = ids.len();
        let tokens_tensor = Tensor::from_array(([1usize, length], ids)).map_err(failed)?;
        let style_tensor = Tensor::from_array(([1usize, style.len()], style.to_vec())).map_err(failed)?;
        let speed_tensor = Tensor::from_array(([1usize], vec![self.speed])).map_err(failed)?;
        loaded.model.run_audio(
            ort::inputs!["tokens" => tokens_tensor, "style" => style_tensor, "speed" => speed_tensor],
            self.timeout,
        )
    }
}

impl Backend for Kokoro {
    fn name(&self) -> &'static str {
        ENGINE
    }

    /// Loads everything a segment needs (the model, the vocabulary, the voice's styles), so a
    /// missing or broken file is reported before the first segment, once.
    fn check(&self) -> Result<String, SynthError> {
        self.validate_voice()?;
        self.loaded()?;
        onnx_runtime::phonemes_work(ENGINE, phonemes::phonemize("check", self.espeak_voice(), None))?;
        let runtime_name = onnx_runtime::runtime_name().map_err(Self::not_installed)?;
        Ok(format!("Kokoro-82M v1.0 int8 ({runtime_name})"))
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        let Some(dir) = voices_dir() else { return Ok(Vec::new()) };
        Ok(voices::installed(&dir)
            .into_iter()
            .map(|name| Voice {
                language: voices::language_of(&name).map_or("", |l| l.tag).to_string(),
                gender: voices::gender_of(&name).map(str::to_string),
                name,
            })
            .collect())
    }

    fn validate_voice(&self) -> Result<(), SynthError> {
        let parts = self.blend()?;
        let installed = self.voices()?;
        for part in parts {
            if !installed.iter().any(|v| v.name == part.voice) {
                let names = installed.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ");
                return Err(SynthError::UnknownVoice {
                    engine: ENGINE.into(),
                    voice: part.voice.clone(),
                    examples: if names.is_empty() {
                        format!("none installed; run {}", voice_data::INSTALL_COMMAND)
                    } else {
                        names
                    },
                });
            }
        }
        Ok(())
    }

    fn voice(&self) -> &str {
        &self.voice
    }

    /// The model's pinned hash and the phonemizer: another model or other phonemes never reuse
    /// clips (the voice and rate are in the key already).
    fn sound_settings(&self) -> String {
        format!("model={}|phonemes={}", KOKORO_MODEL.sha256, self.phonemizer())
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let loaded = self.loaded()?;
        let failed = |reason: String| SynthError::Failed {
            engine: ENGINE.into(),
            segment: request.segment_id.into(),
            status: "inference".into(),
            stderr: reason,
        };
        let phonemes = phonemes::phonemize(request.text, self.espeak_voice(), loaded.lexicon)
            .map_err(|e| failed(e.to_string()))?;
        let samples = utterances::speak_in_pieces(
            &phonemes,
            MAX_PIECE.min(MAX_TOKENS),
            MAX_SECONDS_PER_TOKEN * SAMPLE_RATE.0 as f32,
            |piece| {
                let ids = loaded.vocab.tokens(piece);
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                self.infer(loaded, &ids).map_err(|e| e.for_segment(ENGINE, request.segment_id, self.timeout))
            },
            failed,
        )?;
        Ok(Clip { sample_rate: SAMPLE_RATE, channels: 1, samples })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_maps_to_speed() {
        assert_eq!(speed_for_rate(175), 1.0);
        assert!((speed_for_rate(210) - 1.2).abs() < 1e-6);
        assert_eq!(speed_for_rate(80), 0.5);
        assert_eq!(speed_for_rate(500), 2.0);
    }

    #[test]
    fn phonemizer_choices_parse() {
        assert_eq!(G2p::parse("espeak"), Ok(G2p::Espeak));
        assert_eq!(G2p::parse("lexicon"), Ok(G2p::Lexicon));
        assert_eq!(G2p::parse(""), Ok(DEFAULT_G2P));
        assert_eq!(
            G2p::parse("misaki").unwrap_err().to_string(),
            format!("{G2P_ENV}=\"misaki\": expected espeak or lexicon")
        );
    }

    #[test]
    fn phonemizers_never_share_clips() {
        let options = |voice: &str| BackendOptions {
            voice: Some(voice.into()),
            rate: 175,
            timeout: std::time::Duration::from_secs(5),
            jobs: 1,
            command: None,
        };
        let mut kokoro = Kokoro::new(&options("af_heart"));
        kokoro.g2p = Ok(G2p::Espeak);
        let espeak = kokoro.sound_settings();
        assert!(espeak.ends_with(PHONEMIZER), "{espeak}");
        kokoro.g2p = Ok(G2p::Lexicon);
        // Without the dictionaries installed the lexicon phonemizer is espeak-ng's.
        let installed = kokoro.lexicon_dir().is_some_and(|(dir, british)| lexicon::installed(&dir, british));
        assert_eq!(kokoro.sound_settings() != espeak, installed);
        // Languages other than English never use the dictionaries.
        let mut french = Kokoro::new(&options("ff_siwis"));
        french.g2p = Ok(G2p::Lexicon);
        assert!(french.lexicon_dir().is_none());
    }
}

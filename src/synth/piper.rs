//! The Piper backend: Piper's neural voices (VITS models), run inside readcast through ONNX
//! Runtime. No Python, no child process.
//!
//! A voice is a model file `NAME.onnx` with its `NAME.onnx.json` beside it, in the data folder's
//! `piper/voices/` (where `scripts/install-voices.sh` puts `en_US-joe-medium`), or given by path
//! with `--voice`. The text is phonemized by espeak-ng in the voice's language, each phoneme
//! becomes the ids the voice's config lists, with a pad between phonemes as Piper does, and the
//! model returns audio at the voice's sample rate. The model is loaded once per process and
//! shared by the jobs (see [`super::onnx_runtime`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ort::value::Tensor;
use serde::Deserialize;

use super::onnx_runtime::{self, Model, RunError};
use super::{
    Backend, BackendOptions, EspeakLibError, LoadError, Problem, SpeechRequest, SynthError, Voice, espeak_phonemes,
    voice_data,
};
use crate::audio::Clip;
use crate::time::SampleRate;

const ENGINE: &str = "piper";
pub const DEFAULT_VOICE: &str = "en_US-joe-medium";
/// Punctuation passed to the model when the voice has ids for it (it shapes phrasing).
const PUNCTUATION: &str = ".,;:!?";
/// The phonemes of one model run at most; a longer segment is spoken in pieces cut at clause
/// punctuation. The model's working memory grows with the utterance and ONNX Runtime's arena
/// keeps the largest run's: whole long sentences took a render to 550 MB, pieces of 300 to 500 MB.
const MAX_PHONEMES: usize = 300;
/// Over this many seconds of audio per phoneme, the model has gone wrong.
const MAX_SECONDS_PER_PHONEME: f32 = 2.0;

/// The data folder's Piper voices.
pub fn voices_dir() -> Option<PathBuf> {
    voice_data::data_dir().map(|d| d.join("piper").join("voices"))
}

/// A voice given as a model path (`x.onnx`, or anything with a folder in it) rather than a name.
fn is_model_path(voice: &str) -> bool {
    voice.ends_with(".onnx") || voice.contains('/') || voice.contains(std::path::MAIN_SEPARATOR)
}

/// Whether the runtime and at least one voice are in place (a quick look, nothing loaded).
pub fn looks_installed() -> bool {
    onnx_runtime::runtime_present() && voices_dir().is_some_and(|d| !installed_voices(&d).is_empty())
}

/// `NAME.onnx.json`: what readcast needs of a Piper voice's config.
#[derive(Debug, Deserialize)]
struct VoiceConfig {
    audio: AudioConfig,
    espeak: EspeakConfig,
    #[serde(default)]
    inference: InferenceConfig,
    phoneme_id_map: HashMap<String, Vec<i64>>,
    #[serde(default)]
    num_speakers: u32,
    #[serde(default)]
    language: Option<LanguageConfig>,
}

#[derive(Debug, Deserialize)]
struct AudioConfig {
    sample_rate: u32,
}

#[derive(Debug, Deserialize)]
struct EspeakConfig {
    voice: String,
}

#[derive(Debug, Deserialize)]
struct LanguageConfig {
    code: String,
}

#[derive(Debug, Deserialize)]
struct InferenceConfig {
    noise_scale: f32,
    length_scale: f32,
    noise_w: f32,
}

impl Default for InferenceConfig {
    fn default() -> Self {
        InferenceConfig { noise_scale: 0.667, length_scale: 1.0, noise_w: 0.8 }
    }
}

impl VoiceConfig {
    fn load(path: &Path) -> Result<VoiceConfig, LoadError> {
        let text = std::fs::read_to_string(path).map_err(LoadError::read(path))?;
        let config: VoiceConfig =
            serde_json::from_str(&text).map_err(LoadError::not_json(path, "a Piper voice config"))?;
        if !(8_000..=96_000).contains(&config.audio.sample_rate) {
            return Err(LoadError::content(path, Problem::SampleRate(config.audio.sample_rate)));
        }
        for marker in ["_", "^", "$"] {
            if config.ids(marker).is_none() {
                return Err(LoadError::content(path, Problem::NoMarker(marker)));
            }
        }
        Ok(config)
    }

    fn ids(&self, symbol: &str) -> Option<&[i64]> {
        self.phoneme_id_map.get(symbol).map(Vec::as_slice).filter(|ids| !ids.is_empty())
    }

    fn id_of(&self, symbol: char) -> Option<&[i64]> {
        let mut buffer = [0u8; 4];
        self.ids(symbol.encode_utf8(&mut buffer))
    }

    /// Phonemes to ids: the start marker, each phoneme followed by the pad, the end marker.
    /// Phonemes the voice has no id for are skipped, as Piper does.
    fn phoneme_ids(&self, phonemes: &str) -> Vec<i64> {
        let pad = self.ids("_").unwrap_or(&[]);
        let mut ids = Vec::with_capacity(phonemes.len() * 2 + 4);
        ids.extend_from_slice(self.ids("^").unwrap_or(&[]));
        ids.extend_from_slice(pad);
        for phoneme in phonemes.chars() {
            if let Some(found) = self.id_of(phoneme) {
                ids.extend_from_slice(found);
                ids.extend_from_slice(pad);
            }
        }
        ids.extend_from_slice(self.ids("$").unwrap_or(&[]));
        ids
    }
}

/// Phonemize for Piper: espeak-ng's IPA for the words, the voice's punctuation kept between.
fn phonemize(text: &str, espeak_voice: &str) -> Result<String, EspeakLibError> {
    let mut out = String::with_capacity(text.len() * 2);
    let mut words = String::new();
    let flush = |words: &mut String, out: &mut String| -> Result<(), EspeakLibError> {
        if !words.trim().is_empty() {
            let ipa = espeak_phonemes::phonemize(espeak_voice, words)?;
            out.push_str(&strip_language_flags(&ipa));
        }
        words.clear();
        Ok(())
    };
    for c in text.chars() {
        if PUNCTUATION.contains(c) {
            flush(&mut words, &mut out)?;
            out.push(c);
            out.push(' ');
        } else {
            words.push(c);
        }
    }
    flush(&mut words, &mut out)?;
    Ok(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// espeak-ng marks a switch of language inside a clause as `(fr)`; the model knows no such thing.
fn strip_language_flags(ipa: &str) -> String {
    let mut out = String::with_capacity(ipa.len());
    let mut rest = ipa;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        match rest[open..].find(')') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn installed_voices(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut models: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "onnx") && config_path(p).is_file())
        .collect();
    models.sort();
    models
}

fn config_path(model: &Path) -> PathBuf {
    let mut config = model.as_os_str().to_os_string();
    config.push(".json");
    PathBuf::from(config)
}

struct Loaded {
    model: Model,
    config: VoiceConfig,
}

pub struct Piper {
    voice: String,
    rate: u32,
    /// The longest one model run may take (`--segment-timeout`).
    timeout: std::time::Duration,
    loaded: OnceLock<Result<Loaded, LoadError>>,
}

impl Piper {
    pub fn new(options: &BackendOptions) -> Self {
        Piper {
            voice: options.voice.clone().unwrap_or_else(|| DEFAULT_VOICE.to_string()),
            rate: options.rate,
            timeout: options.timeout,
            loaded: OnceLock::new(),
        }
    }

    fn not_installed(reason: impl std::fmt::Display) -> SynthError {
        SynthError::NotInstalled { engine: ENGINE.into(), hint: reason.to_string() }
    }

    /// The model file and its config for the chosen voice.
    pub fn model_files(&self) -> Result<(PathBuf, PathBuf), SynthError> {
        let model = if is_model_path(&self.voice) {
            PathBuf::from(&self.voice)
        } else {
            voices_dir()
                .ok_or_else(|| Self::not_installed(voice_data::DataFileError::NoDataDir))?
                .join(format!("{}.onnx", self.voice))
        };
        let config = config_path(&model);
        if !model.is_file() || !config.is_file() {
            let examples =
                self.voices().map(|v| v.into_iter().map(|v| v.name).collect::<Vec<_>>().join(", ")).unwrap_or_default();
            return Err(SynthError::UnknownVoice {
                engine: ENGINE.into(),
                voice: format!("{} (needs {} and its .json beside it)", self.voice, model.display()),
                examples: if examples.is_empty() {
                    format!("none installed; run {}", voice_data::INSTALL_COMMAND)
                } else {
                    examples
                },
            });
        }
        Ok((model, config))
    }

    fn load(&self) -> Result<Loaded, LoadError> {
        let (model_path, config_path) = self.model_files().map_err(|e| LoadError::Voice(e.to_string()))?;
        let config = VoiceConfig::load(&config_path)?;
        let model = Model::load(&model_path, None)?;
        Ok(Loaded { model, config })
    }

    fn loaded(&self) -> Result<&Loaded, SynthError> {
        self.loaded
            .get_or_init(|| self.load())
            .as_ref()
            .map_err(|reason| SynthError::Unusable { engine: ENGINE.into(), reason: reason.to_string() })
    }

    fn infer(&self, loaded: &Loaded, ids: Vec<i64>) -> Result<Vec<f32>, RunError> {
        let failed = |e: ort::Error| RunError::Failed(e.to_string());
        let inference = &loaded.config.inference;
        // Piper's speed is the length of each phoneme: a faster rate is a shorter length.
        let length_scale = inference.length_scale * 175.0 / self.rate as f32;
        let length = ids.len();
        let input = Tensor::from_array(([1usize, length], ids)).map_err(failed)?;
        let lengths = Tensor::from_array(([1usize], vec![length as i64])).map_err(failed)?;
        let scales = Tensor::from_array(([3usize], vec![inference.noise_scale, length_scale, inference.noise_w]))
            .map_err(failed)?;
        if loaded.config.num_speakers > 1 {
            let speaker = Tensor::from_array(([1usize], vec![0i64])).map_err(failed)?;
            let inputs =
                ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales, "sid" => speaker];
            loaded.model.run_audio(inputs, self.timeout)
        } else {
            let inputs = ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales];
            loaded.model.run_audio(inputs, self.timeout)
        }
    }
}

impl Backend for Piper {
    fn name(&self) -> &'static str {
        ENGINE
    }

    /// The model's content hash: a retrained or replaced model under the same voice name never
    /// reuses clips of the old one.
    fn sound_settings(&self) -> String {
        let hash = match self.loaded.get() {
            Some(Ok(loaded)) => loaded.model.sha256().to_string(),
            _ => {
                let Ok((model, _)) = self.model_files() else { return String::new() };
                voice_data::sha256_file(&model).unwrap_or_default()
            }
        };
        format!("model={hash}|phonemes=espeak-ng ipa v1")
    }

    /// Loads the voice, so a broken model or config is reported before the first segment, once.
    fn check(&self) -> Result<String, SynthError> {
        let (model, _) = self.model_files()?;
        let loaded = self.loaded()?;
        onnx_runtime::phonemes_work(ENGINE, phonemize("check", &loaded.config.espeak.voice))?;
        let runtime_name = onnx_runtime::runtime_name().map_err(Self::not_installed)?;
        let model_name = model.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(format!("{model_name} ({runtime_name})"))
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        let Some(dir) = voices_dir() else { return Ok(Vec::new()) };
        Ok(installed_voices(&dir)
            .into_iter()
            .filter_map(|model| {
                let name = model.file_stem()?.to_string_lossy().into_owned();
                let language = VoiceConfig::load(&config_path(&model))
                    .ok()
                    .map(|c| c.language.map_or(c.espeak.voice, |l| l.code))
                    .unwrap_or_else(|| "unknown".into());
                Some(Voice { name, language, gender: None })
            })
            .collect())
    }

    fn voice(&self) -> &str {
        &self.voice
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let loaded = self.loaded()?;
        let failed = |reason: String| SynthError::Failed {
            engine: ENGINE.into(),
            segment: request.segment_id.into(),
            status: "inference".into(),
            stderr: reason,
        };
        let phonemes = phonemize(request.text, &loaded.config.espeak.voice).map_err(|e| failed(e.to_string()))?;
        let samples = super::utterances::speak_in_pieces(
            &phonemes,
            MAX_PHONEMES,
            MAX_SECONDS_PER_PHONEME * loaded.config.audio.sample_rate as f32,
            |piece| {
                let ids = loaded.config.phoneme_ids(piece);
                self.infer(loaded, ids).map_err(|e| e.for_segment(ENGINE, request.segment_id, self.timeout))
            },
            failed,
        )?;
        Ok(Clip { sample_rate: SampleRate(loaded.config.audio.sample_rate), channels: 1, samples })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(json_map: &str) -> VoiceConfig {
        serde_json::from_str(&format!(
            r#"{{"audio": {{"sample_rate": 22050}}, "espeak": {{"voice": "en-us"}}, "phoneme_id_map": {json_map}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn phonemes_become_ids_with_pads_between() {
        let voice = config(r#"{"_": [0], "^": [1], "$": [2], "a": [14], "b": [15], " ": [3]}"#);
        assert_eq!(voice.phoneme_ids("ab a"), vec![1, 0, 14, 0, 15, 0, 3, 0, 14, 0, 2]);
        // Unknown phonemes are skipped, not sent as garbage.
        assert_eq!(voice.phoneme_ids("a☃"), vec![1, 0, 14, 0, 2]);
    }

    #[test]
    fn a_config_without_markers_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.onnx.json");
        std::fs::write(
            &path,
            r#"{"audio": {"sample_rate": 22050}, "espeak": {"voice": "en-us"}, "phoneme_id_map": {"a": [1]}}"#,
        )
        .unwrap();
        let error = VoiceConfig::load(&path).unwrap_err().to_string();
        assert_eq!(error, format!("{}: phoneme_id_map has no \"_\"", path.display()));
        std::fs::write(&path, "{}").unwrap();
        let error = VoiceConfig::load(&path).unwrap_err().to_string();
        assert!(error.starts_with(&format!("{} is not a Piper voice config: ", path.display())), "{error}");
    }

    #[test]
    fn language_switch_flags_are_dropped() {
        assert_eq!(strip_language_flags("ðə (fr)ʃɑːtoʊ(en) ɪz"), "ðə ʃɑːtoʊ ɪz");
        assert_eq!(strip_language_flags("no flags"), "no flags");
    }

    #[test]
    fn voices_are_names_or_model_paths() {
        assert!(!is_model_path("en_US-joe-medium"));
        assert!(is_model_path("voices/en_US-lessac-high.onnx"));
        assert!(is_model_path("my.onnx"));
    }

    #[test]
    fn punctuation_reaches_the_phonemes() {
        let Ok(ps) = phonemize("Hello, world.", "en-us") else {
            eprintln!("skipped: libespeak-ng is not installed");
            return;
        };
        assert!(ps.contains(", ") && ps.ends_with('.'), "{ps}");
    }
}

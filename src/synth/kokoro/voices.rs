//! Kokoro's voices: what each is (language, gender), its style vectors, and blends of several.
//!
//! A voice file holds 510 style vectors of 256 floats (raw little-endian f32); the row used for
//! an utterance is picked by its length in tokens. A blend (`af_heart:0.6,af_bella:0.4`) is the
//! weighted mean of the voices' files, row by row, which is what the Kokoro tools users know do.
//! The first two letters of a voice name say its language and gender (`af_` American female,
//! `bm_` British male, `ff_` French female ...).

use std::path::{Path, PathBuf};

use crate::synth::LoadError;

/// Rows of style vectors in a voice file: one per utterance length in tokens.
pub const STYLE_ROWS: usize = 510;
/// Floats in one style vector.
pub const STYLE_WIDTH: usize = 256;
const FILE_BYTES: u64 = (STYLE_ROWS * STYLE_WIDTH * 4) as u64;

/// A language Kokoro speaks through espeak-ng phonemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoiceLanguage {
    /// The letter voice names start with.
    pub prefix: char,
    /// The language's tag, as `readcast voices` shows it.
    pub tag: &'static str,
    /// The espeak-ng voice that phonemizes it.
    pub espeak_voice: &'static str,
}

/// Kokoro v1.0's languages that espeak-ng phonemizes as the model was trained. Japanese (`j`)
/// and Chinese (`z`) voices need their own phonemizers and are not offered yet.
pub const LANGUAGES: &[VoiceLanguage] = &[
    VoiceLanguage { prefix: 'a', tag: "en-US", espeak_voice: "en-us" },
    VoiceLanguage { prefix: 'b', tag: "en-GB", espeak_voice: "en-gb-x-rp" },
    VoiceLanguage { prefix: 'e', tag: "es", espeak_voice: "es" },
    VoiceLanguage { prefix: 'f', tag: "fr-FR", espeak_voice: "fr" },
    VoiceLanguage { prefix: 'h', tag: "hi", espeak_voice: "hi" },
    VoiceLanguage { prefix: 'i', tag: "it", espeak_voice: "it" },
    VoiceLanguage { prefix: 'p', tag: "pt-BR", espeak_voice: "pt-br" },
];

/// The language of a voice, from its first letter.
pub fn language_of(name: &str) -> Option<&'static VoiceLanguage> {
    let prefix = name.chars().next()?;
    LANGUAGES.iter().find(|l| l.prefix == prefix)
}

/// The gender of a voice, from its second letter.
pub fn gender_of(name: &str) -> Option<&'static str> {
    match name.chars().nth(1) {
        Some('f') => Some("female"),
        Some('m') => Some("male"),
        _ => None,
    }
}

/// One part of a blend.
#[derive(Debug, Clone, PartialEq)]
pub struct BlendPart {
    pub voice: String,
    pub weight: f32,
}

/// Why a `--voice` value is not a voice or a blend.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BlendError {
    #[error("the voice blend {spec:?}: {part:?} is not NAME or NAME:WEIGHT with a number for WEIGHT")]
    BadPart { spec: String, part: String },
    #[error("the voice blend {spec:?}: weights must not be negative")]
    NegativeWeight { spec: String },
    #[error("the voice blend {spec:?}: the weights sum to zero")]
    ZeroSum { spec: String },
    #[error("the voice blend {spec:?} mixes languages; blend voices of one language")]
    MixedLanguages { spec: String },
}

/// Parse `NAME[:WEIGHT][,NAME[:WEIGHT]...]`; weights are normalized to sum to one.
pub fn parse_blend(spec: &str) -> Result<Vec<BlendPart>, BlendError> {
    let mut parts = Vec::new();
    for raw in spec.split(',') {
        let raw = raw.trim();
        let bad = || BlendError::BadPart { spec: spec.to_string(), part: raw.to_string() };
        let (voice, weight) = match raw.split_once(':') {
            Some((voice, weight)) => (voice.trim(), weight.trim().parse::<f32>().map_err(|_| bad())?),
            None => (raw, 1.0),
        };
        let valid_name = !voice.is_empty() && voice.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid_name || !weight.is_finite() {
            return Err(bad());
        }
        if weight < 0.0 {
            return Err(BlendError::NegativeWeight { spec: spec.to_string() });
        }
        parts.push(BlendPart { voice: voice.to_string(), weight });
    }
    let sum: f32 = parts.iter().map(|p| p.weight).sum();
    if sum <= 0.0 {
        return Err(BlendError::ZeroSum { spec: spec.to_string() });
    }
    for part in &mut parts {
        part.weight /= sum;
    }
    let first = parts.first().and_then(|p| language_of(&p.voice)).map(|l| l.prefix);
    if parts.iter().any(|p| language_of(&p.voice).map(|l| l.prefix) != first) {
        return Err(BlendError::MixedLanguages { spec: spec.to_string() });
    }
    Ok(parts)
}

/// The blend written back in one canonical form, for manifests and cache keys.
pub fn canonical(parts: &[BlendPart]) -> String {
    match parts {
        [single] => single.voice.clone(),
        _ => parts.iter().map(|p| format!("{}:{:.3}", p.voice, p.weight)).collect::<Vec<_>>().join(","),
    }
}

/// A voice file's path in the voices folder.
pub fn voice_file(voices_dir: &Path, name: &str) -> PathBuf {
    voices_dir.join(format!("{name}.bin"))
}

/// The names of the installed voices Kokoro can speak, sorted.
pub fn installed(voices_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(voices_dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .filter(|name| language_of(name).is_some())
        .collect();
    names.sort();
    names
}

/// Style vectors: `STYLE_ROWS` rows of `STYLE_WIDTH` floats.
#[derive(Debug)]
pub struct Styles(Vec<f32>);

impl Styles {
    /// Read and mix the blend's voice files.
    pub fn load(voices_dir: &Path, parts: &[BlendPart]) -> Result<Styles, LoadError> {
        let mut mixed = vec![0f32; STYLE_ROWS * STYLE_WIDTH];
        for part in parts {
            let path = voice_file(voices_dir, &part.voice);
            let bytes = std::fs::read(&path).map_err(LoadError::read(&path))?;
            if bytes.len() as u64 != FILE_BYTES {
                return Err(LoadError::Size { path, found: bytes.len() as u64, expected: FILE_BYTES });
            }
            for (slot, chunk) in mixed.iter_mut().zip(bytes.chunks_exact(4)) {
                *slot += part.weight * f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            }
        }
        if mixed.iter().any(|v| !v.is_finite()) {
            return Err(LoadError::NotNumbers { voice: canonical(parts) });
        }
        Ok(Styles(mixed))
    }

    /// The style vector for an utterance of `tokens` phoneme tokens.
    pub fn for_length(&self, tokens: usize) -> &[f32] {
        let row = tokens.saturating_sub(1).min(STYLE_ROWS - 1);
        &self.0[row * STYLE_WIDTH..(row + 1) * STYLE_WIDTH]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blends_parse_and_normalize() {
        let parts = parse_blend("af_heart:0.6, af_bella:0.2").unwrap();
        assert_eq!(parts.len(), 2);
        assert!((parts[0].weight - 0.75).abs() < 1e-6 && (parts[1].weight - 0.25).abs() < 1e-6);
        assert_eq!(canonical(&parts), "af_heart:0.750,af_bella:0.250");
        assert_eq!(canonical(&parse_blend("af_heart").unwrap()), "af_heart");
        assert_eq!(parse_blend("af_heart,af_sky").unwrap()[1].weight, 0.5);
    }

    #[test]
    fn bad_blends_say_why() {
        assert!(matches!(parse_blend("af_heart:x"), Err(BlendError::BadPart { .. })));
        assert!(matches!(parse_blend("af_heart:0,af_bella:0"), Err(BlendError::ZeroSum { .. })));
        assert!(matches!(parse_blend("af_heart:-1,af_bella:2"), Err(BlendError::NegativeWeight { .. })));
        assert!(matches!(parse_blend("af_heart:nan"), Err(BlendError::BadPart { .. })));
        assert!(matches!(parse_blend("af_heart,ff_siwis"), Err(BlendError::MixedLanguages { .. })));
        assert!(matches!(parse_blend("af_heart,,"), Err(BlendError::BadPart { .. })));
    }

    #[test]
    fn names_say_language_and_gender() {
        assert_eq!(language_of("bf_emma").map(|l| l.tag), Some("en-GB"));
        assert_eq!(gender_of("am_michael"), Some("male"));
        assert_eq!(gender_of("ff_siwis"), Some("female"));
        assert!(language_of("jf_alpha").is_none());
    }

    #[test]
    fn the_style_row_follows_the_length() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = Vec::new();
        for row in 0..STYLE_ROWS {
            for _ in 0..STYLE_WIDTH {
                bytes.extend_from_slice(&(row as f32).to_le_bytes());
            }
        }
        std::fs::write(dir.path().join("af_a.bin"), &bytes).unwrap();
        std::fs::write(dir.path().join("af_b.bin"), vec![0u8; bytes.len()]).unwrap();
        let styles = Styles::load(dir.path(), &parse_blend("af_a:3,af_b:1").unwrap()).unwrap();
        assert_eq!(styles.for_length(11)[0], 10.0 * 0.75);
        assert_eq!(styles.for_length(5000)[255], 509.0 * 0.75);
        std::fs::write(dir.path().join("af_c.bin"), &bytes[..100]).unwrap();
        let error = Styles::load(dir.path(), &parse_blend("af_c").unwrap()).unwrap_err().to_string();
        assert!(
            error.ends_with(&format!("af_c.bin is 100 bytes, not {FILE_BYTES}; run scripts/install-voices.sh --force")),
            "{error}"
        );
    }
}

//! Kokoro's phoneme vocabulary (`vocab.json`, 114 symbols) and utterances that fit the model.
//!
//! The model reads at most [`MAX_TOKENS`] phonemes at once (512 positions, two of them the pad
//! that opens and closes every utterance); `synth::utterances` cuts longer ones.

use std::collections::HashMap;
use std::path::Path;

use crate::synth::{LoadError, Problem};

/// Phoneme tokens in one utterance, not counting the two pads.
pub const MAX_TOKENS: usize = 510;
/// The pad token that opens and closes an utterance.
pub const PAD: i64 = 0;

/// Phoneme symbol to token id.
pub struct Vocab(HashMap<char, i64>);

impl Vocab {
    /// Read `vocab.json` (`{"vocab": {"a": 43, ...}}`).
    pub fn load(path: &Path) -> Result<Vocab, LoadError> {
        let text = std::fs::read_to_string(path).map_err(LoadError::read(path))?;
        Vocab::parse(&text, path)
    }

    /// Parse the text of `vocab.json`; `path` names it in errors.
    fn parse(text: &str, path: &Path) -> Result<Vocab, LoadError> {
        #[derive(serde::Deserialize)]
        struct File {
            vocab: HashMap<String, i64>,
        }
        let file: File = serde_json::from_str(text).map_err(LoadError::not_json(path, "Kokoro's vocabulary"))?;
        let mut map = HashMap::new();
        for (symbol, id) in file.vocab {
            let mut chars = symbol.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => map.insert(c, id),
                _ => return Err(LoadError::content(path, Problem::LongSymbol(symbol))),
            };
        }
        if map.len() < 50 {
            return Err(LoadError::content(path, Problem::FewSymbols(map.len())));
        }
        Ok(Vocab(map))
    }

    /// The phonemes' token ids; symbols outside the vocabulary are skipped.
    pub fn tokens(&self, phonemes: &str) -> Vec<i64> {
        phonemes.chars().filter_map(|c| self.0.get(&c).copied()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_maps_symbols_and_skips_strangers() {
        let mut json = String::from("{\"vocab\": {");
        for (i, c) in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.".chars().enumerate() {
            json.push_str(&format!("\"{c}\": {},", i + 1));
        }
        json.push_str("\"ɹ\": 123}}");
        let path = Path::new("vocab.json");
        let vocab = Vocab::parse(&json, path).unwrap();
        assert_eq!(vocab.tokens("aɹ☃b"), vec![1, 123, 2]);
        let error = |json: &str| Vocab::parse(json, path).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(error("{\"vocab\": {\"ab\": 1}}"), "vocab.json: the symbol \"ab\" is not one character");
        assert_eq!(error("{\"vocab\": {\"a\": 1}}"), "vocab.json: only 1 symbols; not Kokoro's vocabulary");
        assert!(error("[1]").starts_with("vocab.json is not Kokoro's vocabulary: "));
    }
}

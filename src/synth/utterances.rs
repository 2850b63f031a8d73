//! Speaking a segment's phonemes as one model run or several, for the in-process engines.
//!
//! A model's memory grows with the length of a run, and a model has a longest input, so Kokoro
//! and Piper cut long phoneme strings at clause punctuation ([`fit`]) and join the audio. Each
//! run is checked (a signal stops the loop; audio far longer than its phonemes means the model
//! went wrong), the same way for both engines.

use super::SynthError;

/// Cut phonemes into pieces of at most `limit` characters: at clause punctuation when it can, else
/// at the last space, else anywhere.
pub fn fit(phonemes: &str, limit: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest: Vec<char> = phonemes.chars().collect();
    while rest.len() > limit {
        let window = &rest[..limit];
        let clause_end = window.iter().rposition(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '—' | '…'));
        let space = window.iter().rposition(|c| *c == ' ');
        let cut = match (clause_end, space) {
            (Some(at), _) if at > limit / 4 => at + 1,
            (_, Some(at)) if at > 0 => at,
            _ => limit,
        };
        let piece: String = rest[..cut].iter().collect();
        pieces.push(piece.trim().to_string());
        rest.drain(..cut);
    }
    let last: String = rest.iter().collect();
    if !last.trim().is_empty() {
        pieces.push(last.trim().to_string());
    }
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Speak `phonemes` in pieces of at most `limit`, `run` turning one piece into audio, and join the
/// audio. More than `max_samples_per_phoneme` samples for a piece is the model gone wrong:
/// `failed` makes that the segment's error.
pub fn speak_in_pieces(
    phonemes: &str,
    limit: usize,
    max_samples_per_phoneme: f32,
    mut run: impl FnMut(&str) -> Result<Vec<f32>, SynthError>,
    failed: impl Fn(String) -> SynthError,
) -> Result<Vec<f32>, SynthError> {
    let mut samples = Vec::new();
    for piece in fit(phonemes, limit) {
        if let Some(signal) = crate::cancel::requested() {
            return Err(SynthError::Interrupted { signal });
        }
        let audio = run(&piece)?;
        let count = piece.chars().count();
        if audio.len() as f32 > count as f32 * max_samples_per_phoneme {
            return Err(failed(format!("{} samples for {count} phonemes", audio.len())));
        }
        samples.extend_from_slice(&audio);
    }
    Ok(samples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_phonemes_are_cut_at_clauses_then_words() {
        let clause = "ab cd ef, ";
        let long = clause.repeat(60);
        let pieces = fit(&long, 100);
        assert!(pieces.iter().all(|p| p.chars().count() <= 100));
        assert!(pieces.iter().all(|p| p.ends_with(',')), "{pieces:?}");
        assert_eq!(pieces.join(" ").split_whitespace().count(), long.split_whitespace().count());
        let words = "abcdefg ".repeat(40);
        assert!(fit(&words, 50).iter().all(|p| !p.contains("  ") && p.chars().count() <= 50));
        assert_eq!(fit(&"x".repeat(120), 50).len(), 3);
        assert_eq!(fit("short", 50), vec!["short".to_string()]);
    }

    #[test]
    fn pieces_are_joined_and_runaway_audio_is_refused() {
        let failed = |reason: String| SynthError::BadAudio { engine: "t".into(), segment: "s".into(), reason };
        let joined = speak_in_pieces("ab, cd", 3, 10.0, |p| Ok(vec![0.5; p.len()]), failed).unwrap();
        assert_eq!(joined.len(), 5);
        let runaway = speak_in_pieces("ab", 10, 10.0, |_| Ok(vec![0.0; 100]), failed).unwrap_err();
        assert!(runaway.to_string().contains("100 samples for 2 phonemes"), "{runaway}");
    }
}

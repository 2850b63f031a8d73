//! The on-disk form of one cached clip, with a checksum so damage is detected on read.
//!
//! Layout (little-endian): magic `RCCLIP1\n`, sample rate (u32), channels (u16), reserved (u16),
//! sample count (u64), SHA-256 of the sample bytes (32 bytes), then the samples as i16. Engines
//! produce 16-bit audio, so storing i16 is lossless for them and half the size of f32.

use sha2::{Digest, Sha256};

use crate::audio::Clip;
use crate::time::SampleRate;

const MAGIC: &[u8; 8] = b"RCCLIP1\n";
const HEADER_LEN: usize = 8 + 4 + 2 + 2 + 8 + 32;
/// No cached clip is longer than this (about 20 minutes at 48 kHz stereo); larger is damage.
const MAX_SAMPLES: u64 = 48_000 * 2 * 60 * 20;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EntryError {
    #[error("not a cache entry")]
    BadMagic,
    #[error("truncated: {found} bytes, expected {expected}")]
    Truncated { found: usize, expected: usize },
    #[error("checksum mismatch")]
    Checksum,
    #[error("implausible header")]
    BadHeader,
}

fn to_i16(sample: f32) -> i16 {
    (sample * 32_768.0).round().clamp(-32_768.0, 32_767.0) as i16
}

pub fn encode_clip(clip: &Clip) -> Vec<u8> {
    // One buffer, the checksum filled in last: a long clip is not held twice while it is stored.
    let mut out = Vec::with_capacity(HEADER_LEN + clip.samples.len() * 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&clip.sample_rate.0.to_le_bytes());
    out.extend_from_slice(&clip.channels.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(clip.samples.len() as u64).to_le_bytes());
    out.extend_from_slice(&[0u8; 32]);
    for &s in &clip.samples {
        out.extend_from_slice(&to_i16(s).to_le_bytes());
    }
    let digest = Sha256::digest(&out[HEADER_LEN..]);
    out[24..HEADER_LEN].copy_from_slice(&digest);
    out
}

pub fn decode_clip(bytes: &[u8]) -> Result<Clip, EntryError> {
    if bytes.len() < HEADER_LEN {
        return Err(EntryError::Truncated { found: bytes.len(), expected: HEADER_LEN });
    }
    if &bytes[..8] != MAGIC {
        return Err(EntryError::BadMagic);
    }
    let u32_at = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let rate = u32_at(8);
    let channels = u16::from_le_bytes([bytes[12], bytes[13]]);
    let mut count_bytes = [0u8; 8];
    count_bytes.copy_from_slice(&bytes[16..24]);
    let count = u64::from_le_bytes(count_bytes);
    if rate == 0 || channels == 0 || count > MAX_SAMPLES {
        return Err(EntryError::BadHeader);
    }
    let expected = HEADER_LEN + count as usize * 2;
    if bytes.len() != expected {
        return Err(EntryError::Truncated { found: bytes.len(), expected });
    }
    let payload = &bytes[HEADER_LEN..];
    if Sha256::digest(payload).as_slice() != &bytes[24..56] {
        return Err(EntryError::Checksum);
    }
    let samples = payload.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]]) as f32 / 32_768.0).collect();
    Ok(Clip { sample_rate: SampleRate(rate), channels, samples })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clip() -> Clip {
        Clip { sample_rate: SampleRate(22_050), channels: 1, samples: vec![0.0, 0.5, -0.25, -1.0, 0.999] }
    }

    #[test]
    fn round_trip_is_exact_for_16_bit_audio() {
        let decoded = decode_clip(&encode_clip(&clip())).unwrap();
        assert_eq!(decoded.sample_rate, SampleRate(22_050));
        for (a, b) in decoded.samples.iter().zip(&clip().samples) {
            assert!((a - b).abs() <= 1.0 / 32_768.0);
        }
        let again = encode_clip(&decoded);
        assert_eq!(decode_clip(&again).unwrap(), decoded);
    }

    #[test]
    fn damage_is_detected() {
        let bytes = encode_clip(&clip());
        assert!(matches!(decode_clip(&bytes[..bytes.len() - 1]), Err(EntryError::Truncated { .. })));
        assert!(matches!(decode_clip(&bytes[..20]), Err(EntryError::Truncated { .. })));
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x40;
        assert_eq!(decode_clip(&flipped), Err(EntryError::Checksum));
        let mut wrong = bytes;
        wrong[0] = b'X';
        assert_eq!(decode_clip(&wrong), Err(EntryError::BadMagic));
    }
}

//! The two readers of clips from bytes: an engine's WAV output (through hound, with the header
//! repair for flite's 8 kHz voices) and a segment-cache entry. Arbitrary bytes give a clip or an
//! error, never a panic; a clip is never empty, and a cache entry read back encodes to its bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readcast::cache::{decode_clip, encode_clip};
use readcast::synth::wav_clip_from_bytes;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(clip) = wav_clip_from_bytes(bytes, "engine", "s1") {
        assert!(clip.channels > 0 && clip.sample_rate.0 > 0 && !clip.samples.is_empty());
    }
    if let Ok(clip) = decode_clip(bytes) {
        assert!(clip.channels > 0 && clip.sample_rate.0 > 0);
        let mut encoded = encode_clip(&clip);
        // Bytes 14..16 are reserved: written as zero, not read.
        encoded[14..16].copy_from_slice(&bytes[14..16]);
        assert_eq!(encoded, bytes);
    }
});

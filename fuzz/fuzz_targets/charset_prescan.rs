//! The `<meta>` charset prescan on arbitrary bytes: never a panic, never a loop without end, the
//! notes it keeps bounded, and nothing past the first `PRESCAN_BYTES` bytes counts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readcast::ingest::{PRESCAN_BYTES, prescan};

fuzz_target!(|bytes: &[u8]| {
    let found = prescan(bytes);
    assert!(found.unknown.len() <= 4, "{:?}", found.unknown);
    for label in &found.unknown {
        assert!(label.chars().count() <= 40 && !label.chars().any(char::is_control), "{label:?}");
    }
    if bytes.len() > PRESCAN_BYTES {
        assert_eq!(prescan(&bytes[..PRESCAN_BYTES]), found);
    }
});

//! Text to IPA phonemes with libespeak-ng, inside the readcast process.
//!
//! Kokoro and Piper voices are trained on espeak-ng's IPA, so both in-process engines ask the
//! same library for it (`espeak_TextToPhonemes`). The library keeps one global state (the voice,
//! its dictionaries), so the process holds one instance behind a lock; phonemizing a sentence
//! takes well under a millisecond, next to the tens of milliseconds of inference that follow.
//!
//! `espeak_TextToPhonemes` drops punctuation, and the models need it for phrasing and pitch, so
//! callers split text at punctuation first and phonemize only the runs of words between.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::sync::Mutex;

use super::espeak_lib::{EspeakLibError, load_library, symbol};

/// `AUDIO_OUTPUT_SYNCHRONOUS`: no audio thread; only the phoneme translator is used.
const AUDIO_OUTPUT_SYNCHRONOUS: c_int = 2;
/// `espeakINITIALIZE_DONT_EXIT`: report errors instead of exiting the process.
const INITIALIZE_DONT_EXIT: c_int = 0x8000;
const CHARS_UTF8: c_int = 1;
/// `phonememode` bit 1: IPA as UTF-8, no separators between phonemes.
const PHONEMES_IPA: c_int = 0x02;
/// `phonememode` bit 7: bits 8-23 hold a character to tie the letters of one phoneme (`e^ɪ`).
const PHONEMES_TIE: c_int = 0x80;
const EE_OK: c_int = 0;
/// The longest text phonemized in one call; callers hand in a sentence or a clause.
const MAX_TEXT_BYTES: usize = 64 * 1024;

type InitializeFn = unsafe extern "C" fn(c_int, c_int, *const c_char, c_int) -> c_int;
type SetVoiceFn = unsafe extern "C" fn(*const c_char) -> c_int;
type TextToPhonemesFn = unsafe extern "C" fn(*mut *const c_void, c_int, c_int) -> *const c_char;

struct Loaded {
    set_voice: SetVoiceFn,
    text_to_phonemes: TextToPhonemesFn,
    /// The voice (language) last selected, so a run in one language selects it once.
    voice: String,
    // Last: the function pointers above point into the library.
    _library: libloading::Library,
}

/// The process's one phonemizer; `None` until first used, `Err` when the library cannot load.
static PHONEMIZER: Mutex<Option<Result<Loaded, EspeakLibError>>> = Mutex::new(None);

fn load() -> Result<Loaded, EspeakLibError> {
    let library = load_library()?;
    // SAFETY: the signatures match speak_lib.h of espeak-ng 1.49 and later.
    unsafe {
        let initialize: InitializeFn = symbol(&library, "espeak_Initialize\0")?;
        let set_voice: SetVoiceFn = symbol(&library, "espeak_SetVoiceByName\0")?;
        let text_to_phonemes: TextToPhonemesFn = symbol(&library, "espeak_TextToPhonemes\0")?;
        if initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, std::ptr::null(), INITIALIZE_DONT_EXIT) <= 0 {
            return Err(EspeakLibError::Initialize);
        }
        Ok(Loaded { set_voice, text_to_phonemes, voice: String::new(), _library: library })
    }
}

/// Phonemize `text` (words, no punctuation needed) in the espeak-ng voice `voice` (`en-us`,
/// `en-gb`, `fr` ...: the names of the files in espeak-ng's `voices/`, which `espeak-ng --voices`
/// shows in its File column). Clauses espeak-ng finds inside are joined with a space.
pub fn phonemize(voice: &str, text: &str) -> Result<String, EspeakLibError> {
    phonemize_with_mode(voice, text, PHONEMES_IPA)
}

/// As [`phonemize`], with `tie` between the letters of a multi-letter phoneme (`t^ʃ`), so a
/// caller can map whole phonemes onto another symbol set.
pub fn phonemize_tied(voice: &str, text: &str) -> Result<String, EspeakLibError> {
    phonemize_with_mode(voice, text, PHONEMES_IPA | PHONEMES_TIE | (('^' as c_int) << 8))
}

fn phonemize_with_mode(voice: &str, text: &str, mode: c_int) -> Result<String, EspeakLibError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(EspeakLibError::TooLong(text.len()));
    }
    let mut guard = PHONEMIZER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let loaded = match guard.get_or_insert_with(load) {
        Ok(loaded) => loaded,
        Err(reason) => return Err(reason.clone()),
    };
    if loaded.voice != voice {
        let voice_c = CString::new(voice).map_err(|_| EspeakLibError::NulInVoice)?;
        // SAFETY: a valid NUL-terminated string; the library is initialized.
        if unsafe { (loaded.set_voice)(voice_c.as_ptr()) } != EE_OK {
            return Err(EspeakLibError::NoVoice(voice.to_string()));
        }
        loaded.voice = voice.to_string();
    }
    let text_c = CString::new(text.replace('\0', " ")).map_err(|_| EspeakLibError::NulInText)?;
    let mut clauses: Vec<String> = Vec::new();
    let mut cursor: *const c_void = text_c.as_ptr().cast();
    // Each call translates one clause and moves `cursor` past it; NULL means the text is done.
    // The bound only guards against a library that never advances.
    for _ in 0..=text.len() {
        if cursor.is_null() {
            break;
        }
        // SAFETY: `cursor` points into `text_c`, which outlives the loop; the returned string is
        // the library's own buffer, valid until the next call, and copied at once.
        let phonemes = unsafe {
            let out = (loaded.text_to_phonemes)(&mut cursor, CHARS_UTF8, mode);
            if out.is_null() { String::new() } else { CStr::from_ptr(out).to_string_lossy().into_owned() }
        };
        let phonemes = phonemes.trim();
        if !phonemes.is_empty() {
            clauses.push(phonemes.to_string());
        }
    }
    Ok(clauses.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_become_ipa_with_stress() {
        let Ok(ipa) = phonemize("en-us", "hello world") else {
            eprintln!("skipped: libespeak-ng is not installed");
            return;
        };
        assert!(ipa.contains('ˈ'), "{ipa}");
        assert!(ipa.starts_with("həl"), "{ipa}");
        assert!(ipa.contains(' '), "two words keep their space: {ipa}");
        // Switching the language switches the rules: French "bonjour" has a uvular r.
        let french = phonemize("fr", "bonjour").unwrap_or_default();
        assert!(french.contains('ʁ'), "{french}");
        assert!(phonemize("no-such-voice", "x").is_err());
        assert_eq!(phonemize("en-us", "").unwrap_or_default(), "");
        let tied = phonemize_tied("en-us", "day").unwrap_or_default();
        assert!(tied.contains("e^ɪ"), "{tied}");
    }
}

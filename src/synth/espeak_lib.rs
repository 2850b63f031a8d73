//! libespeak-ng, loaded at run time with libloading.
//!
//! Loading the library (rather than linking it) keeps it optional: readcast builds without
//! espeak-ng's development files and still runs where only the `espeak-ng` program exists, or
//! with no espeak-ng at all for other engines. The library keeps global state, so one process
//! holds one instance; parallel synthesis uses several worker processes (see `espeak_workers`).

use std::cell::RefCell;
use std::ffi::{CString, c_char, c_int, c_short, c_uint, c_void};
use std::sync::Arc;

/// Names the shared library goes by on Linux and macOS.
const LIBRARY_NAMES: &[&str] = &["libespeak-ng.so.1", "libespeak-ng.so", "libespeak-ng.1.dylib", "libespeak-ng.dylib"];
/// `AUDIO_OUTPUT_SYNCHRONOUS`: the callback receives audio inside `espeak_Synth`.
const AUDIO_OUTPUT_SYNCHRONOUS: c_int = 2;
/// `espeakINITIALIZE_DONT_EXIT`: report errors instead of exiting the process.
const INITIALIZE_DONT_EXIT: c_int = 0x8000;
const ESPEAK_RATE: c_int = 1;
const POS_CHARACTER: c_int = 1;
const CHARS_UTF8: c_uint = 1;
const EE_OK: c_int = 0;
/// No clip may grow past this many samples (30 minutes at 22.05 kHz); the callback aborts.
const MAX_SAMPLES: usize = 22_050 * 60 * 30;

type SynthCallback = extern "C" fn(*mut c_short, c_int, *mut c_void) -> c_int;
type InitializeFn = unsafe extern "C" fn(c_int, c_int, *const c_char, c_int) -> c_int;
type SetCallbackFn = unsafe extern "C" fn(SynthCallback);
type SetParameterFn = unsafe extern "C" fn(c_int, c_int, c_int) -> c_int;
type SetVoiceFn = unsafe extern "C" fn(*const c_char) -> c_int;
type SynthFn =
    unsafe extern "C" fn(*const c_void, usize, c_uint, c_int, c_uint, c_uint, *mut c_uint, *mut c_void) -> c_int;
type SynchronizeFn = unsafe extern "C" fn() -> c_int;

thread_local! {
    /// Audio of the segment being spoken; the callback runs on the thread that called Synth.
    static SAMPLES: RefCell<Vec<i16>> = const { RefCell::new(Vec::new()) };
}

extern "C" fn collect_samples(wav: *mut c_short, count: c_int, _events: *mut c_void) -> c_int {
    if wav.is_null() || count <= 0 {
        return 0;
    }
    // SAFETY: espeak-ng passes `count` valid samples at `wav` for the duration of this call.
    let chunk = unsafe { std::slice::from_raw_parts(wav, count as usize) };
    SAMPLES.with(|samples| {
        let mut samples = samples.borrow_mut();
        if samples.len() + chunk.len() > MAX_SAMPLES {
            return 1;
        }
        samples.extend_from_slice(chunk);
        0
    })
}

/// What went wrong loading or calling libespeak-ng. Clone, because the in-process phonemizer
/// keeps a failed load and answers every later call with it.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EspeakLibError {
    #[error("libespeak-ng is not installed")]
    NotInstalled,
    /// The library's own reason (in the message: engines pass it on as text).
    #[error("libespeak-ng has no {symbol} ({reason})")]
    MissingSymbol { symbol: &'static str, reason: Arc<libloading::Error> },
    #[error("espeak_Initialize failed (is espeak-ng-data installed?)")]
    Initialize,
    #[error("espeak-ng has no voice '{0}'")]
    NoVoice(String),
    #[error("espeak-ng refused the rate {0}")]
    Rate(u32),
    #[error("the voice name holds a NUL byte")]
    NulInVoice,
    #[error("text holds a NUL byte")]
    NulInText,
    #[error("{0} bytes is too long to phonemize at once")]
    TooLong(usize),
    #[error("espeak_Synth failed with status {0}")]
    Synth(c_int),
}

/// The function `symbol` (NUL-terminated) of `library`, typed as `T`.
///
/// # Safety
/// `T` must be the function's true signature.
pub unsafe fn symbol<T: Copy>(library: &libloading::Library, symbol: &'static str) -> Result<T, EspeakLibError> {
    // SAFETY: the caller vouches for the signature.
    let found = unsafe { library.get::<T>(symbol.as_bytes()) };
    found.map(|f| *f).map_err(|reason| EspeakLibError::MissingSymbol {
        symbol: symbol.trim_end_matches('\0'),
        reason: Arc::new(reason),
    })
}

/// Load libespeak-ng under whichever of its names this system has.
pub fn load_library() -> Result<libloading::Library, EspeakLibError> {
    LIBRARY_NAMES
        .iter()
        // SAFETY: loading libespeak-ng runs only its own initializers, which have no
        // preconditions.
        .find_map(|name| unsafe { libloading::Library::new(*name) }.ok())
        .ok_or(EspeakLibError::NotInstalled)
}

/// An initialized libespeak-ng with a voice and rate set.
///
/// Unlike a fresh `espeak-ng` process, a long-lived instance carries a little state from one
/// utterance to the next (a few samples of length, inaudible), so the same sentence spoken twice
/// is not always bit-identical. The segment cache is what makes re-renders identical.
pub struct EspeakLibrary {
    // Field order matters: the function pointers below point into the library, which must stay
    // loaded for as long as they exist.
    synth: SynthFn,
    synchronize: SynchronizeFn,
    sample_rate: u32,
    _library: libloading::Library,
}

impl EspeakLibrary {
    /// Load the library, initialize it, and select the voice and rate.
    pub fn open(voice: &str, rate: u32) -> Result<EspeakLibrary, EspeakLibError> {
        let library = load_library()?;
        // SAFETY: the signatures match speak_lib.h of espeak-ng 1.49 and later.
        unsafe {
            let initialize: InitializeFn = symbol(&library, "espeak_Initialize\0")?;
            let set_callback: SetCallbackFn = symbol(&library, "espeak_SetSynthCallback\0")?;
            let set_parameter: SetParameterFn = symbol(&library, "espeak_SetParameter\0")?;
            let set_voice: SetVoiceFn = symbol(&library, "espeak_SetVoiceByName\0")?;
            let synth: SynthFn = symbol(&library, "espeak_Synth\0")?;
            let synchronize: SynchronizeFn = symbol(&library, "espeak_Synchronize\0")?;

            let sample_rate = initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, std::ptr::null(), INITIALIZE_DONT_EXIT);
            if sample_rate <= 0 {
                return Err(EspeakLibError::Initialize);
            }
            set_callback(collect_samples);
            let voice_c = CString::new(voice).map_err(|_| EspeakLibError::NulInVoice)?;
            if set_voice(voice_c.as_ptr()) != EE_OK {
                return Err(EspeakLibError::NoVoice(voice.to_string()));
            }
            if set_parameter(ESPEAK_RATE, rate as c_int, 0) != EE_OK {
                return Err(EspeakLibError::Rate(rate));
            }
            Ok(EspeakLibrary { synth, synchronize, sample_rate: sample_rate as u32, _library: library })
        }
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Speak `text` (read literally, never as SSML) into 16-bit mono samples.
    pub fn speak(&self, text: &str) -> Result<Vec<i16>, EspeakLibError> {
        let text_c = CString::new(text.replace('\0', " ")).map_err(|_| EspeakLibError::NulInText)?;
        SAMPLES.with(|s| s.borrow_mut().clear());
        // SAFETY: the text is a valid NUL-terminated UTF-8 buffer that outlives the call; in
        // synchronous mode all callbacks happen before espeak_Synth returns.
        let status = unsafe {
            let bytes = text_c.as_bytes_with_nul();
            let status = (self.synth)(
                bytes.as_ptr().cast(),
                bytes.len(),
                0,
                POS_CHARACTER,
                0,
                CHARS_UTF8,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            (self.synchronize)();
            status
        };
        if status != EE_OK {
            return Err(EspeakLibError::Synth(status));
        }
        Ok(SAMPLES.with(|s| std::mem::take(&mut *s.borrow_mut())))
    }
}

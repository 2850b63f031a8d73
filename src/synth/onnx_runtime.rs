//! ONNX Runtime, loaded once per process from the data folder, and the models it runs.
//!
//! The `ort` crate is built with `load-dynamic`: nothing is downloaded at build time, and
//! readcast builds and runs (with espeak-ng and the other engines) where no runtime is installed.
//! The library is the pinned file from the PyPI wheel `onnxruntime`, checked before it loads;
//! `ORT_DYLIB_PATH` points at another build instead (a GPU build, another platform's), and `ort`
//! itself then refuses a version older than the API it was built for, naming both versions.
//!
//! A [`Model`] is one loaded session (or a few, for measuring). `Session::run` needs `&mut`, so a
//! session sits behind a lock: concurrent segments take turns on the model, and ONNX Runtime's
//! intra-op threads spread each run over the cores. `scripts/bench.sh` measured this against one
//! session per job (see `docs/engines.md`).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use ort::environment::Environment;
use ort::session::{Session, SessionInputs};

use super::run_watch::{RunWatch, Stopped};

use super::voice_data::{self, DataFileError, ONNX_RUNTIME};

/// Points at an ONNX Runtime library other than the installed one.
pub const LIBRARY_ENV: &str = "ORT_DYLIB_PATH";
/// Overrides the intra-op thread count of each session (for measuring).
pub const THREADS_ENV: &str = "READCAST_ONNX_THREADS";
/// Overrides how many sessions (copies of the model) a process keeps (for measuring).
pub const SESSIONS_ENV: &str = "READCAST_ONNX_SESSIONS";

/// Why a model could not be loaded or run.
#[derive(Debug, Clone, thiserror::Error)]
pub enum OnnxError {
    #[error(transparent)]
    DataFile(#[from] DataFileError),
    #[error("cannot load ONNX Runtime from {path}: {reason}")]
    Runtime { path: PathBuf, reason: String },
    #[error("cannot load the model {path}: {reason}")]
    Model { path: PathBuf, reason: String },
}

/// The runtime's environment and the library it came from, created on first use (the library
/// is hashed once per process); a failure is kept and reported each time.
static ENVIRONMENT: OnceLock<Result<(Environment, PathBuf), OnnxError>> = OnceLock::new();

/// The library file to load: `$ORT_DYLIB_PATH`, or the pinned file in the data folder.
fn library_path() -> Result<PathBuf, OnnxError> {
    match std::env::var_os(LIBRARY_ENV) {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => Ok(ONNX_RUNTIME.verified_path()?),
    }
}

fn environment() -> Result<&'static (Environment, PathBuf), OnnxError> {
    let loaded = ENVIRONMENT.get_or_init(|| {
        let path = library_path()?;
        let runtime_error = |reason: String| OnnxError::Runtime { path: path.clone(), reason };
        let builder = ort::init_from(&path).map_err(|e| runtime_error(e.to_string()))?;
        let environment =
            builder.with_name("readcast").with_telemetry(false).build().map_err(|e| runtime_error(e.to_string()))?;
        Ok((environment, path))
    });
    loaded.as_ref().map_err(Clone::clone)
}

/// Whether a runtime library is there to load (a quick look: nothing loaded, nothing hashed).
pub fn runtime_present() -> bool {
    std::env::var_os(LIBRARY_ENV).is_some() || ONNX_RUNTIME.path().is_ok_and(|p| p.is_file())
}

/// The loaded runtime library's file name, for an engine's version line.
pub fn runtime_name() -> Result<String, OnnxError> {
    let path = check_runtime()?;
    Ok(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}

/// An engine's check that libespeak-ng gives phonemes in `language`: without them no segment
/// could be spoken, so this is said once, before anything is.
pub fn phonemes_work(engine: &str, result: Result<String, super::EspeakLibError>) -> Result<(), super::SynthError> {
    result.map(drop).map_err(|reason| super::SynthError::Unusable {
        engine: engine.into(),
        reason: format!("no phonemes from espeak-ng ({reason}); install espeak-ng (e.g. `sudo apt install espeak-ng`)"),
    })
}

/// Check that the runtime loads; returns the library's path.
pub fn check_runtime() -> Result<PathBuf, OnnxError> {
    environment().map(|(_, path)| path.clone())
}

fn setting(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.parse::<usize>().ok()).filter(|n| (1..=256).contains(n))
}

/// Sessions a model keeps: `$READCAST_ONNX_SESSIONS`, else one.
pub fn sessions() -> usize {
    setting(SESSIONS_ENV).unwrap_or(1)
}

/// Intra-op threads for each session: `$READCAST_ONNX_THREADS`, else the cores shared among the
/// sessions (at least one each).
pub fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    setting(THREADS_ENV).unwrap_or_else(|| (cores / sessions()).max(1))
}

/// One loaded ONNX model, shared by the synthesis jobs of a process.
pub struct Model {
    sessions: Vec<Mutex<Session>>,
    path: PathBuf,
    sha256: String,
}

impl Model {
    /// Load `path` as [`sessions`] sessions of [`threads`] intra-op threads each. The file is
    /// hashed on another core while the sessions build (each takes about a second); with
    /// `pinned`, a hash that differs is the error, whatever the runtime made of the file.
    pub fn load(path: &Path, pinned: Option<&str>) -> Result<Model, OnnxError> {
        let threads = threads();
        let panicked = || OnnxError::Model { path: path.to_path_buf(), reason: "a loading thread panicked".into() };
        let (sha256, sessions) = std::thread::scope(|scope| {
            let hashing = scope.spawn(|| voice_data::sha256_file(path));
            let builds: Vec<_> = (0..sessions()).map(|_| scope.spawn(|| Self::session_of(path, threads))).collect();
            let sessions: Vec<Result<Session, OnnxError>> =
                builds.into_iter().map(|build| build.join().unwrap_or_else(|_| Err(panicked()))).collect();
            (hashing.join(), sessions)
        });
        let sha256 = sha256.map_err(|_| panicked())??;
        if let Some(expected) = pinned {
            voice_data::check_hash(path, &sha256, expected)?;
        }
        let sessions = sessions.into_iter().map(|session| session.map(Mutex::new)).collect::<Result<_, _>>()?;
        Ok(Model { sessions, path: path.to_path_buf(), sha256 })
    }

    fn session_of(path: &Path, threads: usize) -> Result<Session, OnnxError> {
        let (environment, _) = environment()?;
        let model_error = |e: ort::Error| OnnxError::Model { path: path.to_path_buf(), reason: e.to_string() };
        let session = Session::builder(environment)
            .map_err(model_error)?
            .with_intra_threads(threads)
            .map_err(|e| model_error(e.into()))?
            // Spinning threads would keep both cores busy between segments for nothing.
            .with_intra_op_spinning(false)
            .map_err(|e| model_error(e.into()))?
            .commit_from_file(path)
            .map_err(model_error)?;
        Ok(session)
    }

    /// The model file's SHA-256, for cache keys.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// A free session for one run, or else the first one, after the run holding it.
    pub fn session(&self) -> MutexGuard<'_, Session> {
        for session in &self.sessions {
            if let Ok(free) = session.try_lock() {
                return free;
            }
        }
        self.sessions[0].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// How a model run ended without audio.
#[derive(Debug)]
pub enum RunError {
    /// A signal or the time limit stopped it.
    Stopped(Stopped),
    /// ONNX Runtime failed; the reason is its message.
    Failed(String),
}

impl Model {
    /// Run the model on `inputs` and return its first output as audio samples. The run is
    /// watched: Ctrl-C, SIGTERM or `limit` (from when the run starts) stop it.
    pub fn run_audio<'i, 'v: 'i, const N: usize>(
        &self,
        inputs: impl Into<SessionInputs<'i, 'v, N>>,
        limit: std::time::Duration,
    ) -> Result<Vec<f32>, RunError> {
        let mut session = self.session();
        let watch = RunWatch::start(limit).map_err(|e| RunError::Failed(e.to_string()))?;
        let outputs = match session.run_with_options(inputs, watch.options()) {
            Ok(outputs) => outputs,
            Err(e) => return Err(watch.stopped().map_or_else(|| RunError::Failed(e.to_string()), RunError::Stopped)),
        };
        let (_, audio) = outputs[0].try_extract_tensor::<f32>().map_err(|e| RunError::Failed(e.to_string()))?;
        Ok(audio.to_vec())
    }
}

impl RunError {
    /// The synth error for a segment of `engine`.
    pub fn for_segment(self, engine: &str, segment: &str, limit: std::time::Duration) -> super::SynthError {
        match self {
            RunError::Stopped(Stopped::Signal(signal)) => super::SynthError::Interrupted { signal },
            RunError::Stopped(Stopped::TimedOut) => {
                super::SynthError::Timeout { engine: engine.into(), segment: segment.into(), seconds: limit.as_secs() }
            }
            RunError::Failed(reason) => super::SynthError::Failed {
                engine: engine.into(),
                segment: segment.into(),
                status: "inference".into(),
                stderr: reason,
            },
        }
    }
}

//! The Piper backend: natural neural voices, run by long-lived Python workers.
//!
//! `scripts/install-piper.sh` puts a virtual environment with piper-tts under [`piper_home`]
//! (`venv/`) and the default voice under `voices/`. Loading a model takes about a second, so
//! each worker loads it once and then takes segment after segment; up to `jobs` workers run side
//! by side, started when first needed and kept until the backend is dropped. Each worker gets
//! `cores / jobs` onnxruntime threads (at least one) so the workers together fill the cores
//! without fighting over them; `READCAST_PIPER_THREADS` overrides it (for measuring).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use super::engine_process::{describe_status, run_engine};
use super::piper_worker::{PiperWorker, WorkerSpec};
use super::{Backend, BackendOptions, SpeechRequest, SynthError, Voice};
use crate::audio::Clip;

const ENGINE: &str = "piper";
pub const DEFAULT_VOICE: &str = "en_US-joe-medium";
/// Overrides where the Piper installation lives.
pub const HOME_ENV: &str = "READCAST_PIPER_HOME";
/// Overrides the onnxruntime thread count of each worker.
pub const THREADS_ENV: &str = "READCAST_PIPER_THREADS";
/// A worker's first answer waits for Python to start and the model to load: allow for a slow disk.
const STARTUP_GRACE: Duration = Duration::from_secs(60);

/// Where `scripts/install-piper.sh` installs Piper: `$READCAST_PIPER_HOME`, or else
/// `<data dir>/readcast/piper` (`~/.local/share` on Linux, `~/Library/Application Support` on macOS).
pub fn piper_home() -> Option<PathBuf> {
    match std::env::var_os(HOME_ENV) {
        Some(home) if !home.is_empty() => Some(PathBuf::from(home)),
        _ => dirs::data_dir().map(|d| d.join("readcast").join("piper")),
    }
}

fn venv_python(home: &Path) -> PathBuf {
    if cfg!(windows) {
        home.join("venv").join("Scripts").join("python.exe")
    } else {
        home.join("venv").join("bin").join("python")
    }
}

/// onnxruntime threads per worker: the cores shared among the workers, at least one each.
pub fn threads_per_worker(cores: usize, jobs: usize) -> usize {
    (cores / jobs.max(1)).max(1)
}

/// A voice given as a model path (`x.onnx`, or anything with a folder in it) rather than a name.
fn is_model_path(voice: &str) -> bool {
    voice.ends_with(".onnx") || voice.contains('/') || voice.contains(std::path::MAIN_SEPARATOR)
}

struct Workers {
    idle: Vec<PiperWorker>,
    live: usize,
}

pub struct Piper {
    home: Option<PathBuf>,
    voice: String,
    rate: u32,
    jobs: usize,
    timeout: Duration,
    workers: Mutex<Workers>,
    worker_freed: Condvar,
    started: AtomicUsize,
}

impl Piper {
    pub fn new(options: &BackendOptions) -> Self {
        Piper {
            home: piper_home(),
            voice: options.voice.clone().unwrap_or_else(|| DEFAULT_VOICE.to_string()),
            rate: options.rate,
            jobs: options.jobs.max(1),
            timeout: options.timeout,
            workers: Mutex::new(Workers { idle: Vec::new(), live: 0 }),
            worker_freed: Condvar::new(),
            started: AtomicUsize::new(0),
        }
    }

    fn hint(&self) -> String {
        match &self.home {
            Some(home) => {
                format!("run scripts/install-piper.sh from the readcast sources (it installs into {})", home.display())
            }
            None => format!("run scripts/install-piper.sh and set {HOME_ENV} to the folder it installed into"),
        }
    }

    fn not_installed(&self) -> SynthError {
        SynthError::NotInstalled { engine: ENGINE.into(), hint: self.hint() }
    }

    fn python(&self) -> Result<PathBuf, SynthError> {
        let python = self.home.as_deref().map(venv_python).ok_or_else(|| self.not_installed())?;
        if python.exists() { Ok(python) } else { Err(self.not_installed()) }
    }

    fn voices_dir(&self) -> Option<PathBuf> {
        self.home.as_ref().map(|h| h.join("voices"))
    }

    /// The model file and its config for the chosen voice.
    pub fn model_files(&self) -> Result<(PathBuf, PathBuf), SynthError> {
        let model = if is_model_path(&self.voice) {
            PathBuf::from(&self.voice)
        } else {
            self.voices_dir().ok_or_else(|| self.not_installed())?.join(format!("{}.onnx", self.voice))
        };
        let mut config = model.clone().into_os_string();
        config.push(".json");
        let config = PathBuf::from(config);
        if !model.is_file() || !config.is_file() {
            let examples =
                self.voices().map(|v| v.into_iter().map(|v| v.name).collect::<Vec<_>>().join(", ")).unwrap_or_default();
            return Err(SynthError::UnknownVoice {
                engine: ENGINE.into(),
                voice: format!("{} (needs {} and its .json beside it)", self.voice, model.display()),
                examples: if examples.is_empty() { DEFAULT_VOICE.into() } else { examples },
            });
        }
        Ok((model, config))
    }

    fn worker_spec(&self) -> Result<WorkerSpec, SynthError> {
        let (model, config) = self.model_files()?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = std::env::var(THREADS_ENV)
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|n| (1..=256).contains(n))
            .unwrap_or_else(|| threads_per_worker(cores, self.jobs));
        Ok(WorkerSpec { python: self.python()?, model, config, threads, rate: self.rate })
    }

    /// Take an idle worker, or start one while fewer than `jobs` are alive, or wait for one.
    fn acquire(&self) -> Result<PiperWorker, SynthError> {
        let poisoned = || SynthError::Failed {
            engine: ENGINE.into(),
            segment: "-".into(),
            status: "internal".into(),
            stderr: "the worker list was poisoned by a panic".into(),
        };
        let mut workers = self.workers.lock().map_err(|_| poisoned())?;
        loop {
            if let Some(worker) = workers.idle.pop() {
                return Ok(worker);
            }
            if workers.live < self.jobs {
                workers.live += 1;
                drop(workers);
                self.started.fetch_add(1, Ordering::Relaxed);
                let started =
                    self.worker_spec().and_then(|spec| PiperWorker::start(&spec, self.timeout + STARTUP_GRACE));
                if started.is_err() {
                    self.retire();
                }
                return started;
            }
            workers = self.worker_freed.wait(workers).map_err(|_| poisoned())?;
        }
    }

    /// How many worker processes (model loads) this backend has started so far.
    pub fn workers_started(&self) -> usize {
        self.started.load(Ordering::Relaxed)
    }

    fn release(&self, worker: PiperWorker) {
        if let Ok(mut workers) = self.workers.lock() {
            workers.idle.push(worker);
        }
        self.worker_freed.notify_one();
    }

    /// A worker died or was dropped: make room for a new one.
    fn retire(&self) {
        if let Ok(mut workers) = self.workers.lock() {
            workers.live = workers.live.saturating_sub(1);
        }
        self.worker_freed.notify_one();
    }
}

/// Read a voice's language from its `.onnx.json` ("language": {"code": "en_US"}).
fn voice_language(config: &Path) -> String {
    let parsed: Option<serde_json::Value> =
        std::fs::read_to_string(config).ok().and_then(|t| serde_json::from_str(&t).ok());
    parsed
        .as_ref()
        .and_then(|v| v.pointer("/language/code").or_else(|| v.pointer("/espeak/voice")))
        .and_then(|v| v.as_str())
        .unwrap_or("unknown")
        .to_string()
}

impl Backend for Piper {
    fn name(&self) -> &'static str {
        ENGINE
    }

    /// The model file's identity (path, size, modification time): a retrained or replaced model
    /// under the same voice name must not reuse clips of the old one.
    fn sound_settings(&self) -> String {
        let Ok((model, _)) = self.model_files() else { return String::new() };
        let meta = std::fs::metadata(&model).ok();
        let size = meta.as_ref().map_or(0, |m| m.len());
        let modified = meta
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        format!("{}|{size}|{modified}", model.display())
    }

    fn check(&self) -> Result<String, SynthError> {
        let mut command = std::process::Command::new(self.python()?);
        command.args(["-c", "import importlib.metadata as m, piper; print(m.version('piper-tts'))"]);
        let output = run_engine(command, None, Duration::from_secs(60), ENGINE, "-")?;
        if !output.status.success() {
            return Err(SynthError::NotInstalled {
                engine: ENGINE.into(),
                hint: format!(
                    "its Python environment does not load piper ({}: {}); {}",
                    describe_status(&output.status),
                    output.stderr.trim().lines().last().unwrap_or(""),
                    self.hint()
                ),
            });
        }
        Ok(output.stdout.trim().to_string())
    }

    fn voices(&self) -> Result<Vec<Voice>, SynthError> {
        let Some(dir) = self.voices_dir() else { return Ok(Vec::new()) };
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(SynthError::Spawn { engine: ENGINE.into(), source }),
        };
        let mut voices: Vec<Voice> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "onnx"))
            .filter_map(|model| {
                let name = model.file_stem()?.to_string_lossy().into_owned();
                let mut config = model.into_os_string();
                config.push(".json");
                Some(Voice { name, language: voice_language(Path::new(&config)) })
            })
            .collect();
        voices.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(voices)
    }

    fn voice(&self) -> &str {
        &self.voice
    }

    fn synthesize(&self, request: &SpeechRequest<'_>) -> Result<Clip, SynthError> {
        let mut worker = self.acquire()?;
        match worker.speak(request.text, request.segment_id, self.timeout) {
            Ok(clip) => {
                self.release(worker);
                Ok(clip)
            }
            Err(e) => {
                if e.reusable {
                    self.release(worker);
                } else {
                    drop(worker);
                    self.retire();
                }
                Err(e.error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_share_the_cores_among_workers() {
        assert_eq!(threads_per_worker(8, 2), 4);
        assert_eq!(threads_per_worker(2, 2), 1);
        assert_eq!(threads_per_worker(2, 4), 1);
        assert_eq!(threads_per_worker(6, 4), 1);
        assert_eq!(threads_per_worker(4, 0), 4);
    }

    #[test]
    fn voices_are_names_or_model_paths() {
        assert!(!is_model_path("en_US-joe-medium"));
        assert!(is_model_path("voices/en_US-lessac-high.onnx"));
        assert!(is_model_path("my.onnx"));
    }

    #[test]
    fn voice_language_comes_from_the_model_config() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("v.onnx.json");
        std::fs::write(&config, r#"{"language": {"code": "de_DE"}, "espeak": {"voice": "de"}}"#).unwrap();
        assert_eq!(voice_language(&config), "de_DE");
        std::fs::write(&config, r#"{"espeak": {"voice": "fr"}}"#).unwrap();
        assert_eq!(voice_language(&config), "fr");
    }
}

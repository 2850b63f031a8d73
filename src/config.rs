//! Configuration: command-line arguments and `readcast.toml` merged into one plain [`Config`].
//!
//! The command line wins over the file, the file over the defaults. This module only validates;
//! building the working parts (the backend, encoders) happens after, in `render`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::segment::Pauses;
use crate::time::Millis;

/// The file read when `--config` is not given and it exists in the current folder.
pub const DEFAULT_CONFIG_FILE: &str = "readcast.toml";

#[derive(Debug, Clone)]
pub struct Config {
    /// Where episodes are written. Default: `output`.
    pub out_dir: PathBuf,
    /// Replaces the detected headline.
    pub title: Option<String>,
    /// Default: `espeak-ng`.
    pub backend: String,
    /// Default: the backend's own (`en-us` for espeak-ng).
    pub voice: Option<String>,
    /// Words per minute. Default: 175.
    pub rate: u32,
    /// Segments synthesized at once. Default: the number of cores.
    pub jobs: usize,
    /// Longest sentence before it is split at clause punctuation. Default: 400.
    pub max_chars: usize,
    pub pauses: Pauses,
    pub segment_timeout: Duration,
    /// Lines matching these are kept even when a cleaning rule would drop them.
    pub keep: Vec<String>,
    pub lexicon: BTreeMap<String, String>,
    pub quiet: bool,
    /// Where finished segments are kept. Default: the user's cache folder + `readcast`.
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the segment cache.
    pub no_cache: bool,
    /// Extra attempts for a failing segment. Default: 2.
    pub retries: u32,
    /// What HTML and Markdown readers read beyond running text, and the bounds of a fetch.
    pub read: crate::ingest::ReadOptions,
    /// The `command` backend's template, e.g. `espeak-ng -w {wav} -f {text_file}`.
    pub command: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            out_dir: PathBuf::from("output"),
            title: None,
            backend: "espeak-ng".to_string(),
            voice: None,
            rate: 175,
            jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_chars: 400,
            pauses: Pauses::default(),
            segment_timeout: Duration::from_secs(120),
            keep: Vec::new(),
            lexicon: BTreeMap::new(),
            quiet: false,
            cache_dir: crate::cache::default_dir(),
            no_cache: false,
            retries: 2,
            read: crate::ingest::ReadOptions::default(),
            command: None,
        }
    }
}

/// `readcast.toml`: every key optional, unknown keys refused (a typo should not pass silently).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub out: Option<PathBuf>,
    pub backend: Option<String>,
    pub voice: Option<String>,
    pub rate: Option<u32>,
    pub jobs: Option<usize>,
    pub max_chars: Option<usize>,
    pub sentence_pause_ms: Option<u64>,
    pub paragraph_pause_ms: Option<u64>,
    pub heading_pause_ms: Option<u64>,
    pub segment_timeout_s: Option<u64>,
    pub cache_dir: Option<PathBuf>,
    pub retries: Option<u32>,
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default)]
    pub lexicon: BTreeMap<String, String>,
    pub command: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config {path} is not valid: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error("invalid setting: {0}")]
    Invalid(String),
}

impl FileConfig {
    /// Read `path`; with `required` false a missing file is an empty config.
    pub fn load(path: &Path, required: bool) -> Result<FileConfig, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => return Ok(FileConfig::default()),
            Err(source) => return Err(ConfigError::Read { path: path.to_path_buf(), source }),
        };
        toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            reason: e.message().to_string(),
        })
    }

    /// Lay the file's values over `config`.
    pub fn apply(self, config: &mut Config) {
        if let Some(v) = self.out {
            config.out_dir = v;
        }
        if let Some(v) = self.backend {
            config.backend = v;
        }
        if self.voice.is_some() {
            config.voice = self.voice;
        }
        if let Some(v) = self.rate {
            config.rate = v;
        }
        if let Some(v) = self.jobs {
            config.jobs = v;
        }
        if let Some(v) = self.max_chars {
            config.max_chars = v;
        }
        if let Some(v) = self.sentence_pause_ms {
            config.pauses.sentence = Millis(v);
        }
        if let Some(v) = self.paragraph_pause_ms {
            config.pauses.paragraph = Millis(v);
        }
        if let Some(v) = self.heading_pause_ms {
            config.pauses.heading = Millis(v);
        }
        if let Some(v) = self.segment_timeout_s {
            config.segment_timeout = Duration::from_secs(v);
        }
        if self.cache_dir.is_some() {
            config.cache_dir = self.cache_dir;
        }
        if let Some(v) = self.retries {
            config.retries = v;
        }
        config.keep.extend(self.keep);
        config.lexicon.extend(self.lexicon);
        if self.command.is_some() {
            config.command = self.command;
        }
    }
}

impl Config {
    /// Check ranges; the error names the setting.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(80..=500).contains(&self.rate) {
            return Err(ConfigError::Invalid(format!("--rate {} is outside 80..=500 words per minute", self.rate)));
        }
        if !(1..=64).contains(&self.jobs) {
            return Err(ConfigError::Invalid(format!("--jobs {} is outside 1..=64", self.jobs)));
        }
        if !(40..=10_000).contains(&self.max_chars) {
            return Err(ConfigError::Invalid(format!("--max-chars {} is outside 40..=10000", self.max_chars)));
        }
        for (name, pause) in [
            ("sentence", self.pauses.sentence),
            ("paragraph", self.pauses.paragraph),
            ("heading", self.pauses.heading),
        ] {
            if pause.0 > 10_000 {
                return Err(ConfigError::Invalid(format!("the {name} pause of {} ms is over 10 s", pause.0)));
            }
        }
        if self.retries > 10 {
            return Err(ConfigError::Invalid(format!("--retries {} is over 10", self.retries)));
        }
        if self.segment_timeout.is_zero() {
            return Err(ConfigError::Invalid("the segment timeout must be at least 1 s".into()));
        }
        if self.read.fetch_timeout.is_zero() || self.read.fetch_limit_bytes == 0 {
            return Err(ConfigError::Invalid("the fetch time-out and size limit must be above zero".into()));
        }
        for pattern in &self.keep {
            regex::Regex::new(pattern).map_err(|e| ConfigError::Invalid(format!("--keep {pattern:?}: {e}")))?;
        }
        Ok(())
    }
}

/// Read a lexicon file: a TOML table of word = "replacement", either at the top level or under
/// `[lexicon]`.
pub fn load_lexicon(path: &Path) -> Result<BTreeMap<String, String>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
    #[derive(Deserialize)]
    struct Wrapped {
        lexicon: BTreeMap<String, String>,
    }
    if let Ok(wrapped) = toml::from_str::<Wrapped>(&text) {
        return Ok(wrapped.lexicon);
    }
    toml::from_str::<BTreeMap<String, String>>(&text)
        .map_err(|e| ConfigError::Parse { path: path.to_path_buf(), reason: e.message().to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_values_override_defaults() {
        let file: FileConfig = toml::from_str("rate = 200\nparagraph_pause_ms = 900\n[lexicon]\nnginx = \"engine x\"\n").unwrap();
        let mut config = Config::default();
        file.apply(&mut config);
        assert_eq!(config.rate, 200);
        assert_eq!(config.pauses.paragraph, Millis(900));
        assert_eq!(config.lexicon.get("nginx").map(String::as_str), Some("engine x"));
        assert!(config.validate().is_ok());
    }

    #[test]
    fn a_command_template_comes_from_the_file() {
        let file: FileConfig = toml::from_str("backend = \"command\"\ncommand = \"flite -f {text_file} -o {wav}\"\n").unwrap();
        let mut config = Config::default();
        file.apply(&mut config);
        assert_eq!(config.command.as_deref(), Some("flite -f {text_file} -o {wav}"));
        assert_eq!(config.backend, "command");
    }

    #[test]
    fn unknown_keys_and_bad_ranges_are_refused() {
        assert!(toml::from_str::<FileConfig>("rat = 200").is_err());
        let config = Config { rate: 5, ..Config::default() };
        assert!(config.validate().unwrap_err().to_string().contains("--rate 5"));
    }
}

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
    /// Integrated loudness of the mastered episode, in LUFS. Default: -16.
    pub loudness_lufs: f64,
    /// Highest true peak, in dBTP. Default: -1.
    pub true_peak_dbtp: f64,
    /// MP3 bitrate (constant), in kbps. Default: 96.
    pub bitrate_kbps: u32,
    /// Which audio files to write. Default: both.
    pub formats: OutputFormats,
    /// Cover art (JPEG or PNG) for the MP3's tag.
    pub cover: Option<PathBuf>,
    /// The show's title (the MP3's album). Default: `readcast`.
    pub show_title: String,
    /// The show's author: the MP3's artist when the article names none. Default: `readcast`.
    pub show_author: String,
}

/// The audio files an episode gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputFormats {
    pub wav: bool,
    pub mp3: bool,
}

impl Default for OutputFormats {
    fn default() -> Self {
        OutputFormats { wav: true, mp3: true }
    }
}

impl std::str::FromStr for OutputFormats {
    type Err = ConfigError;

    /// A comma list of `wav` and `mp3`.
    fn from_str(list: &str) -> Result<Self, ConfigError> {
        let mut formats = OutputFormats { wav: false, mp3: false };
        for name in list.split(',').map(str::trim) {
            match name.to_ascii_lowercase().as_str() {
                "wav" => formats.wav = true,
                "mp3" => formats.mp3 = true,
                _ => return Err(ConfigError::Invalid(format!("--format {list:?}: {name:?} is not wav or mp3"))),
            }
        }
        Ok(formats)
    }
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
            loudness_lufs: -16.0,
            true_peak_dbtp: -1.0,
            bitrate_kbps: 96,
            formats: OutputFormats::default(),
            cover: None,
            show_title: "readcast".to_string(),
            show_author: "readcast".to_string(),
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
    pub loudness: Option<f64>,
    pub true_peak: Option<f64>,
    pub bitrate: Option<u32>,
    /// A comma list of `wav` and `mp3`.
    pub format: Option<String>,
    pub cover: Option<PathBuf>,
    pub show: Option<ShowConfig>,
}

/// `[show]`: the podcast the episodes belong to.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowConfig {
    pub title: Option<String>,
    pub author: Option<String>,
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
        toml::from_str(&text)
            .map_err(|e| ConfigError::Parse { path: path.to_path_buf(), reason: e.message().to_string() })
    }

    /// Lay the file's values over `config`.
    pub fn apply(self, config: &mut Config) -> Result<(), ConfigError> {
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
        if let Some(v) = self.loudness {
            config.loudness_lufs = v;
        }
        if let Some(v) = self.true_peak {
            config.true_peak_dbtp = v;
        }
        if let Some(v) = self.bitrate {
            config.bitrate_kbps = v;
        }
        if let Some(v) = self.format {
            config.formats = v.parse()?;
        }
        if self.cover.is_some() {
            config.cover = self.cover;
        }
        if let Some(show) = self.show {
            if let Some(v) = show.title {
                config.show_title = v;
            }
            if let Some(v) = show.author {
                config.show_author = v;
            }
        }
        Ok(())
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
        for (name, pause) in
            [("sentence", self.pauses.sentence), ("paragraph", self.pauses.paragraph), ("heading", self.pauses.heading)]
        {
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
        if !(-40.0..=-5.0).contains(&self.loudness_lufs) {
            return Err(ConfigError::Invalid(format!("--loudness {} is outside -40..=-5 LUFS", self.loudness_lufs)));
        }
        if !(-10.0..=0.0).contains(&self.true_peak_dbtp) {
            return Err(ConfigError::Invalid(format!("--true-peak {} is outside -10..=0 dBTP", self.true_peak_dbtp)));
        }
        if !crate::encode::is_supported_bitrate(self.bitrate_kbps) {
            return Err(ConfigError::Invalid(format!(
                "--bitrate {} is not an MP3 bitrate (one of {:?} kbps)",
                self.bitrate_kbps,
                crate::encode::BITRATES
            )));
        }
        if !self.formats.wav && !self.formats.mp3 {
            return Err(ConfigError::Invalid("--format names no output".into()));
        }
        for (name, value) in [("--show-title", &self.show_title), ("--show-author", &self.show_author)] {
            if value.trim().is_empty() {
                return Err(ConfigError::Invalid(format!("{name} is empty")));
            }
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
    let text =
        std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
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
        let file: FileConfig =
            toml::from_str("rate = 200\nparagraph_pause_ms = 900\n[lexicon]\nnginx = \"engine x\"\n").unwrap();
        let mut config = Config::default();
        file.apply(&mut config).unwrap();
        assert_eq!(config.rate, 200);
        assert_eq!(config.pauses.paragraph, Millis(900));
        assert_eq!(config.lexicon.get("nginx").map(String::as_str), Some("engine x"));
        assert!(config.validate().is_ok());
    }

    #[test]
    fn a_command_template_comes_from_the_file() {
        let file: FileConfig =
            toml::from_str("backend = \"command\"\ncommand = \"flite -f {text_file} -o {wav}\"\n").unwrap();
        let mut config = Config::default();
        file.apply(&mut config).unwrap();
        assert_eq!(config.command.as_deref(), Some("flite -f {text_file} -o {wav}"));
        assert_eq!(config.backend, "command");
    }

    #[test]
    fn unknown_keys_and_bad_ranges_are_refused() {
        assert!(toml::from_str::<FileConfig>("rat = 200").is_err());
        let config = Config { rate: 5, ..Config::default() };
        assert!(config.validate().unwrap_err().to_string().contains("--rate 5"));
    }

    #[test]
    fn show_table_formats_and_mastering_keys() {
        let file: FileConfig =
            toml::from_str("loudness = -19.0\nbitrate = 128\nformat = \"mp3\"\n[show]\ntitle = \"Town Notes\"\n")
                .unwrap();
        let mut config = Config::default();
        file.apply(&mut config).unwrap();
        assert_eq!(config.loudness_lufs, -19.0);
        assert_eq!(config.bitrate_kbps, 128);
        assert_eq!(config.formats, OutputFormats { wav: false, mp3: true });
        assert_eq!(config.show_title, "Town Notes");
        assert_eq!(config.show_author, "readcast");
        assert!(config.validate().is_ok());
        assert!("wav,ogg".parse::<OutputFormats>().is_err());
        assert!(toml::from_str::<FileConfig>("[show]\nname = \"x\"").is_err());
        let bad = Config { bitrate_kbps: 100, ..Config::default() };
        assert!(bad.validate().unwrap_err().to_string().contains("--bitrate 100"));
        let bad = Config { true_peak_dbtp: 1.0, ..Config::default() };
        assert!(bad.validate().is_err());
    }
}

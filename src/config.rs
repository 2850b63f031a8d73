//! Configuration: command-line arguments and `readcast.toml` merged into one plain [`Config`].
//!
//! The command line wins over the file, the file over the defaults. This module only validates;
//! building the working parts (the backend, encoders) happens after, in `render`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::segment::Pauses;
use crate::synth::registry::BackendName;
use crate::time::Millis;

/// The file read when `--config` is not given and it exists in the current folder.
pub const DEFAULT_CONFIG_FILE: &str = "readcast.toml";

#[derive(Debug, Clone)]
pub struct Config {
    /// Where episodes are written. Default: `output`.
    pub out_dir: PathBuf,
    /// Replaces the detected headline.
    pub title: Option<String>,
    /// The speech engine. Default (`None`): the best installed one, Kokoro, else Piper, else
    /// espeak-ng.
    pub backend: Option<BackendName>,
    /// Default: the backend's own (`af_heart` for Kokoro, `en-us` for espeak-ng).
    pub voice: Option<String>,
    /// Who reads quotations. Default: a contrasting voice of the same engine and language.
    pub quote_voice: QuoteVoice,
    /// Voices for other languages, by ISO 639-1 code, over the engine's defaults.
    pub language_voices: BTreeMap<String, String>,
    /// Voices for the hosts of a dialogue script, by name as labelled (any capitals).
    pub speakers: BTreeMap<String, String>,
    /// Words per minute. Default: 175.
    pub rate: u32,
    /// Segments synthesized at once. Default: the number of cores.
    pub jobs: usize,
    /// Longest sentence before it is split at clause punctuation. Default: 400.
    pub max_chars: usize,
    pub pauses: Pauses,
    pub segment_timeout: Duration,
    /// Lines matching these are kept even when a cleaning rule would drop them; compiled where
    /// they are read (flag or file), so a bad pattern is refused before anything runs.
    pub keep: Vec<regex::Regex>,
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
    /// The podcast the episodes belong to: the MP3's album and cover, the feed's channel.
    pub show: ShowSettings,
    /// `[cluster]`: the render farm's server and queue settings (flags win over them).
    pub cluster: crate::farm::ClusterSection,
    /// The sources `readcast sync` reads: `[[follow]]` entries.
    pub follow: Vec<crate::follow::FollowSource>,
}

/// The show as configured: every field optional here; `publish::Show` checks that a feed has
/// what podcast directories require. The same struct is `[show]` in readcast.toml and the show
/// flags of `render`, `feed` and `init`, so a key and its flag cannot drift apart.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct ShowSettings {
    /// The show's title: the feed's title, the MP3's album (readcast when unset).
    #[arg(id = "show_title", long = "show-title", value_name = "TITLE")]
    pub title: Option<String>,
    /// The show's description, for the feed.
    #[arg(id = "show_description", long = "show-description", value_name = "TEXT")]
    pub description: Option<String>,
    /// The show's author: the feed's owner, the MP3's artist when the article names none
    /// (readcast when unset).
    #[arg(id = "show_author", long = "show-author", value_name = "NAME")]
    pub author: Option<String>,
    /// The owner's e-mail address, for the feed (podcast directories write to it).
    #[arg(id = "show_email", long = "show-email", value_name = "ADDRESS")]
    pub email: Option<String>,
    /// The show's language, e.g. en or en-GB.
    #[arg(id = "show_language", long = "language", value_name = "TAG")]
    pub language: Option<String>,
    /// An Apple Podcasts category, e.g. News or "Society & Culture".
    #[arg(id = "show_category", long = "category", value_name = "NAME")]
    pub category: Option<String>,
    /// A subcategory of --category, e.g. "Tech News".
    #[arg(id = "show_subcategory", long = "subcategory", value_name = "NAME")]
    pub subcategory: Option<String>,
    /// Whether the show is marked explicit [default: false].
    #[arg(id = "show_explicit", long = "explicit", value_name = "BOOL")]
    pub explicit: Option<bool>,
    /// Cover art (JPEG or PNG): the MP3's picture and the feed's image (a square of 1400 to 3000 pixels).
    #[arg(id = "show_image", long = "cover", value_name = "FILE")]
    pub image: Option<PathBuf>,
    /// Where the output folder will be served, e.g. https://example.org/podcast/.
    #[arg(id = "show_base_url", long = "base-url", value_name = "URL")]
    pub base_url: Option<String>,
    /// The show's web page [default: the base URL].
    #[arg(id = "show_link", long = "link", value_name = "URL")]
    pub link: Option<String>,
    /// The copyright line, e.g. "© 2026 Valley Radio".
    #[arg(id = "show_copyright", long = "copyright", value_name = "TEXT")]
    pub copyright: Option<String>,
    /// episodic (newest first) or serial (in order) [default: episodic].
    #[serde(rename = "type")]
    #[arg(id = "show_show_type", long = "show-type", value_name = "TYPE", value_enum)]
    pub show_type: Option<ShowType>,
}

/// `itunes:type`: `[show] type` in readcast.toml and `--show-type`, checked where it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ShowType {
    /// Newest first; episodes stand alone.
    #[default]
    Episodic,
    /// Meant to be heard in order; episodes are numbered.
    Serial,
}

impl ShowType {
    pub fn as_str(self) -> &'static str {
        match self {
            ShowType::Episodic => "episodic",
            ShowType::Serial => "serial",
        }
    }
}

/// The MP3's album and artist when the show is not named.
pub const DEFAULT_SHOW_NAME: &str = "readcast";

impl ShowSettings {
    /// The show's title, or [`DEFAULT_SHOW_NAME`].
    pub fn title_or_default(&self) -> &str {
        self.title.as_deref().unwrap_or(DEFAULT_SHOW_NAME)
    }

    /// The show's author, or [`DEFAULT_SHOW_NAME`].
    pub fn author_or_default(&self) -> &str {
        self.author.as_deref().unwrap_or(DEFAULT_SHOW_NAME)
    }

    /// Lay the set fields of `other` over these.
    pub fn overlay(&mut self, other: ShowSettings) {
        macro_rules! take {
            ($($field:ident),*) => { $( if other.$field.is_some() { self.$field = other.$field; } )* };
        }
        take!(
            title,
            description,
            author,
            email,
            language,
            category,
            subcategory,
            explicit,
            image,
            base_url,
            link,
            copyright,
            show_type
        );
    }
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
            backend: None,
            voice: None,
            quote_voice: QuoteVoice::Auto,
            language_voices: BTreeMap::new(),
            speakers: BTreeMap::new(),
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
            show: ShowSettings::default(),
            cluster: crate::farm::ClusterSection::default(),
            follow: Vec::new(),
        }
    }
}

/// Who reads quotations (`--quote-voice`, `[voice] quote_voice`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum QuoteVoice {
    /// A contrasting voice of the narrator's engine and language, named on stderr.
    #[default]
    Auto,
    /// `none`: the narrator reads quotations too.
    Off,
    Named(String),
}

impl std::str::FromStr for QuoteVoice {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value.trim() {
            "none" | "off" => QuoteVoice::Off,
            "auto" | "" => QuoteVoice::Auto,
            name => QuoteVoice::Named(name.to_string()),
        })
    }
}

/// A `--speaker` or `--language-voice` value that is not `NAME=VOICE`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected NAME=VOICE, got `{0}`")]
pub struct NameVoiceError(pub String);

/// Parse `NAME=VOICE` (`--speaker`, `--language-voice`).
pub fn name_and_voice(value: &str) -> Result<(String, String), NameVoiceError> {
    match value.split_once('=') {
        Some((name, voice)) if !name.trim().is_empty() && !voice.trim().is_empty() => {
            Ok((name.trim().to_string(), voice.trim().to_string()))
        }
        _ => Err(NameVoiceError(value.to_string())),
    }
}

/// `readcast.toml`: every key optional, unknown keys refused (a typo should not pass silently).
/// The sections follow what they shape: `[show]` the podcast, `[voice]` the speech, `[audio]`
/// the sound of the episode; what shapes the run itself stays at the top.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub out: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub max_chars: Option<usize>,
    pub segment_timeout_s: Option<u64>,
    pub cache_dir: Option<PathBuf>,
    pub retries: Option<u32>,
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default)]
    pub lexicon: BTreeMap<String, String>,
    pub show: Option<ShowSettings>,
    pub voice: Option<VoiceSection>,
    pub audio: Option<AudioSection>,
    /// `[[follow]]`: the feeds and reading lists `readcast sync` renders from.
    #[serde(default)]
    pub follow: Vec<crate::follow::FollowSource>,
    /// `[speakers]`: the hosts of dialogue scripts, `Alex = "am_michael"`.
    #[serde(default)]
    pub speakers: BTreeMap<String, String>,
    pub cluster: Option<crate::farm::ClusterSection>,
}

/// `[voice]`: which engine speaks, and how.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceSection {
    pub backend: Option<BackendName>,
    pub voice: Option<String>,
    pub rate: Option<u32>,
    /// The `command` backend's template.
    pub command: Option<String>,
    /// Who reads quotations: a voice name, or `none`.
    pub quote_voice: Option<String>,
    /// `[voice.languages]`: `de = "de"`, `fr = "ff_siwis"`.
    #[serde(default)]
    pub languages: BTreeMap<String, String>,
}

/// `[audio]`: loudness, encoding and pauses.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudioSection {
    pub loudness: Option<f64>,
    pub true_peak: Option<f64>,
    pub bitrate: Option<u32>,
    /// A comma list of `wav` and `mp3`.
    pub format: Option<String>,
    pub sentence_pause_ms: Option<u64>,
    pub paragraph_pause_ms: Option<u64>,
    pub heading_pause_ms: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config {path} is not valid: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error("cannot read lexicon {path}")]
    LexiconRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("lexicon {path} is not valid: {reason}")]
    LexiconParse { path: PathBuf, reason: String },
    #[error("invalid setting: {0}")]
    Invalid(String),
    /// Not a source: the pattern's error is the message, printed once.
    #[error("invalid setting: {0}")]
    Keep(KeepPatternError),
}

/// Why `readcast init` could not write a new readcast.toml. (Here, beside the file's reader, so
/// the program's error type needs nothing from the commands that use it.)
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{path} already exists; pass --force to replace it")]
    Exists { path: PathBuf },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl FileConfig {
    /// Read `path`; with `required` false a missing file is an empty config.
    pub fn load(path: &Path, required: bool) -> Result<FileConfig, ConfigError> {
        let text = match crate::bounded_read::read_regular_text(path, crate::bounded_read::SETTINGS_LIMIT) {
            Ok(text) => text,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => return Ok(FileConfig::default()),
            Err(source) => return Err(ConfigError::Read { path: path.to_path_buf(), source }),
        };
        let mut file: FileConfig = toml::from_str(&text)
            .map_err(|e| ConfigError::Parse { path: path.to_path_buf(), reason: e.message().to_string() })?;
        // Paths in the file mean what they say from where the file is, as in Cargo.toml, so
        // `--config shows/town/readcast.toml` finds that show's cover and folder.
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let anchor = |p: &mut PathBuf| {
                if p.is_relative() {
                    *p = folder.join(&*p);
                }
            };
            file.out.as_mut().map(anchor);
            file.cache_dir.as_mut().map(anchor);
            if let Some(image) = file.show.as_mut().and_then(|s| s.image.as_mut()) {
                anchor(image);
            }
            if let Some(creds) = file.cluster.as_mut().and_then(|c| c.creds.as_mut()) {
                anchor(creds);
            }
            for source in file.follow.iter_mut().filter(|s| !crate::follow::is_remote(&s.url)) {
                let mut path = PathBuf::from(&source.url);
                anchor(&mut path);
                source.url = path.display().to_string();
            }
        }
        Ok(file)
    }

    /// Lay the file's values over `config`.
    pub fn apply(self, config: &mut Config) -> Result<(), ConfigError> {
        set(&mut config.out_dir, self.out);
        set(&mut config.jobs, self.jobs);
        set(&mut config.max_chars, self.max_chars);
        set(&mut config.segment_timeout, self.segment_timeout_s.map(Duration::from_secs));
        if self.cache_dir.is_some() {
            config.cache_dir = self.cache_dir;
        }
        set(&mut config.retries, self.retries);
        for pattern in &self.keep {
            config.keep.push(keep_pattern(pattern).map_err(ConfigError::Keep)?);
        }
        config.lexicon.extend(self.lexicon);
        config.follow = self.follow;
        if let Some(show) = self.show {
            config.show.overlay(show);
        }
        if let Some(voice) = self.voice {
            if voice.backend.is_some() {
                config.backend = voice.backend;
            }
            if voice.voice.is_some() {
                config.voice = voice.voice;
            }
            set(&mut config.rate, voice.rate);
            if voice.command.is_some() {
                config.command = voice.command;
            }
            if let Some(quote) = voice.quote_voice {
                config.quote_voice = quote.parse().unwrap_or_default();
            }
            config.language_voices.extend(voice.languages);
        }
        config.speakers.extend(self.speakers);
        if let Some(audio) = self.audio {
            set(&mut config.loudness_lufs, audio.loudness);
            set(&mut config.true_peak_dbtp, audio.true_peak);
            set(&mut config.bitrate_kbps, audio.bitrate);
            if let Some(v) = audio.format {
                config.formats = v.parse()?;
            }
            set(&mut config.pauses.sentence, audio.sentence_pause_ms.map(Millis));
            set(&mut config.pauses.paragraph, audio.paragraph_pause_ms.map(Millis));
            set(&mut config.pauses.heading, audio.heading_pause_ms.map(Millis));
        }
        if let Some(cluster) = self.cluster {
            config.cluster = cluster;
        }
        Ok(())
    }
}

/// A `--keep` pattern (or `keep` entry) that is not a regular expression. The regex crate's
/// reason is part of the message: clap prints a value parser's error by its message alone.
#[derive(Debug, Clone, thiserror::Error)]
#[error("--keep {pattern:?}: {reason}")]
pub struct KeepPatternError {
    pub pattern: String,
    pub reason: regex::Error,
}

/// A `--keep` pattern (or a `keep` entry of readcast.toml), compiled.
pub fn keep_pattern(pattern: &str) -> Result<regex::Regex, KeepPatternError> {
    regex::Regex::new(pattern).map_err(|reason| KeepPatternError { pattern: pattern.to_string(), reason })
}

/// Replace `slot` when a value was given.
pub fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *slot = v;
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
        for (name, value) in [("--show-title", &self.show.title), ("--show-author", &self.show.author)] {
            if value.as_ref().is_some_and(|v| v.trim().is_empty()) {
                return Err(ConfigError::Invalid(format!("{name} is empty")));
            }
        }
        Ok(())
    }
}

/// Read a lexicon file: a TOML table of word = "replacement", either at the top level or under
/// `[lexicon]`.
pub fn load_lexicon(path: &Path) -> Result<BTreeMap<String, String>, ConfigError> {
    let text = crate::bounded_read::read_regular_text(path, crate::bounded_read::SETTINGS_LIMIT)
        .map_err(|source| ConfigError::LexiconRead { path: path.to_path_buf(), source })?;
    #[derive(Deserialize)]
    struct Wrapped {
        lexicon: BTreeMap<String, String>,
    }
    if let Ok(wrapped) = toml::from_str::<Wrapped>(&text) {
        return Ok(wrapped.lexicon);
    }
    toml::from_str::<BTreeMap<String, String>>(&text)
        .map_err(|e| ConfigError::LexiconParse { path: path.to_path_buf(), reason: e.message().to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_values_override_defaults() {
        let file: FileConfig = toml::from_str(
            "max_chars = 300\n[voice]\nrate = 200\n[audio]\nparagraph_pause_ms = 900\n[lexicon]\nnginx = \"engine x\"\n",
        )
        .unwrap();
        let mut config = Config::default();
        file.apply(&mut config).unwrap();
        assert_eq!(config.rate, 200);
        assert_eq!(config.max_chars, 300);
        assert_eq!(config.pauses.paragraph, Millis(900));
        assert_eq!(config.lexicon.get("nginx").map(String::as_str), Some("engine x"));
        assert!(config.validate().is_ok());
    }

    #[test]
    fn a_command_template_comes_from_the_file() {
        let file: FileConfig =
            toml::from_str("[voice]\nbackend = \"command\"\ncommand = \"flite -f {text_file} -o {wav}\"\n").unwrap();
        let mut config = Config::default();
        file.apply(&mut config).unwrap();
        assert_eq!(config.command.as_deref(), Some("flite -f {text_file} -o {wav}"));
        assert_eq!(config.backend, Some(BackendName::Command));
    }

    #[test]
    fn unknown_keys_and_bad_ranges_are_refused() {
        assert!(toml::from_str::<FileConfig>("rat = 200").is_err());
        // Keys belong in their section: a voice setting at the top is a mistake to report.
        assert!(toml::from_str::<FileConfig>("rate = 200").is_err());
        assert!(toml::from_str::<FileConfig>("[audio]\nrate = 200").is_err());
        // A misspelt engine is refused where it is written, not when a render starts.
        assert!(toml::from_str::<FileConfig>("[voice]\nbackend = \"kokro\"").is_err());
        let config = Config { rate: 5, ..Config::default() };
        assert!(config.validate().unwrap_err().to_string().contains("--rate 5"));
    }

    #[test]
    fn show_audio_sections_and_formats() {
        let file: FileConfig = toml::from_str(
            "[audio]\nloudness = -19.0\nbitrate = 128\nformat = \"mp3\"\n[show]\ntitle = \"Town Notes\"\ntype = \"serial\"\nexplicit = false\n",
        )
        .unwrap();
        let mut config = Config::default();
        file.apply(&mut config).unwrap();
        assert_eq!(config.loudness_lufs, -19.0);
        assert_eq!(config.bitrate_kbps, 128);
        assert_eq!(config.formats, OutputFormats { wav: false, mp3: true });
        assert_eq!(config.show.title_or_default(), "Town Notes");
        assert_eq!(config.show.author_or_default(), DEFAULT_SHOW_NAME);
        assert_eq!(config.show.show_type, Some(ShowType::Serial));
        // A type that is neither is refused where it is written.
        assert!(toml::from_str::<FileConfig>("[show]\ntype = \"daily\"").is_err());
        assert_eq!(config.show.explicit, Some(false));
        assert!(config.validate().is_ok());
        assert!("wav,ogg".parse::<OutputFormats>().is_err());
        assert!(toml::from_str::<FileConfig>("[show]\nname = \"x\"").is_err());
        let bad = Config { bitrate_kbps: 100, ..Config::default() };
        assert!(bad.validate().unwrap_err().to_string().contains("--bitrate 100"));
        let bad = Config { true_peak_dbtp: 1.0, ..Config::default() };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn paths_in_a_file_are_taken_from_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("readcast.toml");
        std::fs::write(&path, "out = \"site\"\n[show]\nimage = \"art/cover.png\"\n").unwrap();
        let file = FileConfig::load(&path, true).unwrap();
        assert_eq!(file.out.as_deref(), Some(dir.path().join("site").as_path()));
        assert_eq!(file.show.and_then(|s| s.image), Some(dir.path().join("art/cover.png")));
        let missing = FileConfig::load(&dir.path().join("none.toml"), false).unwrap();
        assert!(missing.out.is_none());
        assert!(FileConfig::load(&dir.path().join("none.toml"), true).is_err());
    }

    #[test]
    fn a_later_show_overlays_only_what_it_sets() {
        let mut show = ShowSettings { title: Some("A".into()), author: Some("Ada".into()), ..Default::default() };
        show.overlay(ShowSettings { title: Some("B".into()), ..Default::default() });
        assert_eq!((show.title.as_deref(), show.author.as_deref()), (Some("B"), Some("Ada")));
    }
}

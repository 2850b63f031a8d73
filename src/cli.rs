//! The command line (clap derive) and its translation into a [`Config`].
//!
//! Parsing happens in two steps, as in ripgrep: clap gives plain values, then
//! [`VoiceArgs::apply`] and friends lay them over the file config and defaults.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::{Config, ConfigError, DEFAULT_CONFIG_FILE, FileConfig, ShowSettings, load_lexicon, set};
use crate::synth::registry::BackendName;
use crate::time::Millis;

#[derive(Debug, Parser)]
#[command(
    name = "readcast",
    version,
    about = "Turn articles into podcast episodes with a speech engine on your own machine."
)]
pub struct Cli {
    /// Read settings from this TOML file (default: ./readcast.toml when it exists).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// No progress output.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

// Parsed once at start-up: the size of the largest variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render articles into episodes: <out>/<slug>/episode.mp3, episode.wav, captions, transcript, chapters.
    Render(RenderArgs),
    /// Print the cleaned, segmented script of an article without synthesizing it.
    Script(ScriptArgs),
    /// Show the segment cache's size and entry count; `clear` or `prune` it.
    Cache(CacheCommandArgs),
    /// Internal: an espeak-ng worker process fed segments on stdin.
    #[command(name = "__espeak-worker", hide = true)]
    EspeakWorker {
        #[arg(long)]
        voice: String,
        #[arg(long)]
        rate: u32,
    },
    /// List a speech engine's voices (name, language, gender).
    Voices(VoicesArgs),
    /// Report every speech engine: installed or not, version, how to install it.
    Doctor(DoctorArgs),
    /// Write <out>/feed.xml, a podcast feed (RSS 2.0, iTunes, Podcasting 2.0), and <out>/index.html.
    Feed(FeedArgs),
    /// Write a commented readcast.toml (the show, the voice, the sound) into the current folder.
    Init(InitArgs),
    /// Queue articles on a render farm (NATS JetStream): prepared here, rendered by workers.
    Submit(crate::farm::args::SubmitArgs),
    /// Render jobs from the farm's queue until stopped (Ctrl-C or SIGTERM hands the job back).
    Worker(crate::farm::args::WorkerArgs),
    /// Download the farm's finished episodes into the output folder.
    Collect(crate::farm::args::CollectArgs),
    /// Show the farm: jobs waiting, running, done and failed, and the workers' speed.
    Farm(crate::farm::args::FarmArgs),
    /// Follow feeds and reading lists: add them to readcast.toml as [[follow]], --list or --remove them.
    Follow(FollowArgs),
    /// Render what is new in the followed sources into episodes, then update the feed.
    Sync(SyncArgs),
    /// Serve the show folder over HTTP, so a podcast app on the same network can subscribe.
    Serve(ServeArgs),
    /// Read an article aloud with the system's live speech (built with the `speak` feature).
    #[cfg(feature = "speak")]
    Speak(SpeakArgs),
}

/// Options that shape the script (shared by `render` and `script`).
#[derive(Debug, Args, Clone, Default)]
pub struct TextArgs {
    /// Use this title instead of the detected headline.
    #[arg(long)]
    pub title: Option<String>,

    /// Split sentences longer than this many characters at clause punctuation [default: 400].
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,

    /// Keep lines matching REGEX even when a cleaning rule would drop them (repeatable).
    #[arg(long, value_name = "REGEX", value_parser = crate::config::keep_pattern)]
    pub keep: Vec<regex::Regex>,

    /// Pronunciation lexicon: a TOML table of word = "replacement".
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,

    /// Read tables row by row (HTML, Markdown) instead of saying "A table is left out.".
    #[arg(long)]
    pub read_tables: bool,

    /// Read code blocks (HTML, Markdown) instead of saying "A code block is left out.".
    #[arg(long)]
    pub read_code: bool,

    /// Read figure captions (HTML), which are otherwise left out.
    #[arg(long)]
    pub read_captions: bool,

    /// Read images' alt text (HTML, Markdown).
    #[arg(long)]
    pub read_alt: bool,

    /// Give up on a URL after this many seconds [default: 30].
    #[arg(long, value_name = "SECONDS")]
    pub fetch_timeout: Option<u64>,

    /// Refuse a fetched page larger than this many megabytes [default: 10].
    #[arg(long, value_name = "MB")]
    pub max_download_mb: Option<u64>,
}

/// Options that choose the voice (they change segment ids, so `script` takes them too).
#[derive(Debug, Args, Clone, Default)]
pub struct VoiceArgs {
    /// Speech engine [default: the best installed: kokoro, else piper, else espeak-ng].
    #[arg(long, value_name = "NAME", value_enum)]
    pub backend: Option<BackendName>,

    /// Engine voice; for kokoro a blend like af_heart:0.6,af_bella:0.4 [default: af_heart for
    /// kokoro, en_US-joe-medium for piper, en-us for espeak-ng].
    #[arg(long)]
    pub voice: Option<String>,

    /// Speaking rate in words per minute [default: 175].
    #[arg(long, value_name = "WPM")]
    pub rate: Option<u32>,

    /// Run any engine: a command template with {text_file} {wav} {voice} {rate}, split by shell
    /// rules but never run by a shell (implies --backend command).
    #[arg(long, value_name = "TEMPLATE")]
    pub command: Option<String>,

    /// Voice for quotations, or `none` to leave them to the narrator [default: a contrasting
    /// voice of the same engine and language].
    #[arg(long, value_name = "NAME")]
    pub quote_voice: Option<String>,

    /// Voice for a host of a dialogue script, as NAME=VOICE (repeatable).
    #[arg(long = "speaker", value_name = "NAME=VOICE", value_parser = crate::config::name_and_voice)]
    pub speakers: Vec<(String, String)>,

    /// Voice for text in another language, as CODE=VOICE, e.g. de=de or fr=ff_siwis (repeatable).
    #[arg(long = "language-voice", value_name = "CODE=VOICE", value_parser = crate::config::name_and_voice)]
    pub language_voices: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Articles to render: .txt, .md or .html files, http(s) URLs, or folders (every .txt, .md
    /// and .html inside); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Folder for episodes [default: output].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub text: TextArgs,

    #[command(flatten)]
    pub voice: VoiceArgs,

    /// Segments synthesized at once [default: number of cores].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Pause after a sentence, in milliseconds [default: 250].
    #[arg(long, value_name = "MS")]
    pub sentence_pause: Option<u64>,

    /// Pause after a paragraph, in milliseconds [default: 700].
    #[arg(long, value_name = "MS")]
    pub paragraph_pause: Option<u64>,

    /// Pause after the title or a heading, in milliseconds [default: 1200].
    #[arg(long, value_name = "MS")]
    pub heading_pause: Option<u64>,

    /// Longest time one segment may take, in seconds [default: 120].
    #[arg(long, value_name = "SECONDS")]
    pub segment_timeout: Option<u64>,

    /// Extra attempts for a segment whose engine fails [default: 2].
    #[arg(long, value_name = "N")]
    pub retries: Option<u32>,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub show: ShowSettings,

    /// After rendering, update the feed in the output folder (as `readcast feed` does).
    #[arg(long)]
    pub publish: bool,
}

/// Options of mastering, encoding and publishing.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// Integrated loudness of the episode, in LUFS [default: -16].
    #[arg(long, value_name = "LUFS", allow_negative_numbers = true)]
    pub loudness: Option<f64>,

    /// Highest true peak, in dBTP [default: -1].
    #[arg(long, value_name = "DBTP", allow_negative_numbers = true)]
    pub true_peak: Option<f64>,

    /// MP3 bitrate in kbps, constant [default: 96].
    #[arg(long, value_name = "KBPS")]
    pub bitrate: Option<u32>,

    /// Audio files to write: a comma list of wav and mp3 [default: wav,mp3].
    #[arg(long, value_name = "LIST", value_parser = |list: &str| list.parse::<crate::config::OutputFormats>())]
    pub format: Option<crate::config::OutputFormats>,
}

impl OutputArgs {
    pub fn apply(&self, config: &mut Config) -> Result<(), ConfigError> {
        set(&mut config.loudness_lufs, self.loudness);
        set(&mut config.true_peak_dbtp, self.true_peak);
        set(&mut config.bitrate_kbps, self.bitrate);
        set(&mut config.formats, self.format);
        Ok(())
    }
}

/// Where the segment cache lives (shared by `render` and `cache`).
#[derive(Debug, Args, Clone, Default)]
pub struct CacheArgs {
    /// Segment cache folder [default: the user's cache folder, e.g. ~/.cache/readcast].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Do not read or write the segment cache.
    #[arg(long)]
    pub no_cache: bool,
}

impl CacheArgs {
    pub fn apply(&self, config: &mut Config) {
        if self.cache_dir.is_some() {
            config.cache_dir = self.cache_dir.clone();
        }
        if self.no_cache {
            config.no_cache = true;
        }
    }
}

#[derive(Debug, Args)]
pub struct CacheCommandArgs {
    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(subcommand)]
    pub action: Option<CacheAction>,
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Remove every cached segment.
    Clear,
    /// Remove the least recently used segments until the cache is at most SIZE.
    Prune {
        /// The size to keep, e.g. 500M or 2G.
        #[arg(long, value_name = "SIZE")]
        max_size: String,
    },
}

#[derive(Debug, Args)]
pub struct ScriptArgs {
    /// The article: a .txt, .md or .html file or an http(s) URL; `-` reads standard input.
    #[arg(value_name = "INPUT")]
    pub input: String,

    /// Print JSON: {"title", "segments": [{"id", "kind", "text", "spoken", "pause_after_ms"}]}.
    #[arg(long, conflicts_with = "explain")]
    pub json: bool,

    /// List every dropped line with the rule that dropped it.
    #[arg(long)]
    pub explain: bool,

    /// Print what the cleaner's learned parts see on the page, as JSON (for the training
    /// scripts in scripts/; not a user feature).
    #[arg(long, hide = true, conflicts_with_all = ["json", "explain"])]
    pub features_json: bool,

    #[command(flatten)]
    pub text: TextArgs,

    #[command(flatten)]
    pub voice: VoiceArgs,
}

#[derive(Debug, Args)]
pub struct VoicesArgs {
    #[command(flatten)]
    pub voice: VoiceArgs,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub voice: VoiceArgs,
}

#[derive(Debug, Args)]
pub struct FeedArgs {
    /// Folder of rendered episodes; feed.xml and index.html are written there [default: output].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub show: ShowSettings,
}

impl FeedArgs {
    pub fn apply(&self, config: &mut Config) -> Result<(), ConfigError> {
        set(&mut config.out_dir, self.out.clone());
        config.show.overlay(self.show.clone());
        config.validate()
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace an existing readcast.toml.
    #[arg(long)]
    pub force: bool,

    /// Show settings to write in (the others are left as commented examples).
    #[command(flatten)]
    pub show: ShowSettings,
}

#[derive(Debug, Args)]
pub struct FollowArgs {
    /// Feeds (RSS, Atom, JSON Feed), OPML files of feeds (each feed is followed), reading lists
    /// (one link a line) or read-later exports (Pocket, Instapaper, Omnivore, Wallabag): URLs or files.
    #[arg(value_name = "SOURCE", required_unless_present_any = ["list", "remove"])]
    pub sources: Vec<String>,

    /// List the followed sources with their last sync and item counts.
    #[arg(long, conflicts_with_all = ["sources", "remove"])]
    pub list: bool,

    /// Stop following these sources (as --list shows them).
    #[arg(long, value_name = "SOURCE", num_args = 1.., conflicts_with = "sources")]
    pub remove: Vec<String>,

    /// A name for the source in messages and --list [default: the feed's title].
    #[arg(long)]
    pub title: Option<String>,

    /// New items rendered per sync at most, newest first [default: 10].
    #[arg(long, value_name = "N")]
    pub max_new: Option<usize>,

    /// The voice of this source's episodes [default: the show's].
    #[arg(long)]
    pub voice: Option<String>,

    /// Where an item's article comes from: the feed's text when long enough (auto), always the
    /// feed's text, or always the linked page [default: auto].
    #[arg(long, value_name = "FROM", value_enum)]
    pub full_text: Option<crate::follow::FullText>,

    /// The show's folder, where sync keeps its state (for --list) [default: output].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Folder for episodes, the feed and the sync state [default: output].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// All the new articles of this sync in one episode, one chapter per article, with a spoken
    /// introduction and a line between articles.
    #[arg(long)]
    pub digest: bool,

    #[command(flatten)]
    pub voice: VoiceArgs,

    /// Segments synthesized at once [default: number of cores].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub show: ShowSettings,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The show folder to serve [default: output].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Address and port to listen on; 0.0.0.0:8080 lets a phone on the same network in.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
}

impl SyncArgs {
    pub fn apply(&self, config: &mut Config) -> Result<(), ConfigError> {
        self.voice.apply(config);
        set(&mut config.out_dir, self.out.clone());
        set(&mut config.jobs, self.jobs);
        self.cache.apply(config);
        self.output.apply(config)?;
        config.show.overlay(self.show.clone());
        config.validate()
    }
}

#[cfg(feature = "speak")]
#[derive(Debug, Args)]
pub struct SpeakArgs {
    /// The article file; `-` reads standard input.
    #[arg(value_name = "INPUT")]
    pub input: String,

    #[command(flatten)]
    pub text: TextArgs,

    /// Speaking rate in words per minute [default: 175].
    #[arg(long, value_name = "WPM")]
    pub rate: Option<u32>,
}

/// Defaults, then the config file, then the command line.
pub fn base_config(cli: &Cli) -> Result<Config, ConfigError> {
    let mut config = Config::default();
    let (path, required) = match &cli.config {
        Some(path) => (path.clone(), true),
        None => (PathBuf::from(DEFAULT_CONFIG_FILE), false),
    };
    FileConfig::load(&path, required)?.apply(&mut config)?;
    config.quiet = cli.quiet;
    Ok(config)
}

impl TextArgs {
    pub fn apply(&self, config: &mut Config) -> Result<(), ConfigError> {
        if self.title.is_some() {
            config.title = self.title.clone();
        }
        set(&mut config.max_chars, self.max_chars);
        config.keep.extend(self.keep.iter().cloned());
        if let Some(path) = &self.lexicon {
            config.lexicon.extend(load_lexicon(path)?);
        }
        config.read.read_tables |= self.read_tables;
        config.read.read_code |= self.read_code;
        config.read.read_captions |= self.read_captions;
        config.read.read_alt |= self.read_alt;
        if let Some(v) = self.fetch_timeout {
            config.read.fetch_timeout = std::time::Duration::from_secs(v);
        }
        if let Some(v) = self.max_download_mb {
            config.read.fetch_limit_bytes = v.saturating_mul(1024 * 1024);
        }
        Ok(())
    }
}

impl VoiceArgs {
    pub fn apply(&self, config: &mut Config) {
        if self.backend.is_some() {
            config.backend = self.backend;
        }
        if self.voice.is_some() {
            config.voice = self.voice.clone();
        }
        set(&mut config.rate, self.rate);
        if self.command.is_some() {
            config.command = self.command.clone();
            if self.backend.is_none() {
                config.backend = Some(BackendName::Command);
            }
        }
        if let Some(quote) = &self.quote_voice {
            config.quote_voice = quote.parse().unwrap_or_default();
        }
        config.speakers.extend(self.speakers.iter().cloned());
        config.language_voices.extend(self.language_voices.iter().cloned());
    }
}

impl RenderArgs {
    pub fn apply(&self, config: &mut Config) -> Result<(), ConfigError> {
        self.text.apply(config)?;
        self.voice.apply(config);
        set(&mut config.out_dir, self.out.clone());
        set(&mut config.jobs, self.jobs);
        set(&mut config.pauses.sentence, self.sentence_pause.map(Millis));
        set(&mut config.pauses.paragraph, self.paragraph_pause.map(Millis));
        set(&mut config.pauses.heading, self.heading_pause.map(Millis));
        set(&mut config.segment_timeout, self.segment_timeout.map(std::time::Duration::from_secs));
        set(&mut config.retries, self.retries);
        self.cache.apply(config);
        self.output.apply(config)?;
        config.show.overlay(self.show.clone());
        config.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// clap's own consistency checks (unique argument ids, valid defaults) over every subcommand,
    /// so a flattened struct whose field names collide fails here rather than at a user's run.
    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn show_flags_fill_the_show_settings() {
        let cli = Cli::try_parse_from([
            "readcast",
            "feed",
            "--show-title",
            "Town Notes",
            "--cover",
            "art.png",
            "--show-type",
            "serial",
            "--explicit",
            "true",
        ])
        .unwrap();
        let Command::Feed(args) = cli.command else { panic!("feed") };
        assert_eq!(args.show.title.as_deref(), Some("Town Notes"));
        assert_eq!(args.show.image.as_deref(), Some(std::path::Path::new("art.png")));
        assert_eq!(args.show.show_type, Some(crate::config::ShowType::Serial));
        assert_eq!(args.show.explicit, Some(true));
    }
}

/// The defaults the help text states are the ones `Config::default` holds: written in two
/// places (a doc comment cannot name a constant), they are kept equal here.
#[cfg(test)]
mod stated_defaults {
    use clap::CommandFactory;

    use super::Cli;
    use crate::config::Config;

    /// `[default: X]` at the end of a flag's help, if it states a plain value.
    fn stated(command: &clap::Command, flag: &str) -> String {
        let arg = command.get_arguments().find(|a| a.get_long() == Some(flag)).expect("flag");
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let start = help.rfind("[default: ").expect("a stated default") + "[default: ".len();
        help[start..].trim_end_matches(['.', ']']).to_string()
    }

    #[test]
    fn help_states_the_defaults_config_holds() {
        let cli = Cli::command();
        let render = cli.find_subcommand("render").expect("render");
        let d = Config::default();
        let expected = [
            ("max-chars", d.max_chars.to_string()),
            ("fetch-timeout", d.read.fetch_timeout.as_secs().to_string()),
            ("max-download-mb", (d.read.fetch_limit_bytes / (1024 * 1024)).to_string()),
            ("rate", d.rate.to_string()),
            ("out", d.out_dir.display().to_string()),
            ("sentence-pause", d.pauses.sentence.0.to_string()),
            ("paragraph-pause", d.pauses.paragraph.0.to_string()),
            ("heading-pause", d.pauses.heading.0.to_string()),
            ("segment-timeout", d.segment_timeout.as_secs().to_string()),
            ("retries", d.retries.to_string()),
            ("loudness", format!("{}", d.loudness_lufs)),
            ("true-peak", format!("{}", d.true_peak_dbtp)),
            ("bitrate", d.bitrate_kbps.to_string()),
        ];
        for (flag, value) in expected {
            assert_eq!(stated(render, flag), value, "--{flag}");
        }
    }
}

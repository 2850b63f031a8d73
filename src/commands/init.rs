//! `readcast init`: write a commented `readcast.toml` to start a show from.
//!
//! Every setting a show needs is in it, with what it means. Values given as flags
//! (`--show-title`, `--cover`, ...) are written in; the show's other keys are left as commented
//! examples, so `readcast feed` names exactly what is still to fill in. The defaults of `[voice]`
//! and `[audio]` are written out, to be changed in place. An existing file is kept unless
//! `--force` is given.

use std::path::PathBuf;

use crate::cli::{Cli, InitArgs};
use crate::config::{Config, DEFAULT_CONFIG_FILE, InitError, ShowSettings};
use crate::error::Error;

pub fn run(cli: &Cli, args: &InitArgs) -> Result<(), Error> {
    let path = cli.config.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG_FILE));
    if path.exists() && !args.force {
        return Err(InitError::Exists { path }.into());
    }
    let text = template(&args.show);
    crate::atomic_file::write_atomic(&path, text.as_bytes())
        .map_err(|source| InitError::Write { path: path.clone(), source })?;
    if !cli.quiet {
        eprintln!("wrote {}; fill in [show], then: readcast render --publish ARTICLE", path.display());
    }
    Ok(())
}

/// A TOML string literal, escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `key = value` when the value is known, else `# key = example`.
fn line(key: &str, value: Option<String>, example: &str) -> String {
    match value {
        Some(v) => format!("{key} = {v}\n"),
        None => format!("# {key} = {example}\n"),
    }
}

/// The file's text for a show with the given known settings.
pub fn template(show: &ShowSettings) -> String {
    let defaults = Config::default();
    let text = |v: &Option<String>| v.as_deref().map(quoted);
    let mut out = String::new();
    out.push_str(
        "# readcast.toml: settings for `readcast render` and `readcast feed` in this folder.\n\
         # Flags on the command line override these; `--config FILE` reads another file.\n\
         # Paths are taken from this file's folder.\n\n\
         # Where episodes, feed.xml and index.html are written.\n\
         out = \"output\"\n\n",
    );
    out.push_str("# The podcast. `readcast feed` needs every key below that is not marked optional.\n[show]\n");
    out.push_str(&line("title", text(&show.title), "\"Town Notes\""));
    out.push_str("# A sentence or two on what the show is.\n");
    out.push_str(&line("description", text(&show.description), "\"The week's local stories, read aloud.\""));
    out.push_str("# The MP3's artist when an article names none, and the feed's owner.\n");
    out.push_str(&line("author", text(&show.author), "\"Valley Radio\""));
    out.push_str("# Where podcast directories write to the owner; it is public in the feed.\n");
    out.push_str(&line("email", text(&show.email), "\"podcast@example.com\""));
    out.push_str(&line("language", text(&show.language), "\"en\""));
    out.push_str("# One of Apple Podcasts' categories, e.g. News, Technology, \"Society & Culture\".\n");
    out.push_str(&line("category", text(&show.category), "\"News\""));
    out.push_str("# Optional: a subcategory of the category, e.g. \"Daily News\".\n");
    out.push_str(&line("subcategory", text(&show.subcategory), "\"Daily News\""));
    out.push_str(&line("explicit", Some(show.explicit.unwrap_or(false).to_string()), "false"));
    out.push_str("# Cover art: a square JPEG or PNG of 1400 to 3000 pixels; also the MP3's picture.\n");
    let image = show.image.as_ref().map(|p| quoted(&p.to_string_lossy()));
    out.push_str(&line("image", image, "\"cover.png\""));
    out.push_str("# Where the `out` folder will be served; every link in the feed starts with it.\n");
    out.push_str(&line("base_url", text(&show.base_url), "\"https://example.com/podcast/\""));
    out.push_str("# Optional: the show's web page (default: base_url), a copyright line, and\n");
    out.push_str("# \"episodic\" (newest first) or \"serial\" (meant to be heard in order, numbered).\n");
    out.push_str(&line("link", text(&show.link), "\"https://example.com/\""));
    out.push_str(&line("copyright", text(&show.copyright), "\"© 2026 Valley Radio\""));
    out.push_str(&line("type", show.show_type.map(|t| quoted(t.as_str())), "\"episodic\""));

    out.push_str("\n# The speech engine (`readcast doctor` lists them, `readcast voices` their voices).\n[voice]\n");
    out.push_str("# backend = \"kokoro\"   # default: the best installed: kokoro, else piper, else espeak-ng\n");
    out.push_str(
        "# voice = \"af_heart\"   # default: the engine's own; kokoro blends: \"af_heart:0.6,af_bella:0.4\"\n",
    );
    out.push_str(&format!("rate = {}   # words per minute\n", defaults.rate));
    out.push_str(
        "# quote_voice = \"am_michael\"   # who reads quotations; default: a contrasting voice; \"none\": off\n",
    );
    out.push_str("# [voice.languages]   # who reads other languages; default: the engine's voice for each\n");
    out.push_str("# fr = \"ff_siwis\"\n");
    out.push_str("\n# The hosts of dialogue scripts (paragraphs labelled `Alex:`); default: distinct voices.\n");
    out.push_str("# [speakers]\n# Alex = \"am_michael\"\n# Sam = \"af_heart\"\n");

    out.push_str("\n# The sound of each episode.\n[audio]\n");
    out.push_str(&format!("loudness = {:.1}   # integrated loudness, LUFS\n", defaults.loudness_lufs));
    out.push_str(&format!("true_peak = {:.1}   # highest true peak, dBTP\n", defaults.true_peak_dbtp));
    out.push_str(&format!("bitrate = {}   # MP3, kbps\n", defaults.bitrate_kbps));
    out.push_str("format = \"wav,mp3\"\n");
    out.push_str(&format!("sentence_pause_ms = {}\n", defaults.pauses.sentence.0));
    out.push_str(&format!("paragraph_pause_ms = {}\n", defaults.pauses.paragraph.0));
    out.push_str(&format!("heading_pause_ms = {}\n", defaults.pauses.heading.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;

    #[test]
    fn the_template_parses_to_the_defaults_and_the_given_values() {
        let show = ShowSettings {
            title: Some("Town \"Quoted\" Notes".into()),
            image: Some("art/cover.png".into()),
            ..ShowSettings::default()
        };
        let text = template(&show);
        let file: FileConfig = toml::from_str(&text).unwrap();
        let mut config = Config::default();
        file.apply(&mut config).unwrap();
        assert_eq!(config.show.title.as_deref(), Some("Town \"Quoted\" Notes"));
        assert_eq!(config.show.image.as_deref(), Some(std::path::Path::new("art/cover.png")));
        assert_eq!(config.show.email, None, "unknown keys stay commented out");
        assert_eq!(config.show.explicit, Some(false));
        let defaults = Config::default();
        assert_eq!((config.rate, config.bitrate_kbps), (defaults.rate, defaults.bitrate_kbps));
        assert_eq!((config.loudness_lufs, config.true_peak_dbtp), (defaults.loudness_lufs, defaults.true_peak_dbtp));
        assert_eq!(config.pauses, defaults.pauses);
        assert!(text.contains("# email = "));
        assert!(config.validate().is_ok());
    }
}

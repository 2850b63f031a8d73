//! The podcast feed, `feed.xml`: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, built in
//! memory from episode manifests and what lies beside them.
//!
//! The XML is written with quick-xml, never by string pasting, so titles with `&` or `<` are
//! escaped. Finding the episodes on disk is [`super::feed_scan`]'s job; this file only turns
//! already-read facts into a document, which keeps it testable without files.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use sha2::{Digest, Sha256};
use time::format_description::well_known::{Iso8601, Rfc2822, Rfc3339};
use time::{Date, OffsetDateTime};

use super::manifest::{Manifest, SegmentKindName};

pub const ITUNES_NS: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
pub const PODCAST_NS: &str = "https://podcastindex.org/namespace/1.0";

/// About how long an item's description is, in characters.
pub const DESCRIPTION_CHARS: usize = 300;

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("no episodes found in {dir} (expected <folder>/episode.json with episode.mp3 or episode.wav beside it)")]
    NoEpisodes { dir: std::path::PathBuf },
    #[error("cannot read {path}")]
    Read {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot build the feed's XML")]
    Xml(#[source] std::io::Error),
    #[error("cannot write {path}")]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The show: the feed's channel.
#[derive(Debug, Clone)]
pub struct Show {
    pub title: String,
    pub author: String,
    /// Prefix of every URL in the feed; empty gives relative URLs.
    pub base_url: String,
}

/// An episode's audio file as it will be enclosed.
#[derive(Debug, Clone, PartialEq)]
pub struct Audio {
    /// File name inside the episode folder (`episode.mp3`).
    pub file: &'static str,
    pub bytes: u64,
    pub mime: &'static str,
}

/// One episode as the feed sees it.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// The episode's folder name.
    pub slug: String,
    pub manifest: Manifest,
    pub published: OffsetDateTime,
    pub audio: Audio,
    pub has_transcript_json: bool,
    pub has_vtt: bool,
    pub has_chapters: bool,
}

/// When the article says it was published: RFC 3339, RFC 2822, ISO 8601 or a plain
/// `YYYY-MM-DD` (taken as midnight UTC). `None` for anything else.
pub fn parse_date(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t);
    }
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc2822) {
        return Some(t);
    }
    if let Ok(t) = OffsetDateTime::parse(text, &Iso8601::DEFAULT) {
        return Some(t);
    }
    let mut parts = text.get(..10)?.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let date = Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
    Some(date.midnight().assume_utc())
}

/// A stable id for the episode: the slug and a hash of its segment ids, so re-rendering the same
/// script keeps the guid and a changed script gives a new one.
pub fn guid(slug: &str, manifest: &Manifest) -> String {
    let mut hash = Sha256::new();
    for segment in &manifest.segments {
        hash.update(segment.id.as_bytes());
        hash.update(b"\n");
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{slug}-{hex}")
}

/// The first sentences' text, up to about [`DESCRIPTION_CHARS`] characters, cut at a word.
pub fn description(manifest: &Manifest) -> String {
    let mut out = String::new();
    for segment in manifest.segments.iter().filter(|s| s.kind == SegmentKindName::Sentence) {
        if out.chars().count() >= DESCRIPTION_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(segment.text.trim());
    }
    if out.chars().count() <= DESCRIPTION_CHARS {
        return out;
    }
    let cut: String = out.chars().take(DESCRIPTION_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > DESCRIPTION_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// `base` + the escaped folder name + `/` + file. Folder names are the user's, so anything but
/// URL-safe bytes is percent-encoded.
pub fn episode_url(base: &str, slug: &str, file: &str) -> String {
    let mut url = base.to_string();
    if !url.is_empty() && !url.ends_with('/') {
        url.push('/');
    }
    for byte in slug.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url.push('/');
    url.push_str(file);
    url
}

/// Characters XML 1.0 cannot hold at all, even escaped, are dropped.
fn xml_text(text: &str) -> String {
    text.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect()
}

fn rfc2822(t: OffsetDateTime) -> String {
    // Dates before 1900 or past 9999 cannot be written in RFC 2822; such a date is nonsense in a
    // feed anyway, and the epoch sorts it last.
    t.format(&Rfc2822).or_else(|_| OffsetDateTime::UNIX_EPOCH.format(&Rfc2822)).unwrap_or_default()
}

/// The items newest first, ties by slug so the order is stable; the feed and the page share it.
pub fn newest_first(items: &[FeedItem]) -> Vec<&FeedItem> {
    let mut sorted: Vec<&FeedItem> = items.iter().collect();
    sorted.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    sorted
}

/// The feed document. Items are written newest first.
pub fn feed_xml(show: &Show, items: &[FeedItem]) -> Result<String, FeedError> {
    let sorted = newest_first(items);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    write_feed(&mut writer, show, &sorted).map_err(FeedError::Xml)?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    // Everything written came from `&str`s, so the document is UTF-8.
    String::from_utf8(bytes).map_err(|e| FeedError::Xml(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

fn write_feed(w: &mut Writer<Vec<u8>>, show: &Show, items: &[&FeedItem]) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("rss")
        .with_attribute(("version", "2.0"))
        .with_attribute(("xmlns:itunes", ITUNES_NS))
        .with_attribute(("xmlns:podcast", PODCAST_NS))
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| {
                text_element(w, "title", &show.title)?;
                text_element(w, "link", &show.base_url)?;
                text_element(w, "description", &format!("{}: articles read aloud, made with readcast.", show.title))?;
                text_element(w, "language", "en")?;
                text_element(w, "generator", &format!("readcast {}", env!("CARGO_PKG_VERSION")))?;
                text_element(w, "itunes:author", &show.author)?;
                text_element(w, "itunes:explicit", "false")?;
                for item in items {
                    write_item(w, show, item)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn write_item(w: &mut Writer<Vec<u8>>, show: &Show, item: &FeedItem) -> std::io::Result<()> {
    let manifest = &item.manifest;
    let author = manifest.author.as_deref().filter(|a| !a.trim().is_empty()).unwrap_or(&show.author);
    let url = |file: &str| episode_url(&show.base_url, &item.slug, file);
    w.create_element("item").write_inner_content(|w| {
        text_element(w, "title", &manifest.title)?;
        w.create_element("guid")
            .with_attribute(("isPermaLink", "false"))
            .write_text_content(BytesText::new(&xml_text(&guid(&item.slug, manifest))))?;
        text_element(w, "pubDate", &rfc2822(item.published))?;
        text_element(w, "description", &description(manifest))?;
        text_element(w, "itunes:author", author)?;
        let seconds = if manifest.duration_s.is_finite() { manifest.duration_s.max(0.0).round() as u64 } else { 0 };
        text_element(w, "itunes:duration", &seconds.to_string())?;
        w.create_element("enclosure")
            .with_attribute(("url", url(item.audio.file).as_str()))
            .with_attribute(("length", item.audio.bytes.to_string().as_str()))
            .with_attribute(("type", item.audio.mime))
            .write_empty()?;
        if item.has_transcript_json {
            w.create_element("podcast:transcript")
                .with_attribute(("url", url("transcript.json").as_str()))
                .with_attribute(("type", "application/json"))
                .write_empty()?;
        }
        if item.has_vtt {
            w.create_element("podcast:transcript")
                .with_attribute(("url", url("episode.vtt").as_str()))
                .with_attribute(("type", "text/vtt"))
                .write_empty()?;
        }
        if item.has_chapters {
            w.create_element("podcast:chapters")
                .with_attribute(("url", url("chapters.json").as_str()))
                .with_attribute(("type", "application/json+chapters"))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::ManifestSegment;

    fn segment(id: &str, kind: SegmentKindName, text: &str) -> ManifestSegment {
        ManifestSegment { id: id.into(), kind, text: text.into(), spoken: text.into(), start_s: 0.0, end_s: 1.0 }
    }

    fn manifest(title: &str, author: Option<&str>) -> Manifest {
        Manifest {
            title: title.into(),
            author: author.map(str::to_string),
            date: None,
            site: None,
            source: "a.txt".into(),
            backend: "espeak-ng".into(),
            backend_version: "1".into(),
            voice: "en-us".into(),
            rate_wpm: 175,
            sample_rate: 24_000,
            duration_s: 61.6,
            synthesized: 2,
            cached: 0,
            segments: vec![
                segment("t1", SegmentKindName::Title, title),
                segment("s1", SegmentKindName::Sentence, "The ferry sails at nine."),
                segment("s2", SegmentKindName::Sentence, "It returns at noon."),
            ],
            mastering: None,
        }
    }

    fn item(slug: &str, title: &str, published: OffsetDateTime) -> FeedItem {
        FeedItem {
            slug: slug.into(),
            manifest: manifest(title, None),
            published,
            audio: Audio { file: "episode.mp3", bytes: 1234, mime: "audio/mpeg" },
            has_transcript_json: true,
            has_vtt: false,
            has_chapters: true,
        }
    }

    fn show() -> Show {
        Show { title: "Town & Notes".into(), author: "Ada".into(), base_url: "https://example.org/pod".into() }
    }

    #[test]
    fn dates_in_the_usual_forms_parse_and_others_do_not() {
        let day = parse_date("2026-02-01").unwrap();
        assert_eq!((day.year(), day.month() as u8, day.day(), day.hour()), (2026, 2, 1, 0));
        assert_eq!(parse_date("2026-03-14T08:00:00Z").unwrap().hour(), 8);
        assert_eq!(parse_date("Sat, 14 Mar 2026 08:00:00 +0000").unwrap().day(), 14);
        assert!(parse_date("last Tuesday").is_none());
        assert!(parse_date("").is_none());
    }

    #[test]
    fn guid_follows_the_segments() {
        let a = manifest("A", None);
        let mut b = a.clone();
        assert_eq!(guid("a", &a), guid("a", &b));
        b.segments[1].id = "other".into();
        assert_ne!(guid("a", &a), guid("a", &b));
        assert!(guid("a", &a).starts_with("a-"));
    }

    #[test]
    fn description_takes_sentences_only_and_is_bounded() {
        assert_eq!(description(&manifest("Title", None)), "The ferry sails at nine. It returns at noon.");
        let mut long = manifest("T", None);
        long.segments =
            (0..50).map(|i| segment(&i.to_string(), SegmentKindName::Sentence, "Word after word here.")).collect();
        let text = description(&long);
        assert!(text.chars().count() <= DESCRIPTION_CHARS + 1, "{text}");
        assert!(text.ends_with('…') && text.chars().count() > DESCRIPTION_CHARS / 2);
    }

    #[test]
    fn urls_join_the_base_and_escape_odd_folder_names() {
        assert_eq!(episode_url("https://x.org/p/", "a-b", "episode.mp3"), "https://x.org/p/a-b/episode.mp3");
        assert_eq!(episode_url("https://x.org/p", "a-b", "episode.mp3"), "https://x.org/p/a-b/episode.mp3");
        assert_eq!(episode_url("", "a b&c", "chapters.json"), "a%20b%26c/chapters.json");
    }

    #[test]
    fn items_are_newest_first_and_text_is_escaped() {
        let old = item("old", "Old <one>", OffsetDateTime::UNIX_EPOCH);
        let new = item("new", "Fish & Chips", parse_date("2026-02-01").unwrap());
        let xml = feed_xml(&show(), &[old, new]).unwrap();
        assert!(xml.contains("<title>Town &amp; Notes</title>"), "{xml}");
        assert!(xml.contains("<title>Fish &amp; Chips</title>"));
        assert!(xml.contains("<title>Old &lt;one&gt;</title>"));
        let new_at = xml.find("Fish &amp; Chips").unwrap();
        let old_at = xml.find("Old &lt;one").unwrap();
        assert!(new_at < old_at);
        assert!(xml.contains("<pubDate>Sun, 01 Feb 2026 00:00:00 +0000</pubDate>"), "{xml}");
        assert!(xml.contains(r#"url="https://example.org/pod/new/episode.mp3" length="1234" type="audio/mpeg""#));
        assert!(xml.contains(r#"url="https://example.org/pod/new/chapters.json" type="application/json+chapters""#));
        assert!(xml.contains("<itunes:duration>62</itunes:duration>"));
        assert!(xml.contains("<itunes:author>Ada</itunes:author>"));
        assert!(!xml.contains("text/vtt"));
    }

    #[test]
    fn control_characters_are_dropped_and_article_author_wins() {
        let mut one = item("a", "Bell\u{7} rings", OffsetDateTime::UNIX_EPOCH);
        one.manifest.author = Some("Bo Lind".into());
        let xml = feed_xml(&show(), &[one]).unwrap();
        assert!(xml.contains("<title>Bell rings</title>"), "{xml}");
        assert!(xml.contains("<itunes:author>Bo Lind</itunes:author>"));
    }
}

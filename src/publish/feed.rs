//! The podcast feed, `feed.xml`: RSS 2.0 with the iTunes, Podcasting 2.0 and Atom namespaces,
//! built in memory from a checked [`Show`] and the episodes' manifests.
//!
//! The XML is written with quick-xml, never by string pasting, so titles with `&` or `<` are
//! escaped; a URL is the checked base URL plus a path from [`super::url_path`], which
//! percent-encodes each segment. Finding the episodes on disk is [`super::feed_scan`]'s job;
//! this file only turns already-read facts into a document, which keeps it testable without files. The document depends only on its
//! inputs (no build time in it), so running `feed` again with one more episode adds one item
//! and changes nothing else.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use sha2::{Digest, Sha256};
use time::format_description::well_known::{Iso8601, Rfc2822, Rfc3339};
use time::{Date, OffsetDateTime};

use super::manifest::{Manifest, SegmentKindName};
use super::show::{Show, ShowType};

pub const ITUNES_NS: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
pub const PODCAST_NS: &str = "https://podcastindex.org/namespace/1.0";
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// About how long an item's description is when the manifest has no first paragraph.
pub const DESCRIPTION_CHARS: usize = 300;
/// Apple shows at most 4000 characters of a description.
pub const MAX_DESCRIPTION_CHARS: usize = 4000;

/// The feed's own file name in the output folder.
pub const FEED_FILE: &str = "feed.xml";

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
    #[error("the feed was not written")]
    Show(#[from] super::show::ShowProblems),
    #[error("cannot build the feed's XML")]
    Xml(#[source] std::io::Error),
    #[error("cannot write {path}")]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
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
    pub has_srt: bool,
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

/// The episode's id: the one made at its first render (see [`super::identity`]), kept by every
/// re-render. Manifests written before readcast recorded it get the folder name and a hash of
/// the segment ids.
pub fn guid(slug: &str, manifest: &Manifest) -> String {
    if let Some(guid) = manifest.guid.as_deref().filter(|g| !g.trim().is_empty()) {
        return guid.to_string();
    }
    let mut hash = Sha256::new();
    for segment in &manifest.segments {
        hash.update(segment.id.as_bytes());
        hash.update(b"\n");
    }
    let digest = hash.finalize();
    let hex = crate::hex::hex(&digest[..8]);
    format!("{slug}-{hex}")
}

/// The article's first paragraph (at most [`MAX_DESCRIPTION_CHARS`]); for a manifest without
/// one, the first sentences up to about [`DESCRIPTION_CHARS`] characters.
pub fn description(manifest: &Manifest) -> String {
    if let Some(first) = manifest.description.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        return cut_at_word(first, MAX_DESCRIPTION_CHARS);
    }
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
    cut_at_word(&out, DESCRIPTION_CHARS)
}

/// `text` when it has at most `limit` characters, else its start cut at a word, with `…`.
fn cut_at_word(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > limit / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Characters XML 1.0 cannot hold at all, even escaped, are dropped.
fn xml_text(text: &str) -> String {
    super::xml_chars::xml_safe(text).into_owned()
}

fn rfc2822(t: OffsetDateTime) -> String {
    // Dates before 1900 or past 9999 cannot be written in RFC 2822; such a date is nonsense in a
    // feed anyway, and the epoch sorts it last.
    t.format(&Rfc2822).or_else(|_| OffsetDateTime::UNIX_EPOCH.format(&Rfc2822)).unwrap_or_default()
}

/// The Podcasting 2.0 namespace's own namespace for show guids.
const PODCAST_GUID_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0xead4c236_bf58_58c6_a2c6_a6b28d128cb6);

/// `podcast:guid`: the show's lasting id, a UUIDv5 of the feed's URL without its scheme and
/// trailing slashes, as the namespace specifies, so any directory computes the same one.
pub fn podcast_guid(feed_url: &str) -> uuid::Uuid {
    let bare = feed_url.split_once("://").map_or(feed_url, |(_, rest)| rest).trim_end_matches('/');
    uuid::Uuid::new_v5(&PODCAST_GUID_NAMESPACE, bare.as_bytes())
}

/// Items newest first (ties by folder name, so the order is stable).
pub fn newest_first(items: &[FeedItem]) -> Vec<&FeedItem> {
    let mut sorted: Vec<&FeedItem> = items.iter().collect();
    sorted.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    sorted
}

/// The feed document.
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
        .with_attribute(("xmlns:atom", ATOM_NS))
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| write_channel(w, show, items))?;
            Ok(())
        })?;
    Ok(())
}

fn write_channel(w: &mut Writer<Vec<u8>>, show: &Show, items: &[&FeedItem]) -> std::io::Result<()> {
    let image_url = show.url_of(&[&show.cover.file_name]);
    text_element(w, "title", &show.title)?;
    text_element(w, "description", &show.description)?;
    text_element(w, "link", &show.link())?;
    text_element(w, "language", &show.language)?;
    if let Some(copyright) = &show.copyright {
        text_element(w, "copyright", copyright)?;
    }
    text_element(w, "generator", &format!("readcast {}", env!("CARGO_PKG_VERSION")))?;
    text_element(w, "podcast:guid", &podcast_guid(&show.url_of(&[FEED_FILE])).to_string())?;
    w.create_element("atom:link")
        .with_attribute(("href", show.url_of(&[FEED_FILE]).as_str()))
        .with_attribute(("rel", "self"))
        .with_attribute(("type", "application/rss+xml"))
        .write_empty()?;
    // The plain RSS image, for readers that know no iTunes tags.
    w.create_element("image").write_inner_content(|w| {
        text_element(w, "url", &image_url)?;
        text_element(w, "title", &show.title)?;
        text_element(w, "link", &show.link())?;
        Ok(())
    })?;
    text_element(w, "itunes:author", &show.author)?;
    w.create_element("itunes:owner").write_inner_content(|w| {
        text_element(w, "itunes:name", &show.author)?;
        text_element(w, "itunes:email", &show.email)?;
        Ok(())
    })?;
    w.create_element("itunes:image").with_attribute(("href", image_url.as_str())).write_empty()?;
    let category = w.create_element("itunes:category").with_attribute(("text", show.category));
    match show.subcategory {
        Some(sub) => {
            category.write_inner_content(|w| {
                w.create_element("itunes:category").with_attribute(("text", sub)).write_empty()?;
                Ok(())
            })?;
        }
        None => {
            category.write_empty()?;
        }
    }
    text_element(w, "itunes:explicit", if show.explicit { "true" } else { "false" })?;
    text_element(w, "itunes:type", show.show_type.as_str())?;
    // A serial show is numbered in the order the episodes were first rendered.
    let count = items.len();
    for (position, item) in items.iter().enumerate() {
        let number = (show.show_type == ShowType::Serial).then_some(count - position);
        write_item(w, show, item, number)?;
    }
    Ok(())
}

fn write_item(w: &mut Writer<Vec<u8>>, show: &Show, item: &FeedItem, number: Option<usize>) -> std::io::Result<()> {
    let manifest = &item.manifest;
    let author = manifest.author.as_deref().filter(|a| !a.trim().is_empty()).unwrap_or(&show.author);
    let url = |file: &str| show.url_of(&[&item.slug, file]);
    w.create_element("item").write_inner_content(|w| {
        text_element(w, "title", &manifest.title)?;
        // Apple's episode title; readers built on feed-rs also only keep the iTunes duration
        // of an item whose iTunes data has a title.
        text_element(w, "itunes:title", &manifest.title)?;
        text_element(w, "description", &description(manifest))?;
        w.create_element("enclosure")
            .with_attribute(("url", url(item.audio.file).as_str()))
            .with_attribute(("length", item.audio.bytes.to_string().as_str()))
            .with_attribute(("type", item.audio.mime))
            .write_empty()?;
        w.create_element("guid")
            .with_attribute(("isPermaLink", "false"))
            .write_text_content(BytesText::new(&xml_text(&guid(&item.slug, manifest))))?;
        text_element(w, "pubDate", &rfc2822(item.published))?;
        text_element(w, "itunes:author", author)?;
        let seconds = if manifest.duration_s.is_finite() { manifest.duration_s.max(0.0).round() as u64 } else { 0 };
        text_element(w, "itunes:duration", &seconds.to_string())?;
        text_element(w, "itunes:episodeType", "full")?;
        if let Some(number) = number {
            text_element(w, "itunes:episode", &number.to_string())?;
        }
        let transcripts = [
            (item.has_vtt, "episode.vtt", "text/vtt"),
            (item.has_transcript_json, "transcript.json", "application/json"),
            (item.has_srt, "episode.srt", "application/x-subrip"),
        ];
        for (_, file, mime) in transcripts.iter().filter(|(present, _, _)| *present) {
            w.create_element("podcast:transcript")
                .with_attribute(("url", url(file).as_str()))
                .with_attribute(("type", *mime))
                .with_attribute(("language", show.language.as_str()))
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
    use crate::publish::show::ShowCover;

    fn segment(id: &str, kind: SegmentKindName, text: &str) -> ManifestSegment {
        ManifestSegment {
            id: id.into(),
            kind,
            text: text.into(),
            spoken: text.into(),
            role: "narrator".into(),
            voice: String::new(),
            start_s: 0.0,
            end_s: 1.0,
            ends_paragraph: false,
        }
    }

    fn manifest(title: &str, author: Option<&str>) -> Manifest {
        Manifest {
            title: title.into(),
            author: author.map(str::to_string),
            date: None,
            site: None,
            source: "a.txt".into(),
            description: None,
            guid: None,
            first_rendered: None,
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
            voice_levels: Vec::new(),
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
            has_srt: false,
            has_chapters: true,
        }
    }

    fn show() -> Show {
        Show {
            title: "Town & Notes".into(),
            description: "Local news, read aloud.".into(),
            author: "Ada".into(),
            email: "ada@example.org".into(),
            language: "en".into(),
            category: "News",
            subcategory: Some("Daily News"),
            explicit: false,
            cover: ShowCover {
                source: "art.png".into(),
                image: crate::publish::Cover { mime: "image/png", data: Vec::new() },
                file_name: "cover.png".into(),
            },
            base_url: url::Url::parse("https://example.org/pod/").unwrap(),
            link: None,
            copyright: Some("© 2026 Ada".into()),
            show_type: ShowType::Episodic,
        }
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
    fn the_recorded_guid_wins_and_old_manifests_hash_their_segments() {
        let a = manifest("A", None);
        let mut b = a.clone();
        assert_eq!(guid("a", &a), guid("a", &b));
        b.segments[1].id = "other".into();
        assert_ne!(guid("a", &a), guid("a", &b));
        assert!(guid("a", &a).starts_with("a-"));
        b.guid = Some("a-0011".into());
        assert_eq!(guid("a", &b), "a-0011");
    }

    #[test]
    fn description_is_the_first_paragraph_else_bounded_sentences() {
        assert_eq!(description(&manifest("Title", None)), "The ferry sails at nine. It returns at noon.");
        let mut with_first = manifest("T", None);
        with_first.description = Some(" The harbour opens early. ".into());
        assert_eq!(description(&with_first), "The harbour opens early.");
        let mut long = manifest("T", None);
        long.segments =
            (0..50).map(|i| segment(&i.to_string(), SegmentKindName::Sentence, "Word after word here.")).collect();
        let text = description(&long);
        assert!(text.chars().count() <= DESCRIPTION_CHARS + 1, "{text}");
        assert!(text.ends_with('…') && text.chars().count() > DESCRIPTION_CHARS / 2);
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
        assert!(xml.contains(r#"<itunes:category text="News">"#), "{xml}");
        assert!(xml.contains(r#"<itunes:category text="Daily News"/>"#), "{xml}");
        assert!(xml.contains(r#"<itunes:image href="https://example.org/pod/cover.png"/>"#), "{xml}");
        assert!(xml.contains(r#"<atom:link href="https://example.org/pod/feed.xml" rel="self""#), "{xml}");
        assert!(!xml.contains("text/vtt") && !xml.contains("<itunes:episode>"));
    }

    #[test]
    fn the_show_guid_ignores_the_scheme_and_trailing_slashes() {
        let a = podcast_guid("https://example.org/pod/feed.xml");
        assert_eq!(a, podcast_guid("http://example.org/pod/feed.xml/"));
        assert_ne!(a, podcast_guid("https://example.org/other/feed.xml"));
        assert_eq!(a.get_version_num(), 5);
    }

    #[test]
    fn a_serial_show_numbers_its_episodes_oldest_first() {
        let mut serial = show();
        serial.show_type = ShowType::Serial;
        let first = item("first", "First", OffsetDateTime::UNIX_EPOCH);
        let second = item("second", "Second", parse_date("2026-02-01").unwrap());
        let xml = feed_xml(&serial, &[first, second]).unwrap();
        let one = xml.find("<itunes:episode>1</itunes:episode>").unwrap();
        let two = xml.find("<itunes:episode>2</itunes:episode>").unwrap();
        assert!(two < one, "newest (2) is listed first: {xml}");
        assert!(xml.contains("<itunes:type>serial</itunes:type>"));
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

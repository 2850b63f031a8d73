//! The show's web page, `index.html` beside `feed.xml`: the show's title and art, and per episode
//! its title, date, an audio player, its chapters (a click seeks the player) and its transcript.
//!
//! The page is one self-contained file: CSS and the few lines of script are inline, the
//! transcript is embedded rather than fetched (a page opened from disk may not fetch its
//! neighbours), and every link is relative, so the same file works opened from disk and served
//! from any path. All text from articles and settings goes through `html-escape`.

use html_escape::encode_double_quoted_attribute;

/// Text for the page: characters XML forbids dropped (the page is also read as XHTML by
/// some tools), then escaped.
fn text(s: &str) -> String {
    html_escape::encode_text(&super::xml_chars::xml_safe(s)).into_owned()
}

/// An attribute value for the page, filtered and escaped like [`text`].
fn attr(s: &str) -> String {
    encode_double_quoted_attribute(&super::xml_chars::xml_safe(s)).into_owned()
}
use time::OffsetDateTime;

use super::chapters::chapters;
use super::feed::{FeedItem, newest_first};
use super::manifest::{Manifest, SegmentKindName};
use super::url_path::url_path;

/// What the page says about the show.
#[derive(Debug, Clone, Copy)]
pub struct SitePage<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The show's language tag (`en-GB`), for screen readers and hyphenation.
    pub language: &'a str,
    /// The cover art's file name inside the output folder (`cover.png`), if there is one.
    pub image_file: Option<&'a str>,
}

const STYLE: &str = "\
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#222;background:#fdfdfb}
header{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.cover{width:10rem;height:10rem;object-fit:cover;border-radius:.5rem}
h1{margin:.2em 0}
article{border-top:1px solid #ccc;margin-top:1.5rem;padding-top:.5rem}
.meta{color:#666;margin:0}
audio{width:100%;margin:.5rem 0}
.chapters ol{padding-left:1.2rem}
.chapter{font:inherit;background:none;border:0;padding:0;color:#0645ad;cursor:pointer;text-align:left}
.chapter:hover{text-decoration:underline}
.chapter time{color:#666;margin-right:.5em;font-variant-numeric:tabular-nums}
.transcript summary{cursor:pointer;font-weight:600}
@media (prefers-color-scheme:dark){body{color:#ddd;background:#181818}.chapter{color:#8ab4f8}}
";

/// A chapter button seeks the player of its own episode and starts it. Playing may be refused
/// (autoplay rules); the seek stands either way, so that refusal is ignored.
const SCRIPT: &str = "\
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-start]');
  if (!button) return;
  var audio = button.closest('article').querySelector('audio');
  audio.currentTime = parseFloat(button.dataset.start);
  var playing = audio.play();
  if (playing) playing.catch(function () {});
});
";

/// The page for `items`, newest first like the feed.
pub fn index_html(page: &SitePage, items: &[FeedItem]) -> String {
    let mut html = String::with_capacity(4096);
    html.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        attr(page.language)
    ));
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!("<meta name=\"generator\" content=\"readcast {}\">\n", env!("CARGO_PKG_VERSION")));
    html.push_str(&format!("<title>{}</title>\n", text(page.title)));
    html.push_str(&format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"feed.xml\">\n",
        attr(page.title)
    ));
    html.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n"));
    if let Some(image) = page.image_file {
        html.push_str(&format!(
            "<img class=\"cover\" id=\"cover\" src=\"{}\" alt=\"Cover art of {}\">\n",
            attr(&url_path(&[image])),
            attr(page.title)
        ));
    }
    html.push_str(&format!("<div>\n<h1 id=\"show-title\">{}</h1>\n", text(page.title)));
    if !page.description.trim().is_empty() {
        html.push_str(&format!("<p class=\"description\">{}</p>\n", text(page.description)));
    }
    html.push_str("<p><a href=\"feed.xml\">Podcast feed (RSS)</a></p>\n</div>\n</header>\n<main>\n");
    for item in newest_first(items) {
        episode(&mut html, item);
    }
    html.push_str(&format!("</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"));
    html
}

fn episode(html: &mut String, item: &FeedItem) {
    let manifest = &item.manifest;
    let audio_url = url_path(&[&item.slug, item.audio.file]);
    html.push_str(&format!(
        "<article class=\"episode\" id=\"ep-{}\" data-slug=\"{}\">\n",
        attr(&item.slug),
        attr(&item.slug)
    ));
    html.push_str(&format!("<h2 class=\"episode-title\">{}</h2>\n", text(&manifest.title)));
    html.push_str(&format!(
        "<p class=\"meta\"><time datetime=\"{}\">{}</time> · {} · <a href=\"{}\" download>Download</a></p>\n",
        attr(&iso_date(item.published)),
        text(&human_date(item.published)),
        clock(manifest.duration_s),
        attr(&audio_url)
    ));
    html.push_str(&format!("<audio controls preload=\"metadata\" src=\"{}\"></audio>\n", attr(&audio_url)));
    let chapters = chapters(manifest);
    // A lone chapter is the title itself, at 0:00: nothing to jump to.
    if chapters.len() > 1 {
        html.push_str("<nav class=\"chapters\" aria-label=\"Chapters\">\n<ol>\n");
        for chapter in &chapters {
            html.push_str(&format!(
                "<li><button type=\"button\" class=\"chapter\" data-start=\"{:.3}\"><time>{}</time>{}</button></li>\n",
                chapter.start_s.max(0.0),
                clock(chapter.start_s),
                text(&chapter.title)
            ));
        }
        html.push_str("</ol>\n</nav>\n");
    }
    transcript(html, manifest);
    html.push_str("</article>\n");
}

/// The segments' written text: headings as headings, sentences in the article's paragraphs (a
/// manifest from before paragraph ends were kept gives one paragraph per section). The title is
/// already the article's heading.
fn transcript(html: &mut String, manifest: &Manifest) {
    html.push_str("<details class=\"transcript\">\n<summary>Transcript</summary>\n");
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |html: &mut String, paragraph: &mut Vec<&str>| {
        if !paragraph.is_empty() {
            html.push_str(&format!("<p>{}</p>\n", text(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    for segment in &manifest.segments {
        match segment.kind {
            SegmentKindName::Title => {}
            SegmentKindName::Heading => {
                flush(html, &mut paragraph);
                html.push_str(&format!("<h3>{}</h3>\n", text(segment.text.trim())));
            }
            SegmentKindName::Sentence => {
                paragraph.push(segment.text.trim());
                if segment.ends_paragraph {
                    flush(html, &mut paragraph);
                }
            }
        }
    }
    flush(html, &mut paragraph);
    html.push_str("</details>\n");
}

/// `1 February 2026`.
fn human_date(t: OffsetDateTime) -> String {
    format!("{} {} {}", t.day(), t.month(), t.year())
}

/// `2026-02-01` for the `<time>` element.
fn iso_date(t: OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), t.month() as u8, t.day())
}

/// `m:ss`, or `h:mm:ss` from an hour on. Whole seconds are cut, not rounded, as the players show
/// them, so a chapter labelled 0:05 lands at 0:05 on the player's clock.
fn clock(seconds: f64) -> String {
    let total = if seconds.is_finite() { seconds.max(0.0) as u64 } else { 0 };
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::feed::{Audio, parse_date};

    fn item(slug: &str, title: &str, published: OffsetDateTime) -> FeedItem {
        let mut manifest = crate::publish::chapters::tests::manifest();
        manifest.title = title.into();
        manifest.segments[0].text = title.into();
        FeedItem {
            slug: slug.into(),
            manifest,
            published,
            audio: Audio { file: "episode.mp3", bytes: 1234, mime: "audio/mpeg" },
            has_transcript_json: true,
            has_vtt: true,
            has_srt: true,
            has_chapters: true,
        }
    }

    fn page() -> SitePage<'static> {
        SitePage {
            title: "Town & <Notes>",
            description: "Read aloud & more",
            language: "en-GB",
            image_file: Some("cover art.png"),
        }
    }

    #[test]
    fn text_is_escaped_everywhere() {
        let mut one = item("fish", "Fish & <Chips> \"Tonight\"", OffsetDateTime::UNIX_EPOCH);
        one.manifest.segments[1].text = "1 < 2 & <script>alert(1)</script>".into();
        one.manifest.segments[2].text = "Part <b>".into();
        let html = index_html(&page(), &[one]);
        assert!(html.contains("<title>Town &amp; &lt;Notes&gt;</title>"), "{html}");
        assert!(html.contains("<html lang=\"en-GB\">"), "{html}");
        assert!(html.contains("<h1 id=\"show-title\">Town &amp; &lt;Notes&gt;</h1>"));
        assert!(html.contains("title=\"Town &amp; &lt;Notes&gt;\""));
        assert!(html.contains("<p class=\"description\">Read aloud &amp; more</p>"));
        assert!(html.contains("<h2 class=\"episode-title\">Fish &amp; &lt;Chips&gt; \"Tonight\"</h2>"));
        assert!(html.contains("<p>1 &lt; 2 &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>"), "{html}");
        assert!(html.contains("<h3>Part &lt;b&gt;</h3>"));
        assert!(html.contains("Part &lt;b&gt;</button>"));
        // The only script is the page's own.
        assert_eq!(html.matches("<script>").count(), 1);
        assert!(html.contains("src=\"cover%20art.png\""), "{html}");
    }

    #[test]
    fn episodes_are_newest_first_with_relative_audio() {
        let old = item("old one", "Old", OffsetDateTime::UNIX_EPOCH);
        let new = item("new", "New", parse_date("2026-02-01").unwrap_or(OffsetDateTime::UNIX_EPOCH));
        let html = index_html(&page(), &[old, new]);
        let new_at = html.find("id=\"ep-new\"").unwrap();
        let old_at = html.find("id=\"ep-old one\"").unwrap();
        assert!(new_at < old_at, "{html}");
        assert!(html.contains("<time datetime=\"2026-02-01\">1 February 2026</time>"), "{html}");
        assert!(html.contains("<audio controls preload=\"metadata\" src=\"new/episode.mp3\""));
        assert!(html.contains("src=\"old%20one/episode.mp3\""));
        assert!(!html.contains("http"), "no absolute URLs: {html}");
    }

    #[test]
    fn chapters_are_buttons_at_their_start_seconds() {
        let html = index_html(&page(), &[item("a", "Title", OffsetDateTime::UNIX_EPOCH)]);
        let buttons: Vec<&str> = html.lines().filter(|l| l.contains("class=\"chapter\"")).collect();
        assert_eq!(buttons.len(), 2, "{html}");
        assert!(buttons[0].contains("data-start=\"0.000\"><time>0:00</time>Title<"), "{}", buttons[0]);
        assert!(buttons[1].contains("data-start=\"5.000\"><time>0:05</time>Second part<"), "{}", buttons[1]);
        assert!(html.contains("<p>One.</p>\n<h3>Second part</h3>\n<p>Two.</p>"), "{html}");
    }

    #[test]
    fn a_lone_title_chapter_is_not_listed() {
        let mut one = item("a", "Title", OffsetDateTime::UNIX_EPOCH);
        one.manifest.segments.retain(|s| s.kind != SegmentKindName::Heading);
        let html = index_html(&page(), &[one]);
        assert!(!html.contains("class=\"chapter\""), "{html}");
        assert!(html.contains("<p>One. Two.</p>"), "one paragraph when the manifest keeps no ends: {html}");
    }

    #[test]
    fn the_transcript_breaks_where_the_article_did() {
        let mut one = item("a", "Title", OffsetDateTime::UNIX_EPOCH);
        one.manifest.segments.retain(|s| s.kind != SegmentKindName::Heading);
        one.manifest.segments[1].ends_paragraph = true;
        let html = index_html(&page(), &[one]);
        assert!(html.contains("<p>One.</p>\n<p>Two.</p>"), "{html}");
    }

    #[test]
    fn no_cover_no_image_and_clock_formats() {
        let html = index_html(&SitePage { image_file: None, ..page() }, &[]);
        assert!(!html.contains("<img"));
        assert_eq!(clock(61.6), "1:01");
        assert_eq!(clock(3725.0), "1:02:05");
        assert_eq!(clock(f64::NAN), "0:00");
    }
}

//! The MP3's ID3v2.4 tag, built with the `id3` crate: what podcast apps show (title, artist,
//! album, date, description, genre, cover) and the chapters (one CHAP frame per chapter under a
//! top-level, ordered CTOC frame).

use id3::frame::{Chapter as ChapFrame, Comment, Picture, PictureType, TableOfContents};
use id3::{Frame, Tag, TagLike, Timestamp, Version};

use super::{Chapter, Cover};

/// What the tag says.
#[derive(Debug, Clone)]
pub struct EpisodeTags<'a> {
    pub title: &'a str,
    pub artist: &'a str,
    pub album: &'a str,
    /// A date as the source gave it; kept only if it reads as an ISO 8601 date.
    pub date: Option<&'a str>,
    pub comment: Option<&'a str>,
    pub cover: Option<&'a Cover>,
    pub chapters: &'a [Chapter],
}

#[derive(Debug, thiserror::Error)]
#[error("cannot build the ID3 tag")]
pub struct TagError(#[source] id3::Error);

/// Today's date in UTC, from the system clock.
pub fn today() -> Timestamp {
    let date = time::OffsetDateTime::now_utc().date();
    Timestamp {
        year: date.year(),
        month: Some(u8::from(date.month())),
        day: Some(date.day()),
        hour: None,
        minute: None,
        second: None,
    }
}

/// A date from the source if it parses (first ten characters, `YYYY-MM-DD`), else today.
pub fn episode_date(source: Option<&str>) -> Timestamp {
    source
        .and_then(|d| d.trim().get(..10).or(Some(d.trim())).and_then(|d| d.parse::<Timestamp>().ok()))
        .unwrap_or_else(today)
}

fn millis(seconds: f64) -> u32 {
    (seconds.max(0.0) * 1000.0).round().min(u32::MAX as f64) as u32
}

/// The tag, serialized as ID3v2.4.
pub fn id3_bytes(tags: &EpisodeTags) -> Result<Vec<u8>, TagError> {
    let mut tag = Tag::new();
    let safe = |text: &str| super::xml_chars::xml_safe(text).into_owned();
    tag.set_title(safe(tags.title));
    tag.set_artist(safe(tags.artist));
    tag.set_album(safe(tags.album));
    tag.set_genre("Podcast");
    tag.set_date_recorded(episode_date(tags.date));
    if let Some(text) = tags.comment {
        tag.add_frame(Comment { lang: "eng".into(), description: String::new(), text: safe(text) });
    }
    if let Some(cover) = tags.cover {
        tag.add_frame(Picture {
            mime_type: cover.mime.to_string(),
            picture_type: PictureType::CoverFront,
            description: "Cover".into(),
            data: cover.data.clone(),
        });
    }
    let ids: Vec<String> = (0..tags.chapters.len()).map(|i| format!("chp{i}")).collect();
    for (id, chapter) in ids.iter().zip(tags.chapters) {
        tag.add_frame(ChapFrame {
            element_id: id.clone(),
            start_time: millis(chapter.start_s),
            end_time: millis(chapter.end_s),
            // No byte offsets: players use the times.
            start_offset: u32::MAX,
            end_offset: u32::MAX,
            frames: vec![Frame::text("TIT2", chapter.title.clone())],
        });
    }
    if !ids.is_empty() {
        tag.add_frame(TableOfContents {
            element_id: "toc".into(),
            top_level: true,
            ordered: true,
            elements: ids,
            frames: vec![Frame::text("TIT2", "Chapters")],
        });
    }
    let mut bytes = Vec::new();
    tag.write_to(&mut bytes, Version::Id3v24).map_err(TagError)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_round_trips_with_chapters() {
        let chapters = vec![
            Chapter { title: "Intro".into(), start_s: 0.0, end_s: 4.5 },
            Chapter { title: "Next".into(), start_s: 4.5, end_s: 9.0 },
        ];
        let cover = Cover { mime: "image/png", data: b"\x89PNG\r\n\x1a\n".to_vec() };
        let bytes = id3_bytes(&EpisodeTags {
            title: "T",
            artist: "A",
            album: "S",
            date: Some("2024-03-05T10:00:00Z"),
            comment: Some("First paragraph."),
            cover: Some(&cover),
            chapters: &chapters,
        })
        .unwrap();
        let tag = Tag::read_from2(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(tag.version(), Version::Id3v24);
        assert_eq!(tag.title(), Some("T"));
        assert_eq!(tag.genre(), Some("Podcast"));
        assert_eq!(tag.date_recorded().map(|d| (d.year, d.month, d.day)), Some((2024, Some(3), Some(5))));
        let chaps: Vec<_> = tag.chapters().collect();
        assert_eq!(chaps.len(), 2);
        assert_eq!((chaps[1].start_time, chaps[1].end_time), (4500, 9000));
        let toc: Vec<_> = tag.tables_of_contents().collect();
        assert_eq!(toc.len(), 1);
        assert!(toc[0].top_level && toc[0].ordered);
        assert_eq!(toc[0].elements, vec!["chp0", "chp1"]);
        assert_eq!(tag.pictures().count(), 1);
    }

    #[test]
    fn dates_parse_or_fall_back_to_today() {
        assert_eq!(episode_date(Some("2021-12-31")).year, 2021);
        let today = today();
        assert!(today.year >= 2024 && today.month.is_some());
        assert_eq!(episode_date(Some("last Tuesday")), today);
        assert_eq!(episode_date(None), today);
    }
}

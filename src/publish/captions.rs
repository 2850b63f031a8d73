//! Captions: `episode.vtt` (WebVTT) and `episode.srt` (SubRip), one cue per spoken segment with
//! its written text.
//!
//! A cue that would stay on screen longer than about 7 seconds, or need more than two lines of
//! 42 characters, is split at a clause boundary (comma, semicolon, colon, dash) nearest its
//! middle, or between words when there is none. The pieces share the segment's time in
//! proportion to their length, since the engine gives no timing inside a segment.

use std::io::Write;

use super::Manifest;

pub const MAX_CUE_S: f64 = 7.0;
pub const LINE_CHARS: usize = 42;
pub const MAX_LINES: usize = 2;
/// The shortest piece a clause split may leave.
pub const MIN_PIECE_CHARS: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start_s: f64,
    pub end_s: f64,
    pub lines: Vec<String>,
    /// Who speaks, when an episode has more than one voice (WebVTT's `<v NAME>` span).
    pub speaker: Option<String>,
}

/// Greedy word wrap at `width` characters (a longer word gets a line of its own).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where `text` may be split: byte offsets just after a clause mark (and its space), and
/// separately between words.
fn split_points(text: &str) -> (Vec<usize>, Vec<usize>) {
    let mut clauses = Vec::new();
    let mut words = Vec::new();
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c == ' ' && i > 0 {
            words.push(i);
            if matches!(previous, Some(',' | ';' | ':' | '\u{2014}' | '\u{2013}' | '-')) {
                clauses.push(i);
            }
        }
        previous = Some(c);
    }
    (clauses, words)
}

fn needs_split(text: &str, seconds: f64) -> bool {
    seconds > MAX_CUE_S || wrap(text, LINE_CHARS).len() > MAX_LINES
}

/// Split `text` (lasting `seconds`) into pieces that fit a cue.
fn split_text(text: &str, seconds: f64) -> Vec<String> {
    let text = text.trim();
    if !needs_split(text, seconds) {
        return vec![text.to_string()];
    }
    let (clauses, words) = split_points(text);
    let middle = text.len() / 2;
    let nearest = |points: &[usize]| points.iter().copied().min_by_key(|&p| p.abs_diff(middle));
    // A clause boundary that would leave a scrap ("This spring,") on screen for a moment is
    // worse than a break between words near the middle.
    let balanced: Vec<usize> =
        clauses.into_iter().filter(|&p| p >= MIN_PIECE_CHARS && text.len() - p >= MIN_PIECE_CHARS).collect();
    let Some(at) = nearest(&balanced).or_else(|| nearest(&words)) else {
        // One long word: nothing to split.
        return vec![text.to_string()];
    };
    let (a, b) = text.split_at(at);
    let total = text.chars().count().max(1) as f64;
    let share = |s: &str| seconds * s.chars().count() as f64 / total;
    let mut out = split_text(a, share(a));
    out.extend(split_text(b, share(b)));
    out
}

/// The cues of an episode, in order, each inside its segment's time.
pub fn cues(manifest: &Manifest) -> Vec<Cue> {
    cue_iter(manifest).collect()
}

/// The cues of an episode one after another, made as they are written: a long episode's
/// captions are never all in memory at once.
pub fn cue_iter(manifest: &Manifest) -> impl Iterator<Item = Cue> + '_ {
    let speakers: std::collections::HashSet<String> = manifest.segments.iter().map(|s| s.speaker(manifest)).collect();
    let several = speakers.len() > 1;
    manifest.segments.iter().flat_map(move |segment| {
        let speaker = several.then(|| segment.speaker(manifest));
        let seconds = (segment.end_s - segment.start_s).max(0.0);
        let pieces = split_text(&segment.text, seconds);
        let total: usize = pieces.iter().map(|p| p.chars().count()).sum::<usize>().max(1);
        let mut start = segment.start_s;
        let mut chars = 0;
        pieces.into_iter().map(move |piece| {
            chars += piece.chars().count();
            let end = segment.start_s + seconds * chars as f64 / total as f64;
            let cue = Cue { start_s: start, end_s: end, lines: wrap(&piece, LINE_CHARS), speaker: speaker.clone() };
            start = end;
            cue
        })
    })
}

/// `HH:MM:SS` plus milliseconds after `separator` ("." for WebVTT, "," for SubRip).
fn timestamp(seconds: f64, separator: char) -> String {
    let ms = (seconds.max(0.0) * 1000.0).round() as u64;
    format!("{:02}:{:02}:{:02}{separator}{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

fn vtt_escape(line: &str) -> String {
    line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Write `cues` as WebVTT to `out`.
pub fn write_vtt(cues: impl IntoIterator<Item = Cue>, out: &mut (impl Write + ?Sized)) -> std::io::Result<()> {
    out.write_all(b"WEBVTT\n\n")?;
    for (i, cue) in cues.into_iter().enumerate() {
        write!(out, "{}\n{} --> {}\n", i + 1, timestamp(cue.start_s, '.'), timestamp(cue.end_s, '.'))?;
        for (n, line) in cue.lines.iter().enumerate() {
            if let (0, Some(speaker)) = (n, &cue.speaker) {
                // A voice's name may not hold `>` (nor line ends) inside its tag.
                let name = speaker.replace(['>', '\n', '\r'], " ");
                write!(out, "<v {}>", vtt_escape(&name))?;
            }
            writeln!(out, "{}", vtt_escape(line))?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Write `cues` as SubRip to `out`.
pub fn write_srt(cues: impl IntoIterator<Item = Cue>, out: &mut (impl Write + ?Sized)) -> std::io::Result<()> {
    for (i, cue) in cues.into_iter().enumerate() {
        write!(out, "{}\n{} --> {}\n", i + 1, timestamp(cue.start_s, ','), timestamp(cue.end_s, ','))?;
        for line in &cue.lines {
            // A blank line ends an SRT cue, so no line may be empty.
            writeln!(out, "{line}")?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// WebVTT text of `cues`.
pub fn to_vtt(cues: &[Cue]) -> String {
    to_string(|out| write_vtt(cues.iter().cloned(), out))
}

/// SubRip text of `cues`.
pub fn to_srt(cues: &[Cue]) -> String {
    to_string(|out| write_srt(cues.iter().cloned(), out))
}

fn to_string(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and only whole UTF-8 strings are written.
    let _ = write(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_are_one_cue_long_ones_split_at_clauses() {
        assert_eq!(split_text("Short and sweet.", 2.0), vec!["Short and sweet."]);
        let long = "The council met on Tuesday to discuss the bridge, and after a long debate it voted to fund the repairs next spring.";
        let pieces = split_text(long, 6.0);
        assert_eq!(pieces[0], "The council met on Tuesday to discuss the bridge,");
        assert!(pieces.iter().all(|p| wrap(p, LINE_CHARS).len() <= MAX_LINES), "{pieces:?}");
        assert_eq!(pieces.join(" "), long);
        // Too long in time alone: split although it fits on two lines.
        assert!(split_text("Slowly, very slowly, it went.", 9.0).len() >= 2);
        // A clause mark near an end would leave a scrap: the words are split near the middle.
        let pieces = split_text(
            "This spring, a team of volunteers and engineers finally began to rebuild it stone by stone.",
            5.0,
        );
        assert_eq!(pieces.len(), 2);
        assert!(pieces.iter().all(|p| p.len() >= MIN_PIECE_CHARS), "{pieces:?}");
    }

    #[test]
    fn cue_times_stay_inside_the_segment_and_in_order() {
        let mut manifest = crate::publish::chapters::tests::manifest();
        manifest.segments[3].text = "Word ".repeat(60).trim().to_string();
        let cues = cues(&manifest);
        assert!(cues.len() > manifest.segments.len());
        for pair in cues.windows(2) {
            assert!(pair[0].end_s <= pair[1].start_s + 1e-9 && pair[0].start_s < pair[0].end_s);
        }
        let last = cues.last().unwrap();
        assert!((last.end_s - 20.0).abs() < 1e-9);
        assert!(cues.iter().all(|c| c.lines.len() <= MAX_LINES && c.end_s - c.start_s <= MAX_CUE_S + 1e-9));
    }

    #[test]
    fn formats() {
        let cues = vec![Cue { start_s: 3661.5, end_s: 3662.25, lines: vec!["a < b & c".into()], speaker: None }];
        assert_eq!(to_vtt(&cues), "WEBVTT\n\n1\n01:01:01.500 --> 01:01:02.250\na &lt; b &amp; c\n\n");
        assert_eq!(to_srt(&cues), "1\n01:01:01,500 --> 01:01:02,250\na < b & c\n\n");
    }
}

//! Relative URL paths to files in the output folder, for the feed and the page alike.
//!
//! Folder names are the user's (an episode folder may be renamed by hand), so each path segment
//! is percent-encoded with the set the URL standard uses for path segments: what would end or
//! split the segment (`/`, `?`, `#`, `%`), spaces, quotes, angle brackets, braces, controls and
//! every non-ASCII byte. `&`, `+` or `=` stay as they are, which a path allows.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// The WHATWG URL standard's path percent-encode set, plus `/` and `%` (a segment is data).
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%');

/// `segments` joined by `/`, each percent-encoded: `["a b", "episode.mp3"]` is `a%20b/episode.mp3`.
pub fn url_path(segments: &[&str]) -> String {
    segments.iter().map(|s| utf8_percent_encode(s, PATH_SEGMENT).to_string()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded_and_joined() {
        assert_eq!(url_path(&["Tide & Pier café", "episode.mp3"]), "Tide%20&%20Pier%20caf%C3%A9/episode.mp3");
        assert_eq!(url_path(&["a/b?c#d%e"]), "a%2Fb%3Fc%23d%25e");
        assert_eq!(url_path(&["cover.png"]), "cover.png");
    }
}

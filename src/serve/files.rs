//! Which file a request target names, and what type it is.
//!
//! Only regular files under the served folder are answered. The target is percent-decoded
//! first, so `%2e%2e` is `..` and refused like it; a `.` or `..` segment, a backslash or a NUL is
//! refused; hidden names (a leading dot: the atomic writer's temporary files, the state of other
//! tools) are not served; and the final path, symbolic links resolved, must still lie under the
//! folder. A folder is answered by its `index.html`, never by a listing.

use std::path::{Path, PathBuf};

/// The file `target` names under `root` (already canonical), or `None`: answered 404, whatever
/// the reason, so nothing outside the folder can be probed.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let path = path.strip_prefix('/')?;
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut candidate = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') {
            return None;
        }
        candidate.push(segment);
    }
    let mut real = candidate.canonicalize().ok()?;
    if real.is_dir() {
        real = real.join(crate::commands::feed::SITE_FILE).canonicalize().ok()?;
    }
    (real.starts_with(root) && real.is_file()).then_some(real)
}

/// The `Content-Type` for a file of a show folder, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == crate::publish::FEED_FILE {
        return "application/rss+xml; charset=utf-8";
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "vtt" => "text/vtt; charset=utf-8",
        "srt" => "application/x-subrip",
        "json" => "application/json",
        "html" | "htm" => "text/html; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "css" => "text/css",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_under_the_root_are_resolved() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("show");
        std::fs::create_dir_all(root.join("ep one")).unwrap();
        std::fs::write(root.join("ep one/episode.mp3"), b"mp3").unwrap();
        std::fs::write(root.join("index.html"), b"<p>").unwrap();
        std::fs::write(root.join(".feed.xml.tmp"), b"half").unwrap();
        std::fs::write(outer.path().join("secret.txt"), b"no").unwrap();
        std::os::unix::fs::symlink(outer.path().join("secret.txt"), root.join("link.txt")).unwrap();
        let root = root.canonicalize().unwrap();
        assert_eq!(resolve(&root, "/ep%20one/episode.mp3?x=1"), Some(root.join("ep one/episode.mp3")));
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/ep%20one/%2E%2E/%2e%2e/secret.txt",
            "/link.txt",
            "/.feed.xml.tmp",
            "/ep%20one/",
            "/ep%5c..%5csecret.txt",
            "/nothing.mp3",
            "relative",
        ] {
            assert_eq!(resolve(&root, bad), None, "{bad}");
        }
    }

    #[test]
    fn types_of_a_show_folder() {
        assert_eq!(content_type(Path::new("out/feed.xml")), "application/rss+xml; charset=utf-8");
        assert_eq!(content_type(Path::new("a/episode.MP3")), "audio/mpeg");
        assert_eq!(content_type(Path::new("a/episode.vtt")), "text/vtt; charset=utf-8");
        assert_eq!(content_type(Path::new("cover.jpg")), "image/jpeg");
    }
}

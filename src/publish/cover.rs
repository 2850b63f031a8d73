//! Cover art: a JPEG or PNG file read whole (podcast directories want a square image of at most
//! a few megabytes), its type told by its first bytes rather than its name.

use std::path::{Path, PathBuf};

/// Larger images are refused: they would bloat every episode's tag.
pub const MAX_COVER_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub mime: &'static str,
    pub data: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum CoverError {
    #[error("cannot read cover {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cover {path} is {size} bytes; at most {MAX_COVER_BYTES} are allowed")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("cover {path} is neither a JPEG nor a PNG image")]
    NotAnImage { path: PathBuf },
}

/// The MIME type of an image from its signature.
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

impl Cover {
    /// Width and height in pixels, read from the image's header; `None` when the header is
    /// damaged.
    pub fn dimensions(&self) -> Option<(usize, usize)> {
        imagesize::blob_size(&self.data).ok().map(|size| (size.width, size.height))
    }

    /// The file extension that matches the image's type.
    pub fn extension(&self) -> &'static str {
        if self.mime == "image/png" { "png" } else { "jpg" }
    }

    pub fn load(path: &Path) -> Result<Cover, CoverError> {
        let read = |source| CoverError::Read { path: path.to_path_buf(), source };
        let size = std::fs::metadata(path).map_err(read)?.len();
        if size > MAX_COVER_BYTES {
            return Err(CoverError::TooLarge { path: path.to_path_buf(), size });
        }
        // Bounded and regular-only: `/dev/zero` reports a size of 0 and never ends.
        let data = crate::bounded_read::read_regular(path, MAX_COVER_BYTES).map_err(read)?;
        let mime = sniff(&data).ok_or_else(|| CoverError::NotAnImage { path: path.to_path_buf() })?;
        Ok(Cover { mime, data })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_told_by_their_signature() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("cover.jpg");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\nrest").unwrap();
        assert_eq!(Cover::load(&png).unwrap().mime, "image/png");
        let text = dir.path().join("cover.png");
        std::fs::write(&text, b"hello").unwrap();
        assert!(matches!(Cover::load(&text), Err(CoverError::NotAnImage { .. })));
        assert!(matches!(Cover::load(&dir.path().join("none.png")), Err(CoverError::Read { .. })));
    }

    #[test]
    fn dimensions_come_from_the_header() {
        // A PNG signature and IHDR chunk for a 1600 x 900 image; the rest of the file is not read.
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend_from_slice(&1600u32.to_be_bytes());
        png.extend_from_slice(&900u32.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0]);
        let cover = Cover { mime: "image/png", data: png };
        assert_eq!(cover.dimensions(), Some((1600, 900)));
        assert_eq!(cover.extension(), "png");
        let broken = Cover { mime: "image/jpeg", data: vec![0xFF, 0xD8, 0xFF] };
        assert_eq!(broken.dimensions(), None);
        assert_eq!(broken.extension(), "jpg");
    }
}

//! Reading a file readcast was pointed at, bounded: a regular file of at most a known size.
//!
//! Settings name files (`--cover`, `image`, `--lexicon`, `--config`, the inputs) that a user
//! or a hostile config may point at `/dev/zero`, a FIFO or a huge file. Read naively, `/dev/zero`
//! fills memory until the kernel kills the machine's biggest process, and a FIFO with no writer
//! blocks forever. So the kind is checked before the file is opened (a special file is refused
//! without being opened) and the read stops one byte past the limit, whatever the file claims.
//! Errors are `std::io::Error`s, so every caller keeps its own typed error naming the file.

use std::io::{Error, ErrorKind, Read};
use std::path::Path;

/// Settings files (config, lexicon) are a few kilobytes; this is ample.
pub const SETTINGS_LIMIT: u64 = 4 * 1024 * 1024;

/// The bytes of the regular file at `path`, at most `limit` bytes; a folder, device, FIFO or
/// socket, or a longer file, is an error saying which.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    check_kind(&meta)?;
    check_len(meta.len(), limit)?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    // The file may have grown since it was measured.
    check_len(bytes.len() as u64, limit)?;
    Ok(bytes)
}

/// The regular file at `path`, checked as by [`read_regular`] and opened for a streamed read
/// that stops at `limit` bytes, whatever the file grows to.
pub fn open_regular(path: &Path, limit: u64) -> std::io::Result<std::io::Take<std::fs::File>> {
    let meta = std::fs::metadata(path)?;
    check_kind(&meta)?;
    check_len(meta.len(), limit)?;
    Ok(std::fs::File::open(path)?.take(limit))
}

/// [`read_regular`] as UTF-8 text.
pub fn read_regular_text(path: &Path, limit: u64) -> std::io::Result<String> {
    String::from_utf8(read_regular(path, limit)?)
        .map_err(|_| Error::new(ErrorKind::InvalidData, "it is not UTF-8 text"))
}

fn check_kind(meta: &std::fs::Metadata) -> std::io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() { "a folder" } else { "not a regular file (a device, FIFO or socket)" };
    Err(Error::new(ErrorKind::InvalidInput, format!("it is {what}")))
}

fn check_len(len: u64, limit: u64) -> std::io::Result<()> {
    if len > limit {
        return Err(Error::new(
            ErrorKind::FileTooLarge,
            format!("it is larger than the {} a file may be", size(limit)),
        ));
    }
    Ok(())
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 { format!("{} MB", bytes / (1024 * 1024)) } else { format!("{} KB", bytes / 1024) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_long_files_are_refused_regular_files_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "x = 1\n").unwrap();
        assert_eq!(read_regular_text(&file, 100).unwrap(), "x = 1\n");
        assert_eq!(read_regular(&file, 3).unwrap_err().kind(), ErrorKind::FileTooLarge);
        assert_eq!(read_regular(dir.path(), 100).unwrap_err().kind(), ErrorKind::InvalidInput);
        let zero = read_regular(Path::new("/dev/zero"), 100).unwrap_err();
        assert!(zero.to_string().contains("not a regular file"), "{zero}");
    }
}

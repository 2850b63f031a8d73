//! Where an input comes from: a file path, standard input (`-`) or a URL.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::IngestError;

/// Inputs larger than this are refused rather than read into memory. A 100,000-word article is
/// under 1 MB, so this leaves ample room while keeping memory bounded.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Stdin,
    File(PathBuf),
    /// An `http://` or `https://` address, fetched by [`super::fetch`].
    Url(String),
}

impl InputSource {
    /// `-` means standard input, `http://` and `https://` a URL; anything else is a path.
    pub fn parse(arg: &str) -> InputSource {
        if arg == "-" {
            InputSource::Stdin
        } else if super::fetch::is_url(arg) {
            InputSource::Url(arg.to_string())
        } else {
            InputSource::File(PathBuf::from(arg))
        }
    }

    /// The name used in messages and in the manifest's `source` field.
    pub fn display_name(&self) -> String {
        match self {
            InputSource::Stdin => "-".to_string(),
            InputSource::File(path) => path.display().to_string(),
            InputSource::Url(url) => url.clone(),
        }
    }

    /// The file path, if this input is a file.
    pub fn path(&self) -> Option<&Path> {
        match self {
            InputSource::File(path) => Some(path),
            InputSource::Stdin | InputSource::Url(_) => None,
        }
    }

    /// The bytes of a file or standard input. A URL is read by [`super::fetch::fetch`], which
    /// needs the fetch options; here it is refused.
    pub fn read_bytes(&self) -> Result<Vec<u8>, IngestError> {
        match self {
            InputSource::Url(url) => {
                Err(IngestError::Fetch { url: url.clone(), reason: "a URL must be fetched, not read".into() })
            }
            InputSource::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .take(MAX_INPUT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(IngestError::Stdin)?;
                check_size(bytes.len() as u64, "standard input")?;
                Ok(bytes)
            }
            InputSource::File(path) => read_file(path),
        }
    }
}

fn check_size(len: u64, name: &str) -> Result<(), IngestError> {
    if len > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge { name: name.to_string(), limit_mb: MAX_INPUT_BYTES / (1024 * 1024) });
    }
    Ok(())
}

fn is_fifo(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

fn read_file(path: &Path) -> Result<Vec<u8>, IngestError> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => IngestError::NotFound { path: path.to_path_buf() },
        _ => IngestError::Io { path: path.to_path_buf(), source },
    })?;
    if meta.is_dir() {
        return Err(IngestError::IsDirectory { path: path.to_path_buf() });
    }
    // A FIFO stays readable (`readcast render <(curl ...)`), bounded by the read below and
    // stopped by a signal while it waits for a writer; a device such as /dev/zero is refused.
    if !meta.is_file() && !is_fifo(&meta) {
        return Err(IngestError::NotAFile { path: path.to_path_buf() });
    }
    check_size(meta.len(), &path.display().to_string())?;
    let io_err = |source| IngestError::Io { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(io_err)?;
    check_size(bytes.len() as u64, &path.display().to_string())?;
    Ok(bytes)
}

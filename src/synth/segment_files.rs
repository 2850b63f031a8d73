//! The files an engine run works with: the segment's text written to a file, and the path the
//! engine writes its WAV to, in a private temporary folder that is removed when dropped (so an
//! error or an interruption leaves nothing behind).

use std::io::Write;
use std::path::PathBuf;

use super::SynthError;

pub struct SegmentFiles {
    /// The segment's text, followed by a line end (some engines want one).
    pub text: PathBuf,
    /// Where the engine is asked to write its audio.
    pub wav: PathBuf,
    _dir: tempfile::TempDir,
}

impl SegmentFiles {
    pub fn create(engine: &str, text: &str) -> Result<SegmentFiles, SynthError> {
        let temp = |source| SynthError::TempFile { engine: engine.into(), source };
        let dir = tempfile::Builder::new().prefix(&format!("readcast-{engine}-")).tempdir().map_err(temp)?;
        let text_path = dir.path().join("segment.txt");
        let mut file = std::fs::File::create(&text_path).map_err(temp)?;
        file.write_all(text.as_bytes()).and_then(|_| file.write_all(b"\n")).map_err(temp)?;
        Ok(SegmentFiles { text: text_path, wav: dir.path().join("segment.wav"), _dir: dir })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_written_and_the_folder_goes_with_the_value() {
        let files = SegmentFiles::create("test", "-- not an option").unwrap();
        assert_eq!(std::fs::read_to_string(&files.text).unwrap(), "-- not an option\n");
        assert!(!files.wav.exists());
        let dir = files.text.parent().unwrap().to_path_buf();
        drop(files);
        assert!(!dir.exists());
    }
}

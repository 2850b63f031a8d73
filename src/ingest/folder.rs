//! Inputs named on the command line, with folders opened up: a folder stands for every .txt,
//! .md and .html file inside it (and in its subfolders), in name order so runs are repeatable.

use std::path::{Path, PathBuf};

use super::kind::is_article_file;
use super::{IngestError, InputSource};

/// More files than this in one folder is almost surely the wrong folder.
pub const MAX_FOLDER_FILES: usize = 10_000;
/// Subfolders deeper than this are not searched (and a symlink loop cannot trap the walk).
const MAX_FOLDER_DEPTH: usize = 16;

/// Turn the command line's inputs into sources; each folder becomes the article files inside.
/// A folder that cannot be listed is one failed input, reported with the others.
pub fn expand_inputs(args: &[String]) -> Vec<Result<InputSource, (String, IngestError)>> {
    let mut out = Vec::new();
    for arg in args {
        let source = InputSource::parse(arg);
        match source.path() {
            Some(path) if path.is_dir() => match list_folder(path) {
                Ok(files) if files.is_empty() => {
                    out.push(Err((arg.clone(), IngestError::EmptyFolder { path: path.to_path_buf() })))
                }
                Ok(files) => out.extend(files.into_iter().map(|f| Ok(InputSource::File(f)))),
                Err(e) => out.push(Err((arg.clone(), e))),
            },
            _ => out.push(Ok(source)),
        }
    }
    out
}

/// Every article file under `dir`, sorted by path; hidden files and folders are skipped.
pub fn list_folder(dir: &Path) -> Result<Vec<PathBuf>, IngestError> {
    let mut files = Vec::new();
    walk(dir, dir, 0, &mut files)?;
    files.sort();
    Ok(files)
}

fn walk(root: &Path, dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> Result<(), IngestError> {
    let fail = |source| IngestError::Folder { path: dir.to_path_buf(), source };
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let file_type = entry.file_type().map_err(fail)?;
        if file_type.is_dir() {
            if depth < MAX_FOLDER_DEPTH {
                walk(root, &path, depth + 1, files)?;
            }
        } else if is_article_file(&path) && path.is_file() {
            files.push(path);
            if files.len() > MAX_FOLDER_FILES {
                return Err(IngestError::TooManyFiles { path: root.to_path_buf(), limit: MAX_FOLDER_FILES });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_gives_article_files_in_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.md", "a.txt", "c.html", "skip.pdf", ".hidden.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/d.htm"), "x").unwrap();
        let names: Vec<String> = list_folder(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, vec!["a.txt", "b.md", "c.html", "sub/d.htm"]);
    }
}

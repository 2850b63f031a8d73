//! Adding and removing `[[follow]]` entries in `readcast.toml`, keeping everything else in the
//! file as written (comments, order, spacing) with `toml_edit`.

use std::path::Path;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::{FollowError, FollowSource, FullText};

/// The file's text, or an empty document when it does not exist yet.
fn load(path: &Path) -> Result<DocumentMut, FollowError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(FollowError::Read { path: path.to_path_buf(), source }),
    };
    text.parse::<DocumentMut>().map_err(|e| FollowError::BadFile { path: path.to_path_buf(), reason: e.to_string() })
}

fn save(path: &Path, document: &DocumentMut) -> Result<(), FollowError> {
    crate::atomic_file::write_atomic(path, document.to_string().as_bytes())
        .map(drop)
        .map_err(|source| FollowError::Write { path: path.to_path_buf(), source })
}

fn follows<'a>(document: &'a mut DocumentMut, path: &Path) -> Result<&'a mut ArrayOfTables, FollowError> {
    let entry = document.entry("follow").or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    entry.as_array_of_tables_mut().ok_or_else(|| FollowError::BadFile {
        path: path.to_path_buf(),
        reason: "follow is not a list of [[follow]] tables".into(),
    })
}

/// Append `sources` as `[[follow]]` entries; one already there (same url) is an error.
pub fn add(path: &Path, sources: &[FollowSource]) -> Result<(), FollowError> {
    let mut document = load(path)?;
    let list = follows(&mut document, path)?;
    for source in sources {
        if list.iter().any(|t| t.get("url").and_then(|u| u.as_str()) == Some(source.url.as_str())) {
            return Err(FollowError::AlreadyFollowed { source_name: source.url.clone() });
        }
        let mut table = Table::new();
        table["url"] = value(&source.url);
        if let Some(title) = &source.title {
            table["title"] = value(title);
        }
        if let Some(max_new) = source.max_new {
            table["max_new"] = value(i64::try_from(max_new).unwrap_or(i64::MAX));
        }
        if let Some(voice) = &source.voice {
            table["voice"] = value(voice);
        }
        if source.full_text != FullText::Auto {
            table["full_text"] = value(source.full_text.as_str());
        }
        list.push(table);
    }
    save(path, &document)
}

/// Remove the entries whose url is one of `urls`; a url not followed is an error, and then
/// nothing is written.
pub fn remove(path: &Path, urls: &[String]) -> Result<(), FollowError> {
    let mut document = load(path)?;
    let list = follows(&mut document, path)?;
    for url in urls {
        if !list.iter().any(|t| t.get("url").and_then(|u| u.as_str()) == Some(url.as_str())) {
            return Err(FollowError::NotFollowed { source_name: url.clone() });
        }
    }
    list.retain(|t| !t.get("url").and_then(|u| u.as_str()).is_some_and(|u| urls.iter().any(|x| x == u)));
    if list.is_empty() {
        document.remove("follow");
    }
    save(path, &document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_added_and_removed_keeping_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("readcast.toml");
        std::fs::write(&path, "# my show\n[show]\ntitle = \"T\" # the name\n").unwrap();
        let mut a = FollowSource::new("http://127.0.0.1:1/a.xml");
        a.max_new = Some(3);
        a.full_text = FullText::Page;
        add(&path, &[a.clone(), FollowSource::new("http://127.0.0.1:1/b.xml")]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# my show\n[show]\ntitle = \"T\" # the name\n"), "{text}");
        let file: crate::config::FileConfig = toml::from_str(&text).unwrap();
        assert_eq!(file.follow[0], a);
        assert!(matches!(add(&path, &[a]), Err(FollowError::AlreadyFollowed { .. })));
        remove(&path, &["http://127.0.0.1:1/a.xml".into()]).unwrap();
        let file: crate::config::FileConfig = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(file.follow.len(), 1);
        assert!(matches!(remove(&path, &["http://127.0.0.1:1/zz".into()]), Err(FollowError::NotFollowed { .. })));
    }
}

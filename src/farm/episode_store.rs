//! Episodes in the object store `readcast-episodes`: a worker uploads the files of an episode
//! folder as `<job id>/<file name>`; `collect` downloads them into `<DIR>/<slug>/`, skipping a
//! file already there with the same SHA-256.

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::FarmError;
use super::connect::Farm;
use crate::error::Error;

/// Upload every finished file of `dir` (temporary files start with a dot and are left out).
/// Returns the object names.
pub async fn upload(farm: &Farm, id: &str, dir: &Path) -> Result<Vec<String>, Error> {
    let mut names = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(Error::output(dir))?;
    for entry in entries {
        let entry = entry.map_err(Error::output(dir))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') || !entry.path().is_file() {
            continue;
        }
        names.push(file_name);
    }
    names.sort();
    let mut objects = Vec::with_capacity(names.len());
    for file_name in names {
        let object = format!("{id}/{file_name}");
        let path = dir.join(&file_name);
        let mut file = tokio::fs::File::open(&path).await.map_err(Error::output(&path))?;
        farm.episodes
            .put(object.as_str(), &mut file)
            .await
            .map_err(FarmError::request(format!("cannot store {object} in the farm")))?;
        objects.push(object);
    }
    Ok(objects)
}

/// Download one stored file to `target` unless an identical file is there already. Returns
/// whether it was written.
pub async fn download(farm: &Farm, object: &str, target: &Path) -> Result<bool, Error> {
    let mut stored =
        farm.episodes.get(object).await.map_err(FarmError::request(format!("cannot fetch {object} from the farm")))?;
    if let Some(digest) = &stored.info().digest
        && local_digest(target).is_some_and(|local| *digest == local)
    {
        return Ok(false);
    }
    let atomic = crate::atomic_file::AtomicFile::create(target).map_err(Error::output(target))?;
    let std_file = atomic.try_clone_file().map_err(Error::output(target))?;
    let mut file = tokio::fs::File::from_std(std_file);
    tokio::io::copy(&mut stored, &mut file).await.map_err(Error::output(target))?;
    file.flush().await.map_err(Error::output(target))?;
    drop(file);
    atomic.commit().map_err(Error::output(target))?;
    Ok(true)
}

/// The object store's form of a file's digest: `SHA-256=` and URL-safe base64.
fn local_digest(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buffer).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    let encoded = base64::engine::general_purpose::URL_SAFE.encode(hasher.finalize());
    Some(format!("SHA-256={encoded}"))
}

/// Where `collect` puts an object `<id>/<file>` of the episode `slug`.
pub fn target_of(out_dir: &Path, slug: &str, object: &str) -> PathBuf {
    let file_name = object.rsplit('/').next().unwrap_or(object);
    out_dir.join(slug).join(file_name)
}

//! Episodes in the object store `readcast-episodes`: a worker uploads the files of an episode
//! folder as `<job id>/<file name>`; `collect` downloads them into `<DIR>/<slug>/`, skipping a
//! file already there with the same SHA-256.

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};
use std::io::Write;

use super::FarmError;
use super::connect::{EPISODES_BUCKET, Farm};
use super::object_read::StoredObject;
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
    // All at once: the small files' round trips overlap the WAV's chunks.
    let puts = names.into_iter().map(|file_name| async move {
        let object = format!("{id}/{file_name}");
        let path = dir.join(&file_name);
        let mut file = tokio::fs::File::open(&path).await.map_err(Error::output(&path))?;
        farm.episodes
            .put(farm.object_meta(&object), &mut file)
            .await
            .map_err(FarmError::request(format!("cannot store {object} in the farm")))?;
        Ok::<String, Error>(object)
    });
    futures_util::future::try_join_all(puts).await
}

/// The object name of a show's cover: by its content, so the same image is stored once however
/// many jobs use it, and a changed image is another object.
pub fn cover_object(image: &[u8]) -> String {
    format!("covers/{}", crate::hex::hex(&Sha256::digest(image)))
}

/// Store a show's cover as `object` unless it is there already.
pub async fn store_cover(farm: &Farm, object: &str, image: &[u8]) -> Result<(), FarmError> {
    if farm.episodes.info(object).await.is_ok_and(|info| !info.deleted) {
        return Ok(());
    }
    let mut reader = image;
    farm.episodes
        .put(farm.object_meta(object), &mut reader)
        .await
        .map_err(FarmError::request(format!("cannot store the cover {object} in the farm")))?;
    Ok(())
}

/// Download one stored file to `target` unless an identical file is there already. Returns
/// whether it was written. A failed fetch is tried again (a cluster that lost a server answers
/// again once it has elected new leaders); a failed write is not.
pub async fn download(farm: &Farm, object: &str, target: &Path) -> Result<bool, Error> {
    let mut attempt = 1;
    loop {
        match try_download(farm, object, target).await {
            Err(Fetch::Farm(_)) if attempt < FETCH_ATTEMPTS => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
            Err(Fetch::Farm(e)) => return Err(e.into()),
            Err(Fetch::Write(e)) => return Err(e),
            Ok(written) => return Ok(written),
        }
    }
}

const FETCH_ATTEMPTS: u32 = 5;

/// Why a download failed: the farm (worth another try) or the local disk (not).
enum Fetch {
    Farm(FarmError),
    Write(Error),
}

async fn try_download(farm: &Farm, object: &str, target: &Path) -> Result<bool, Fetch> {
    let stored = StoredObject::open(&farm.js, &farm.episodes, EPISODES_BUCKET, object).await.map_err(Fetch::Farm)?;
    let Some(mut stored) = stored else {
        return Err(Fetch::Farm(FarmError::Request {
            what: format!("cannot fetch {object} from the farm"),
            source: "no such object".into(),
        }));
    };
    if let Some(digest) = &stored.info.digest
        && local_digest(target).is_some_and(|local| *digest == local)
    {
        return Ok(false);
    }
    let write = |e| Fetch::Write(Error::output(target)(e));
    let atomic = crate::atomic_file::AtomicFile::create(target).map_err(write)?;
    let mut file = atomic.try_clone_file().map_err(write)?;
    // Checked against the object's SHA-256 when the last chunk is read; a damaged object leaves
    // nothing at the target.
    while let Some(chunk) = stored.next_chunk().await.map_err(Fetch::Farm)? {
        file.write_all(&chunk).map_err(write)?;
    }
    drop(file);
    atomic.commit().map_err(write)?;
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

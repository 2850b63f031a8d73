//! An episode folder changes as a whole, belongs to one article, and is rendered by one process
//! at a time.
//!
//! A render writes a complete new folder beside the old one (`<out>/.<slug>.render-<pid>`) and
//! swaps it in with one atomic rename (`renameat2(RENAME_EXCHANGE)` on Linux), so a reader or a
//! kill at any moment sees the whole old episode or the whole new one, never a new WAV beside an
//! old manifest. Renders of one folder are serialized by an advisory lock on `<out>/.<slug>.lock`;
//! the kernel drops it when its holder dies, so a killed render cannot hold it. Whoever holds the
//! lock owns every staging folder of that slug, so any it finds are a dead render's leftovers
//! and are removed, as are the temporary files older readcast versions left inside the folder.
//!
//! A folder belongs to the article whose `source` its manifest names: another article whose
//! title gives the same slug gets the next free one (`-2`, `-3`, ...) instead of taking it over.
//! A file or a URL is known by its name; standard input has none, so an article read from it is
//! known by its content (see [`Owner`]).

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::clean::Article;
use crate::error::Error;
use crate::ingest::InputSource;

/// The article an input is, as the owner of an episode folder: the input, and the name its
/// manifest records as `source`.
#[derive(Debug, Clone)]
pub struct Owner<'a> {
    source: &'a InputSource,
    name: String,
}

impl<'a> Owner<'a> {
    /// A file or a URL is its name. Standard input (`-`) is every article piped in, so its
    /// name is its content: `stdin:sha256:` and the start of the hash of the cleaned text
    /// (the title is left out: it is a label, often given with `--title`).
    pub fn of(source: &'a InputSource, article: &Article) -> Owner<'a> {
        let name = match source {
            InputSource::Stdin => {
                let mut hasher = Sha256::new();
                for block in &article.blocks {
                    hasher.update(block.text.as_bytes());
                    hasher.update(b"\n");
                }
                let digest = crate::hex::hex(&hasher.finalize());
                format!("stdin:sha256:{}", &digest[..16])
            }
            _ => source.display_name(),
        };
        Owner { source, name }
    }

    /// What the manifest records as `source`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A render's claim on `<out>/<slug>`: the lock, and the staging folder it writes into.
#[derive(Debug)]
pub struct EpisodeFolder {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    _lock: FolderLock,
    _cleanup: crate::cancel::ForcedExitCleanup,
}

impl EpisodeFolder {
    /// Lock `<out>/<slug>` (waiting for another render of it to finish), check that it is still
    /// free for `source` (another process may have put another article there since the slug was
    /// chosen), clear what dead renders left, and make an empty staging folder.
    pub fn begin(out_dir: &Path, slug: &str, owner: &Owner<'_>) -> Result<EpisodeFolder, Error> {
        std::fs::create_dir_all(out_dir).map_err(Error::output(out_dir))?;
        let lock = lock(out_dir, slug)?;
        if let Err(owner) = may_take(out_dir, slug, owner) {
            let path = out_dir.join(slug);
            let reason = format!("it now holds {owner}, rendered meanwhile; run again to get a folder of its own");
            return Err(Error::output(&path)(std::io::Error::new(std::io::ErrorKind::AlreadyExists, reason)));
        }
        remove_leftovers(out_dir, slug);
        let target = out_dir.join(slug);
        let staging = out_dir.join(format!(".{slug}.render-{}", std::process::id()));
        std::fs::create_dir(&staging).map_err(Error::output(&staging))?;
        let cleanup = crate::cancel::remove_on_forced_exit(&staging);
        Ok(EpisodeFolder { target, staging, committed: false, _lock: lock, _cleanup: cleanup })
    }

    /// Where the render writes.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Where the episode will be.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Swap the staging folder in as the episode folder; `files` (paths in the staging folder)
    /// come back as paths in the episode folder.
    pub fn commit(mut self, files: Vec<PathBuf>) -> Result<Vec<PathBuf>, Error> {
        crate::cancel::check()?;
        if self.target.is_dir() {
            exchange(&self.staging, &self.target).map_err(Error::output(&self.target))?;
            // The staging path now holds the old episode; the drop below removes it.
        } else {
            std::fs::rename(&self.staging, &self.target).map_err(Error::output(&self.target))?;
            self.committed = true;
        }
        let target = self.target.clone();
        Ok(files.into_iter().map(|f| f.file_name().map_or_else(|| f.clone(), |name| target.join(name))).collect())
    }
}

impl Drop for EpisodeFolder {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// The lock of one episode folder: removed when its holder is done, so finished renders
/// leave no file behind.
#[derive(Debug)]
struct FolderLock {
    path: PathBuf,
    file: File,
    _cleanup: crate::cancel::ForcedExitCleanup,
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Unlinked while still held: a waiter that then gets the lock sees the file gone and
        // takes a fresh one (see `lock`).
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Take the lock of `<out>/<slug>`, saying so when another render holds it.
fn lock(out_dir: &Path, slug: &str) -> Result<FolderLock, Error> {
    let path = out_dir.join(format!(".{slug}.lock"));
    let mut said = false;
    loop {
        let file =
            File::options().create(true).truncate(false).write(true).open(&path).map_err(Error::output(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                if !said {
                    eprintln!("readcast: waiting for another render of {} to finish", out_dir.join(slug).display());
                    said = true;
                }
                file.lock().map_err(Error::output(&path))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::output(&path)(e)),
        }
        // The holder we waited for removed the file: our lock is on a file no one else will
        // open, so take the one at the path now.
        if same_file(&file, &path) {
            let cleanup = crate::cancel::remove_on_forced_exit(&path);
            return Ok(FolderLock { path, file, _cleanup: cleanup });
        }
    }
}

fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Remove the staging folders of `slug` (their renders are dead: we hold the lock) and the
/// temporary files (`.*.tmp`) dead renders left inside the episode folder.
fn remove_leftovers(out_dir: &Path, slug: &str) {
    let prefix = format!(".{slug}.render-");
    for entry in std::fs::read_dir(out_dir).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    for entry in std::fs::read_dir(out_dir.join(slug)).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Swap two folders in one atomic step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a_c, b_c) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths, relative to the working directory.
    let done =
        unsafe { libc::renameat2(libc::AT_FDCWD, a_c.as_ptr(), libc::AT_FDCWD, b_c.as_ptr(), libc::RENAME_EXCHANGE) };
    if done == 0 {
        return Ok(());
    }
    let e = std::io::Error::last_os_error();
    // Filesystems without the exchange (some network ones) get the two-step swap.
    if e.raw_os_error() == Some(libc::EINVAL) { exchange_in_two_steps(a, b) } else { Err(e) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    exchange_in_two_steps(a, b)
}

/// The old folder steps aside, then the new one moves in: for a moment neither is there, but
/// never a mix of both.
fn exchange_in_two_steps(a: &Path, b: &Path) -> std::io::Result<()> {
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

/// What identifies the article an input is: the `source` a manifest records, compared so that
/// `a.txt` and `./a.txt` (or an absolute path to it) are one article.
fn same_source(recorded: &str, owner: &Owner<'_>) -> bool {
    if recorded == owner.name {
        return true;
    }
    match (owner.source.path(), std::fs::canonicalize(recorded)) {
        (Some(path), Ok(recorded)) => std::fs::canonicalize(path).is_ok_and(|p| p == recorded),
        _ => false,
    }
}

/// What holds a folder that an article may not take.
#[derive(Debug, thiserror::Error)]
enum Holder {
    #[error("files that are not an episode")]
    OtherFiles,
    #[error("another article ({0})")]
    Article(String),
}

/// Whether `<out>/<slug>` may take this input: free, or holding this same article.
fn may_take(out_dir: &Path, slug: &str, owner: &Owner<'_>) -> Result<(), Holder> {
    let folder = out_dir.join(slug);
    let manifest = folder.join(crate::episode::MANIFEST);
    let Ok(text) = crate::bounded_read::read_regular_text(&manifest, 64 * 1024 * 1024) else {
        // No manifest: a folder of only hidden leftovers (or none) is free; other files are not ours.
        let visible = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
        return if visible { Err(Holder::OtherFiles) } else { Ok(()) };
    };
    let recorded = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("source").and_then(|s| s.as_str()).map(str::to_string))
        .unwrap_or_default();
    if same_source(&recorded, owner) { Ok(()) } else { Err(Holder::Article(recorded)) }
}

/// The folder name for an article: the slug of its title, unless an earlier input of this run
/// took it or the folder holds another article; then the next free `-2`, `-3`, ... with a note
/// on stderr (unless `quiet`).
pub fn choose_slug(
    out_dir: &Path,
    source: &InputSource,
    article: &Article,
    taken: &mut HashSet<String>,
    quiet: bool,
) -> String {
    let owner = Owner::of(source, article);
    let base = crate::slug::slugify(&article.title);
    let mut slug = base.clone();
    let mut first_owner: Option<Holder> = None;
    for n in 2.. {
        if !taken.contains(&slug) {
            match may_take(out_dir, &slug, &owner) {
                Ok(()) => break,
                Err(owner) => {
                    first_owner.get_or_insert(owner);
                }
            }
        }
        slug = format!("{base}-{n}");
    }
    taken.insert(slug.clone());
    if let Some(owner) = first_owner.filter(|_| !quiet) {
        eprintln!(
            "readcast: {}: {} holds {owner}, so this episode goes to {}",
            source.display_name(),
            out_dir.join(&base).display(),
            out_dir.join(&slug).display()
        );
    }
    slug
}

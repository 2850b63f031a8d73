//! `readcast collect`: download the finished episodes into the output folder, one folder per
//! episode as `render` writes them, so `readcast feed` publishes them as it would local ones.
//! Of several finished jobs with the same folder name (an article and its edited version), the
//! newest is collected.

use std::path::{Path, PathBuf};

use super::connect::{FarmSettings, connect, runtime};
use super::episode_store::{download, target_of};
use super::record::State;
use crate::error::Error;

/// What a collection did.
#[derive(Debug, Default)]
pub struct Collected {
    pub episodes: usize,
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
}

pub fn run(settings: &FarmSettings, out_dir: &Path) -> Result<Collected, Error> {
    let runtime = runtime()?;
    runtime.block_on(async {
        let farm = connect(settings).await?;
        let mut collected = Collected::default();
        let mut records = farm.records().await?;
        records.retain(|(_, r)| r.state == State::Done);
        // One episode per folder: of jobs with the same slug (an article and its edit), the
        // newest.
        records.sort_by(|a, b| a.1.slug.cmp(&b.1.slug).then(b.1.finished_at.total_cmp(&a.1.finished_at)));
        records.dedup_by(|later, first| later.1.slug == first.1.slug);
        for (_, record) in records {
            let dir = out_dir.join(&record.slug);
            std::fs::create_dir_all(&dir).map_err(Error::output(&dir))?;
            for object in &record.files {
                let target = target_of(out_dir, &record.slug, object);
                if download(&farm, object, &target).await? {
                    collected.written.push(target);
                } else {
                    collected.unchanged += 1;
                }
            }
            collected.episodes += 1;
        }
        Ok(collected)
    })
}

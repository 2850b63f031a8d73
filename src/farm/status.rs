//! `readcast farm`: the state of the farm from the job table: jobs waiting, running (on which
//! worker), done and failed (with their errors), and each worker's jobs and speed.

use std::collections::BTreeMap;

use super::connect::{FarmSettings, connect, runtime};
use super::record::{JobRecord, State};
use crate::error::Error;

/// One worker's finished jobs.
#[derive(Debug, Default)]
struct WorkerTally {
    jobs: usize,
    audio_s: f64,
    render_s: f64,
}

pub fn run(settings: &FarmSettings) -> Result<(), Error> {
    let runtime = runtime()?;
    let mut records = runtime.block_on(async { connect(settings).await?.records().await })?;
    records.sort_by(|a, b| a.1.slug.cmp(&b.1.slug));
    print!("{}", report(&records));
    Ok(())
}

fn report(records: &[(String, JobRecord)]) -> String {
    let count = |state| records.iter().filter(|(_, r)| r.state == state).count();
    let mut out = format!(
        "jobs: {} waiting, {} running, {} done, {} failed\n",
        count(State::Queued),
        count(State::Running),
        count(State::Done),
        count(State::Failed)
    );
    let mut workers: BTreeMap<&str, WorkerTally> = BTreeMap::new();
    for (id, record) in records {
        let worker = record.worker.as_deref().unwrap_or("-");
        match record.state {
            State::Running => {
                out += &format!("running  {id}  {}  on {worker} (attempt {})\n", record.slug, record.attempts)
            }
            State::Failed => {
                let error = record.error.as_deref().unwrap_or("no reason recorded");
                out += &format!("failed   {id}  {}  {error}\n", record.slug);
            }
            State::Queued => out += &format!("waiting  {id}  {}\n", record.slug),
            State::Done => {
                let tally = workers.entry(worker).or_default();
                tally.jobs += 1;
                tally.audio_s += record.duration_s;
                tally.render_s += record.render_s;
            }
        }
    }
    for (name, tally) in workers {
        let speed = if tally.render_s > 0.0 { tally.audio_s / tally.render_s } else { 0.0 };
        out += &format!(
            "worker   {name}: {} jobs, {:.0} s of audio in {:.0} s ({speed:.1}x real time)\n",
            tally.jobs, tally.audio_s, tally.render_s
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_counts_states_and_names_failures_and_workers() {
        let mut done = JobRecord::queued("a", "A", "a.txt", 3);
        done.state = State::Done;
        done.worker = Some("w1".into());
        done.duration_s = 20.0;
        done.render_s = 10.0;
        let mut failed = JobRecord::queued("b", "B", "b.txt", 3);
        failed.state = State::Failed;
        failed.error = Some("engine broke".into());
        let text = report(&[("1".into(), done), ("2".into(), failed)]);
        assert!(text.starts_with("jobs: 0 waiting, 0 running, 1 done, 1 failed\n"), "{text}");
        assert!(text.contains("failed   2  b  engine broke"), "{text}");
        assert!(text.contains("worker   w1: 1 jobs, 20 s of audio in 10 s (2.0x real time)"), "{text}");
    }
}

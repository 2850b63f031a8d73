//! Running segments in parallel and handing their clips back in order.
//!
//! Workers take the next segment index, but never more than a window ahead of the last clip
//! written; so however long the episode, at most `window` clips wait in memory. The first error
//! stops new work; segments already running finish (their results may still be useful, e.g. to
//! a cache) and the error is returned.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

struct Dispatch {
    next: usize,
    written: usize,
    stopped: bool,
}

/// Run `work(i)` for `i` in `0..count` on `jobs` threads and pass each result to `deliver` in
/// index order. Returns the first error of either.
pub fn run_in_order<T, E, W, D>(count: usize, jobs: usize, work: W, mut deliver: D) -> Result<(), E>
where
    T: Send,
    E: Send,
    W: Fn(usize) -> Result<T, E> + Sync,
    D: FnMut(usize, T) -> Result<(), E>,
{
    let jobs = jobs.clamp(1, count.max(1));
    let window = jobs * 2 + 2;
    let state = Mutex::new(Dispatch { next: 0, written: 0, stopped: false });
    let wake = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, Result<T, E>)>();

    let take_next = || -> Option<usize> {
        let mut guard = state.lock().ok()?;
        loop {
            if guard.stopped || guard.next >= count {
                return None;
            }
            if guard.next < guard.written + window {
                guard.next += 1;
                return Some(guard.next - 1);
            }
            guard = wake.wait(guard).ok()?;
        }
    };
    let stop = || {
        if let Ok(mut guard) = state.lock() {
            guard.stopped = true;
        }
        wake.notify_all();
    };

    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let work = &work;
            let take_next = &take_next;
            scope.spawn(move || {
                while let Some(index) = take_next() {
                    if tx.send((index, work(index))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);

        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut written = 0;
        let mut outcome = Ok(());
        for (index, result) in rx.iter() {
            match result {
                Ok(item) => {
                    pending.insert(index, item);
                }
                Err(e) => {
                    outcome = Err(e);
                    break;
                }
            }
            while let Some(item) = pending.remove(&written) {
                if let Err(e) = deliver(written, item) {
                    outcome = Err(e);
                    break;
                }
                written += 1;
            }
            if outcome.is_err() {
                break;
            }
            if let Ok(mut guard) = state.lock() {
                guard.written = written;
            }
            wake.notify_all();
        }
        stop();
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn delivers_in_order_whatever_the_finishing_order() {
        let mut seen = Vec::new();
        run_in_order::<usize, String, _, _>(
            50,
            4,
            |i| {
                std::thread::sleep(std::time::Duration::from_millis(((i * 7) % 5) as u64));
                Ok(i * 10)
            },
            |i, v| {
                seen.push((i, v));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..50).map(|i| (i, i * 10)).collect::<Vec<_>>());
    }

    #[test]
    fn never_runs_more_than_a_window_ahead() {
        let max_ahead = AtomicUsize::new(0);
        let written = AtomicUsize::new(0);
        run_in_order::<(), String, _, _>(
            200,
            3,
            |i| {
                let ahead = i.saturating_sub(written.load(Ordering::SeqCst));
                max_ahead.fetch_max(ahead, Ordering::SeqCst);
                Ok(())
            },
            |i, _| {
                written.store(i + 1, Ordering::SeqCst);
                Ok(())
            },
        )
        .unwrap();
        assert!(max_ahead.load(Ordering::SeqCst) <= 3 * 2 + 2);
    }

    #[test]
    fn first_error_stops_the_run() {
        let started = AtomicUsize::new(0);
        let result = run_in_order::<(), String, _, _>(
            1000,
            2,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                if i == 5 { Err(format!("segment {i} failed")) } else { Ok(()) }
            },
            |_, _| Ok(()),
        );
        assert_eq!(result, Err("segment 5 failed".to_string()));
        assert!(started.load(Ordering::SeqCst) < 100);
    }
}

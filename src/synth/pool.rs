//! Running segments in parallel and handing their clips back in order.
//!
//! Workers take the next segment index, but never more than a window ahead of the last clip
//! written; so however long the episode, at most `window` clips wait in memory. The first error
//! stops new work; segments already running finish (their results may still be useful, e.g. to
//! a cache) and the error is returned.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Which segment is next, how far delivery has got, and whether to stop: shared by the workers.
struct Dispatcher {
    state: Mutex<Dispatch>,
    wake: Condvar,
    count: usize,
    /// Segments taken at most ahead of the last one delivered.
    window: usize,
}

struct Dispatch {
    next: usize,
    written: usize,
    stopped: bool,
}

impl Dispatcher {
    fn new(count: usize, window: usize) -> Dispatcher {
        Dispatcher {
            state: Mutex::new(Dispatch { next: 0, written: 0, stopped: false }),
            wake: Condvar::new(),
            count,
            window,
        }
    }

    /// The next index to work on, waiting while the window is full; `None` when all are taken
    /// or the run stopped.
    fn take_next(&self) -> Option<usize> {
        let mut guard = self.state.lock().ok()?;
        loop {
            if guard.stopped || guard.next >= self.count {
                return None;
            }
            if guard.next < guard.written + self.window {
                guard.next += 1;
                return Some(guard.next - 1);
            }
            guard = self.wake.wait(guard).ok()?;
        }
    }

    /// Delivery reached `written`: the window moves on.
    fn delivered(&self, written: usize) {
        if let Ok(mut guard) = self.state.lock() {
            guard.written = written;
        }
        self.wake.notify_all();
    }

    fn stop(&self) {
        if let Ok(mut guard) = self.state.lock() {
            guard.stopped = true;
        }
        self.wake.notify_all();
    }
}

/// Run `work(i)` for `i` in `0..count` on `jobs` threads and pass each result to `deliver` in
/// index order. Returns the first error of either.
pub fn run_in_order<T, E, W, D>(count: usize, jobs: usize, work: W, deliver: D) -> Result<(), E>
where
    T: Send,
    E: Send,
    W: Fn(usize) -> Result<T, E> + Sync,
    D: FnMut(usize, T) -> Result<(), E>,
{
    let jobs = jobs.clamp(1, count.max(1));
    let dispatcher = Dispatcher::new(count, jobs * 2 + 2);
    let (tx, rx) = mpsc::channel::<(usize, Result<T, E>)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (tx, work, dispatcher) = (tx.clone(), &work, &dispatcher);
            scope.spawn(move || {
                while let Some(index) = dispatcher.take_next() {
                    if tx.send((index, work(index))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let outcome = deliver_in_order(rx, &dispatcher, deliver);
        dispatcher.stop();
        outcome
    })
}

/// Hand results to `deliver` in index order as they arrive, holding the early ones; stop at
/// the first error of a worker or of `deliver`.
fn deliver_in_order<T, E, D>(
    rx: mpsc::Receiver<(usize, Result<T, E>)>,
    dispatcher: &Dispatcher,
    mut deliver: D,
) -> Result<(), E>
where
    D: FnMut(usize, T) -> Result<(), E>,
{
    let mut pending: BTreeMap<usize, T> = BTreeMap::new();
    let mut written = 0;
    for (index, result) in rx.iter() {
        pending.insert(index, result?);
        while let Some(item) = pending.remove(&written) {
            deliver(written, item)?;
            written += 1;
        }
        dispatcher.delivered(written);
    }
    Ok(())
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

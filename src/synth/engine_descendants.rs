//! Every process an engine started, found and ended, even one that left the engine's process
//! group.
//!
//! An engine runs in a process group of its own, and killing the group ends a shell script and
//! its `sleep`. A child that calls `setsid` (or `setpgid`) leaves the group, and once the engine
//! dies it would be re-parented to init and run on forever. So on Linux readcast makes itself a
//! child subreaper (`PR_SET_CHILD_SUBREAPER`): such orphans are re-parented to readcast instead,
//! where they can be found. Each engine run marks its processes with an environment variable
//! (inherited by everything it starts); when the run ends (exit, time limit, Ctrl-C), every
//! descendant of readcast that carries the run's mark or is in the engine's group, and every
//! process below one of those, is killed and, once it is readcast's child, reaped. Orphans that
//! had already ended (zombies in a session of their own) are reaped then too.
//!
//! Only pids found this way are waited for, never "any child": the other children (espeak
//! workers, other engines) belong to their `std::process::Child`. Other platforms keep the
//! group kill alone.

/// The environment variable that marks an engine run's processes.
pub const MARK_VAR: &str = "READCAST_ENGINE_RUN";

/// A fresh mark for one engine run: unique in this process and among readcast processes.
pub fn new_mark() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static RUNS: AtomicU64 = AtomicU64::new(0);
    format!("{}-{}", std::process::id(), RUNS.fetch_add(1, Ordering::Relaxed))
}

/// Make readcast the reaper of its orphaned descendants (Linux; once, before the first engine).
pub fn adopt_orphans() {
    #[cfg(target_os = "linux")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: prctl with PR_SET_CHILD_SUBREAPER only sets a flag of this process. A
            // failure (an old kernel) leaves the group kill alone, as on other platforms.
            unsafe {
                libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
            }
        });
    }
}

/// Kill and reap what is left of the engine run `mark` whose process group was `pgid`. Call it
/// after the engine itself has been waited for, so its orphans are readcast's children.
pub fn end_all(pgid: i32, mark: &str) {
    #[cfg(target_os = "linux")]
    linux::end_all(pgid, mark);
    #[cfg(not(target_os = "linux"))]
    let _ = (pgid, mark);
}

#[cfg(target_os = "linux")]
mod linux {
    use std::collections::BTreeSet;
    use std::io::Read;
    use std::time::{Duration, Instant};

    /// How long a run's processes are looked for and waited on after their first kill.
    const SWEEP_TIME: Duration = Duration::from_secs(1);
    const SWEEP_PAUSE: Duration = Duration::from_millis(5);
    /// Bounds on the walk of readcast's descendants: no real tree comes near them.
    const MAX_PROCESSES: usize = 4096;
    const MAX_DEPTH: usize = 64;
    /// The environment of a process is read up to this many bytes.
    const MAX_ENVIRON: u64 = 1024 * 1024;

    pub fn end_all(pgid: i32, mark: &str) {
        reap_adopted_zombies();
        let needle = format!("\0{}={mark}\0", super::MARK_VAR).into_bytes();
        let deadline = Instant::now() + SWEEP_TIME;
        let mut unreaped = BTreeSet::new();
        loop {
            let found = doomed(pgid, &needle);
            for &pid in &found {
                // SAFETY: kill only sends a signal; the pid was just found among our
                // descendants, marked as this engine run's.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
            }
            unreaped.extend(found);
            unreaped.retain(|&pid| !reaped(pid));
            if unreaped.is_empty() || Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(SWEEP_PAUSE);
        }
    }

    /// Reap the orphans that ended before anyone looked: a process an engine started in a
    /// session of its own (`setsid`) that exited while the engine, which never waited for it,
    /// still ran is handed to readcast as a zombie, and a zombie's environment no longer shows a
    /// run's mark. readcast's own children all stay in its session (an engine gets a process
    /// group, never a session), so a dead child in another session is such an orphan.
    fn reap_adopted_zombies() {
        let me = std::process::id() as i32;
        let Some(my_session) = stat_field(me, SESSION) else { return };
        for pid in children(me) {
            let zombie = stat_field(pid, STATE).is_some_and(|state| state == i32::from(b'Z'));
            if zombie && stat_field(pid, SESSION).is_some_and(|session| session != my_session) {
                reaped(pid);
            }
        }
    }

    /// Wait for `pid` if it is our child and has ended; true when there is nothing left to wait
    /// for (reaped now, or gone).
    fn reaped(pid: i32) -> bool {
        let mut status = 0;
        // SAFETY: waitpid on one pid we found and killed; WNOHANG never blocks.
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        // Not (yet) our child: its dying parent will hand it to us, unless it is gone.
        done == pid || (done < 0 && !std::path::Path::new(&format!("/proc/{pid}")).exists())
    }

    /// The descendants of readcast that belong to the run: in its group, carrying its mark, or
    /// below one that does.
    fn doomed(pgid: i32, needle: &[u8]) -> Vec<i32> {
        let mut found = Vec::new();
        let mut stack: Vec<(i32, bool, usize)> =
            children(std::process::id() as i32).into_iter().map(|pid| (pid, false, 1)).collect();
        let mut seen = 0;
        while let Some((pid, parent_doomed, depth)) = stack.pop() {
            seen += 1;
            if seen > MAX_PROCESSES {
                break;
            }
            let mine = parent_doomed || group_of(pid) == Some(pgid) || carries(pid, needle);
            if mine {
                found.push(pid);
            }
            if depth < MAX_DEPTH {
                stack.extend(children(pid).into_iter().map(|child| (child, mine, depth + 1)));
            }
        }
        found
    }

    /// The children of every thread of `pid` (a child's parent is the thread that forked it).
    fn children(pid: i32) -> Vec<i32> {
        let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).into_iter().flatten().flatten();
        tasks
            .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
            .flat_map(|list| list.split_whitespace().filter_map(|p| p.parse().ok()).collect::<Vec<i32>>())
            .collect()
    }

    /// Fields of `/proc/PID/stat` after the command name: "state ppid pgrp session ...".
    const STATE: usize = 0;
    const GROUP: usize = 2;
    const SESSION: usize = 3;

    /// A field of `/proc/PID/stat` (still there for a zombie); the state as its letter's code.
    fn stat_field(pid: i32, field: usize) -> Option<i32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        let (_, rest) = stat.rsplit_once(')')?;
        let value = rest.split_whitespace().nth(field)?;
        if field == STATE {
            return value.bytes().next().map(i32::from);
        }
        value.parse().ok()
    }

    /// The process group of `pid`.
    fn group_of(pid: i32) -> Option<i32> {
        stat_field(pid, GROUP)
    }

    /// Whether the environment of `pid` holds the run's mark.
    fn carries(pid: i32, needle: &[u8]) -> bool {
        let Ok(file) = std::fs::File::open(format!("/proc/{pid}/environ")) else { return false };
        let mut environ = vec![0u8];
        if file.take(MAX_ENVIRON).read_to_end(&mut environ).is_err() {
            return false;
        }
        environ.push(0);
        environ.windows(needle.len()).any(|w| w == needle)
    }
}

//! The render farm against a real `nats-server -js` on 127.0.0.1 and real worker processes of
//! the binary (espeak-ng): episodes identical to a local render, a worker killed mid-job, a
//! worker stopped by SIGTERM, a submission made twice, the shared segment cache, bad servers.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::nats_jwt::OperatorServer;
use crate::common::nats_server::{NatsServer, WorkerProcess, start_tls, start_worker, worker_log};
use crate::common::{assert_ok, assert_one_line_error, read_json, read_wav, readcast, stderr, stdout};

/// An article of `sentences` distinct sentences under `title`, written to `dir`.
fn article(dir: &Path, title: &str, sentences: usize) -> PathBuf {
    let mut text = format!("{title}\n\n");
    for i in 1..=sentences {
        text += &format!("The {title} report, part {i}, says the river rose by {i} centimetres overnight. ");
        if i % 4 == 0 {
            text += "\n\n";
        }
    }
    let path = dir.join(format!("{}.txt", title.to_lowercase().replace(' ', "-")));
    std::fs::write(&path, text).expect("write article");
    path
}

fn farm(url: &str, args: &[&str], inputs: &[&Path]) -> Output {
    let mut cmd = readcast();
    cmd.args(args).args(["--nats", url]);
    cmd.args(inputs).stdin(Stdio::null()).output().expect("run readcast")
}

fn submit(url: &str, inputs: &[&Path], wait: bool) -> Output {
    let mut args = vec!["submit", "--backend", "espeak-ng", "-q"];
    if wait {
        args.push("--wait");
    }
    farm(url, &args, inputs)
}

fn status(url: &str) -> String {
    let out = farm(url, &["farm"], &[]);
    assert_ok(&out);
    stdout(&out)
}

/// Poll `readcast farm` until its report contains `needle`.
fn wait_for_status(url: &str, needle: &str, limit: Duration) -> String {
    let start = Instant::now();
    loop {
        let report = status(url);
        if report.contains(needle) {
            return report;
        }
        assert!(start.elapsed() < limit, "the farm never showed {needle:?}; last report:\n{report}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn stop(worker: WorkerProcess) {
    drop(worker);
}

fn sigterm(worker: &WorkerProcess) {
    let status = std::process::Command::new("kill").args(["-TERM", &worker.id().to_string()]).status();
    assert!(status.expect("run kill").success());
}

fn wait_exit(worker: &mut WorkerProcess, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = worker.try_wait().expect("wait worker") {
            return status;
        }
        assert!(start.elapsed() < limit, "the worker did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn job_ids(out: &Output) -> Vec<String> {
    stdout(out).lines().filter_map(|l| l.split('\t').next()).map(str::to_string).collect()
}

/// Every `*.clip` entry of the workers' caches in one folder: a local render from it speaks
/// nothing, so it uses exactly the clips the farm used (espeak-ng itself is not sample-exact
/// from one run to the next).
fn merge_caches(dir: &Path, names: &[&str], into: &Path) {
    for name in names {
        let cache = dir.join(format!("{name}-cache"));
        for shard in std::fs::read_dir(&cache).into_iter().flatten().flatten() {
            let target = into.join(shard.file_name());
            std::fs::create_dir_all(&target).unwrap();
            for entry in std::fs::read_dir(shard.path()).unwrap().flatten() {
                std::fs::copy(entry.path(), target.join(entry.file_name())).unwrap();
            }
        }
    }
}

#[test]
fn twelve_articles_on_three_workers_are_what_render_renders_and_collect_fetches_them() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let titles: Vec<String> = (1..=12).map(|i| format!("Harbour Note {i}")).collect();
    let inputs: Vec<PathBuf> = titles.iter().map(|t| article(dir.path(), t, 2)).collect();
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let workers: Vec<WorkerProcess> =
        ["a", "b", "c"].iter().map(|name| start_worker(&server.url, dir.path(), name, &["--jobs", "1"])).collect();
    let submitted = submit(&server.url, &inputs, true);
    assert_ok(&submitted);
    assert_eq!(job_ids(&submitted).len(), 12, "{}", stdout(&submitted));
    assert!(status(&server.url).starts_with("jobs: 0 waiting, 0 running, 12 done, 0 failed"));
    workers.into_iter().for_each(stop);

    let out = dir.path().join("collected");
    let collected = farm(&server.url, &["collect", "-o", out.to_str().unwrap()], &[]);
    assert_ok(&collected);
    let local_cache = dir.path().join("local-cache");
    merge_caches(dir.path(), &["a", "b", "c"], &local_cache);
    let local_out = dir.path().join("local");
    let mut render = readcast();
    // --jobs as on the workers: the encoding's parts follow it, and the mastering with them.
    render.args(["render", "-q", "--backend", "espeak-ng", "--jobs", "1", "--cache-dir"]).arg(&local_cache);
    let rendered = render.arg("-o").arg(&local_out).args(&inputs).output().unwrap();
    assert_ok(&rendered);
    for slug in &(1..=12).map(|i| format!("harbour-note-{i}")).collect::<Vec<_>>() {
        let manifest = read_json(&local_out.join(slug).join("episode.json"));
        assert_eq!(manifest["synthesized"], 0, "the local render spoke nothing: {slug}");
        let farm_manifest = read_json(&out.join(slug).join("episode.json"));
        assert_eq!(farm_manifest["segments"], manifest["segments"], "{slug}");
        assert_eq!(farm_manifest["mastering"], manifest["mastering"], "{slug}");
        let farm_wav = read_wav(&out.join(slug).join("episode.wav"));
        let local_wav = read_wav(&local_out.join(slug).join("episode.wav"));
        assert!(!farm_wav.samples.is_empty());
        assert!(farm_wav.samples == local_wav.samples, "{slug}: the farm's audio differs from render's");
    }
    let episodes = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(episodes, 12, "every episode collected, none twice");
    // Collecting again writes nothing: every file is there and identical.
    let again = farm(&server.url, &["collect", "-o", out.to_str().unwrap()], &[]);
    assert_ok(&again);
    assert_eq!(stdout(&again), "");
}

/// A readcast.toml in `dir` with a `[show]` of this title and author and a cover of `size` pixels.
fn show_config(dir: &Path, title: &str, author: &str, size: u32) -> (PathBuf, Vec<u8>) {
    std::fs::create_dir_all(dir).unwrap();
    crate::common::make_image(&dir.join("cover.png"), size, size);
    let config = dir.join("readcast.toml");
    std::fs::write(&config, format!("[show]\ntitle = \"{title}\"\nauthor = \"{author}\"\nimage = \"cover.png\"\n"))
        .unwrap();
    (config, std::fs::read(dir.join("cover.png")).unwrap())
}

#[test]
fn the_submitters_show_is_in_the_episode_whichever_worker_renders_it() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let text = article(dir.path(), "Cove Tides", 2);
    // The worker has a show of its own; none of it may reach the episode.
    let (worker_config, worker_cover) = show_config(&dir.path().join("worker"), "Worker Show", "Worker Person", 40);
    let worker = start_worker(&server.url, dir.path(), "a", &["--config", worker_config.to_str().unwrap()]);
    let (config, cover) = show_config(&dir.path().join("desk"), "Cove Weekly", "Cove Radio", 64);
    let mut cmd = readcast();
    cmd.arg("--config").arg(&config).args(["submit", "--backend", "espeak-ng", "-q", "--wait", "--nats", &server.url]);
    let submitted = cmd.arg(&text).stdin(Stdio::null()).output().unwrap();
    stop(worker);
    assert_ok(&submitted);

    let out = dir.path().join("collected");
    assert_ok(&farm(&server.url, &["collect", "-o", out.to_str().unwrap()], &[]));
    let episode = out.join("cove-tides");
    let chapters = read_json(&episode.join("chapters.json"));
    assert_eq!(chapters["podcastName"], "Cove Weekly", "{chapters}");
    assert_eq!(chapters["author"], "Cove Radio", "{chapters}");
    let mp3 = std::fs::read(episode.join("episode.mp3")).unwrap();
    let holds = |needle: &[u8]| mp3.windows(needle.len()).any(|w| w == needle);
    assert!(holds(b"Cove Weekly") && holds(b"Cove Radio"), "the MP3's album and artist are the submitter's");
    assert!(holds(&cover), "the MP3's picture is the submitter's cover");
    assert!(!holds(b"Worker Show") && !holds(&worker_cover), "nothing of the worker's show");
}

#[test]
fn a_worker_killed_mid_job_has_its_job_finished_by_another() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let long = article(dir.path(), "Long Night", 60);
    let queued = farm(&server.url, &["submit", "--backend", "espeak-ng", "-q", "--ack-wait", "2"], &[&long]);
    assert_ok(&queued);
    let id = job_ids(&queued).remove(0);
    let mut a = start_worker(&server.url, dir.path(), "a", &["--jobs", "1", "--ack-wait", "2"]);
    wait_for_status(&server.url, &format!("running  {id}  long-night  on a"), Duration::from_secs(30));
    a.kill().expect("SIGKILL the worker");
    a.wait().unwrap();

    let b = start_worker(&server.url, dir.path(), "b", &[]);
    // Submitting it again waits for the same job: it is not queued twice.
    let waited = submit(&server.url, &[&long], true);
    assert_ok(&waited);
    assert_eq!(job_ids(&waited), vec![id.clone()]);
    assert!(stdout(&waited).contains("already queued"), "{}", stdout(&waited));
    let report = status(&server.url);
    assert!(report.starts_with("jobs: 0 waiting, 0 running, 1 done, 0 failed"), "{report}");
    assert!(report.contains("worker   b: 1 jobs"), "{report}");
    assert!(worker_log(dir.path(), "b").contains(&format!("job {id} (long-night), attempt 2")));
    stop(b);
    let out = dir.path().join("out");
    assert_ok(&farm(&server.url, &["collect", "-q", "-o", out.to_str().unwrap()], &[]));
    let folders: Vec<_> = std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(folders, vec![std::ffi::OsString::from("long-night")], "one episode, none duplicated");
}

#[test]
fn a_job_whose_workers_all_die_is_failed_not_running_for_ever() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let long = article(dir.path(), "Long Evening", 60);
    let queued = farm(
        &server.url,
        &["submit", "--backend", "espeak-ng", "-q", "--ack-wait", "2", "--max-deliver", "2"],
        &[&long],
    );
    assert_ok(&queued);
    let id = job_ids(&queued).remove(0);
    for (attempt, name) in [(1, "a"), (2, "b")] {
        let mut worker =
            start_worker(&server.url, dir.path(), name, &["--jobs", "1", "--ack-wait", "2", "--max-deliver", "2"]);
        wait_for_status(&server.url, &format!("running  {id}  long-evening  on {name}"), Duration::from_secs(30));
        assert!(worker_log(dir.path(), name).contains(&format!("attempt {attempt}")));
        worker.kill().expect("SIGKILL the worker");
        worker.wait().unwrap();
    }
    // The job comes back once more after the ack wait; that worker records it failed.
    let c = start_worker(&server.url, dir.path(), "c", &["--ack-wait", "2", "--max-deliver", "2"]);
    wait_for_status(&server.url, "1 failed", Duration::from_secs(30));
    stop(c);
    let report = status(&server.url);
    assert!(report.starts_with("jobs: 0 waiting, 0 running, 0 done, 1 failed"), "{report}");
    assert!(report.contains("stopped without a word on each of 2 attempts"), "{report}");
    assert!(!worker_log(dir.path(), "c").contains("attempt 3"), "never rendered a third time");
}

#[test]
fn sigterm_hands_the_job_back_at_once() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let long = article(dir.path(), "Long Day", 60);
    // A long ack wait: only a handed-back job can move to the next worker quickly.
    let queued = farm(&server.url, &["submit", "--backend", "espeak-ng", "-q", "--ack-wait", "120"], &[&long]);
    assert_ok(&queued);
    let id = job_ids(&queued).remove(0);
    let mut a = start_worker(&server.url, dir.path(), "a", &["--jobs", "1"]);
    wait_for_status(&server.url, &format!("running  {id}  long-day  on a"), Duration::from_secs(30));
    sigterm(&a);
    let exit = wait_exit(&mut a, Duration::from_secs(20));
    assert!(exit.success(), "{exit:?}: {}", worker_log(dir.path(), "a"));
    assert!(worker_log(dir.path(), "a").contains(&format!("job {id} handed back")), "{}", worker_log(dir.path(), "a"));

    let started = Instant::now();
    let b = start_worker(&server.url, dir.path(), "b", &[]);
    wait_for_status(&server.url, "1 done", Duration::from_secs(60));
    assert!(started.elapsed() < Duration::from_secs(100), "the job waited for the ack wait");
    stop(b);
    assert!(worker_log(dir.path(), "b").contains(&format!("job {id} (long-day), attempt 2")));
}

#[test]
fn a_worker_with_two_jobs_runs_two_at_once_and_hands_both_back_on_sigterm() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<PathBuf> =
        ["Long Night", "Long Week", "Long Year"].iter().map(|t| article(dir.path(), t, 60)).collect();
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let queued = farm(&server.url, &["submit", "--backend", "espeak-ng", "-q", "--ack-wait", "120"], &inputs);
    assert_ok(&queued);
    // As `render` does with several articles: `--jobs 2` renders two articles side by side.
    let mut a = start_worker(&server.url, dir.path(), "a", &["--jobs", "2"]);
    let report = wait_for_status(&server.url, "1 waiting, 2 running", Duration::from_secs(30));
    assert!(report.matches(" on a").count() == 2, "{report}");
    sigterm(&a);
    let exit = wait_exit(&mut a, Duration::from_secs(20));
    let log = worker_log(dir.path(), "a");
    assert!(exit.success(), "{exit:?}: {log}");
    assert_eq!(log.matches("handed back to the queue").count(), 2, "{log}");
    assert!(status(&server.url).starts_with("jobs: 3 waiting, 0 running, 0 done"), "{}", status(&server.url));

    // Another worker finishes all three without waiting out the ack wait.
    let b = start_worker(&server.url, dir.path(), "b", &["--jobs", "2"]);
    let waited = submit(&server.url, &inputs, true);
    stop(b);
    assert_ok(&waited);
    assert!(status(&server.url).starts_with("jobs: 0 waiting, 0 running, 3 done, 0 failed"));
}

#[test]
fn a_worker_whose_server_is_gone_still_stops_cleanly_on_sigterm() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let mut worker = start_worker(&server.url, dir.path(), "a", &[]);
    wait_for_status(&server.url, "jobs: 0 waiting", Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(500));
    drop(server);
    // The worker's fetch is now unanswered; the stop request must still be heard.
    std::thread::sleep(Duration::from_secs(1));
    sigterm(&worker);
    let status = wait_exit(&mut worker, Duration::from_secs(10));
    let log = worker_log(dir.path(), "a");
    assert!(status.success(), "{status:?}: {log}");
    assert!(log.contains("stopped") && !log.contains("error"), "{log}");
}

#[test]
fn the_same_submission_is_one_job_and_a_second_worker_speaks_only_new_sentences() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let text = article(dir.path(), "Town Notes", 6);
    let a = start_worker(&server.url, dir.path(), "a", &[]);
    let first = submit(&server.url, &[&text], true);
    assert_ok(&first);
    stop(a);
    let again = submit(&server.url, &[&text], false);
    assert_ok(&again);
    assert_eq!(job_ids(&again), job_ids(&first));
    assert!(stdout(&again).contains("already done"), "{}", stdout(&again));
    assert!(status(&server.url).starts_with("jobs: 0 waiting, 0 running, 1 done"));

    // The article with one sentence more, rendered by a worker with an empty local cache.
    let mut edited = std::fs::read_to_string(&text).unwrap();
    edited += "\n\nA sentence nobody has spoken before closes the notes.\n";
    std::fs::write(&text, edited).unwrap();
    let b = start_worker(&server.url, dir.path(), "b", &[]);
    let second = submit(&server.url, &[&text], true);
    assert_ok(&second);
    assert_ne!(job_ids(&second), job_ids(&first));
    stop(b);
    let out = dir.path().join("out");
    assert_ok(&farm(&server.url, &["collect", "-q", "-o", out.to_str().unwrap()], &[]));
    let manifest = read_json(&out.join("town-notes").join("episode.json"));
    let log = worker_log(dir.path(), "a") + &worker_log(dir.path(), "b");
    assert_eq!(manifest["synthesized"], 1, "only the new sentence is spoken; worker b: {log}");
    assert_eq!(manifest["cached"], manifest["segments"].as_array().unwrap().len() - 1);
}

#[test]
fn bad_servers_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let text = article(dir.path(), "Short", 1);
    let closed = format!("nats://127.0.0.1:{}", crate::common::nats_server::free_port());
    let out = submit(&closed, &[&text], false);
    assert!(assert_one_line_error(&out).contains("cannot reach a NATS server at"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(2));

    let plain = NatsServer::with_args(&[]);
    let out = farm(&plain.url, &["farm"], &[]);
    assert!(assert_one_line_error(&out).contains("has no JetStream"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(2));

    let locked = NatsServer::with_args(&["-js", "--user", "reader", "--pass", "s3cret"]);
    let out = farm(&locked.url, &["worker"], &[]);
    assert!(assert_one_line_error(&out).contains("refused the credentials"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(2));

    let out = readcast().args(["farm"]).env_remove("READCAST_NATS").output().unwrap();
    assert!(assert_one_line_error(&out).contains("no NATS server given"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn credentials_admit_the_farm_and_wrong_or_missing_ones_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let locked = OperatorServer::start(dir.path());
    let url = locked.server.url.as_str();
    let creds = locked.creds.to_str().unwrap();
    let text = article(dir.path(), "Locked Harbour", 2);
    let worker = start_worker(url, dir.path(), "a", &["--nats-creds", creds]);
    let submitted = farm(url, &["submit", "--backend", "espeak-ng", "-q", "--wait", "--nats-creds", creds], &[&text]);
    stop(worker);
    assert_ok(&submitted);
    assert!(worker_log(dir.path(), "a").contains("done"), "{}", worker_log(dir.path(), "a"));
    // The file named in [cluster], relative to readcast.toml.
    let config = dir.path().join("readcast.toml");
    std::fs::write(&config, format!("[cluster]\nnats = \"{url}\"\ncreds = \"farm.creds\"\n")).unwrap();
    let status = readcast().arg("--config").arg(&config).arg("farm").env_remove("READCAST_NATS").output().unwrap();
    assert_ok(&status);
    assert!(stdout(&status).starts_with("jobs: 0 waiting, 0 running, 1 done, 0 failed"), "{}", stdout(&status));

    let stranger = locked.stranger_creds.to_str().unwrap();
    let missing = dir.path().join("missing.creds");
    for args in [vec!["farm"], vec!["farm", "--nats-creds", stranger], vec!["worker", "--nats-creds", stranger]] {
        let out = farm(url, &args, &[]);
        assert!(assert_one_line_error(&out).contains("refused the credentials"), "{args:?}: {}", stderr(&out));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = farm(url, &["farm", "--nats-creds", missing.to_str().unwrap()], &[]);
    assert!(assert_one_line_error(&out).contains("cannot read the NATS credentials file"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_tls_server_is_reached_with_its_ca_trusted_and_refused_without() {
    let dir = tempfile::tempdir().unwrap();
    let (server, ca) = start_tls(dir.path());
    let url = server.url.replace("nats://", "tls://");
    let trusted = readcast().args(["farm", "--nats", &url]).env("SSL_CERT_FILE", &ca).output().unwrap();
    assert_ok(&trusted);
    assert!(stdout(&trusted).starts_with("jobs: 0 waiting"), "{}", stdout(&trusted));
    // The client checks the server's certificate: an unknown CA is refused, in one line.
    let elsewhere = dir.path().join("elsewhere.pem");
    std::fs::write(&elsewhere, "").unwrap();
    let untrusted = readcast().args(["farm", "--nats", &url]).env("SSL_CERT_FILE", &elsewhere).output().unwrap();
    assert!(
        assert_one_line_error(&untrusted).contains("cannot reach a NATS server at tls://"),
        "{}",
        stderr(&untrusted)
    );
    assert_eq!(untrusted.status.code(), Some(2));
}

#[test]
fn a_job_that_cannot_render_fails_once_with_its_reason_and_cluster_settings_come_from_the_file() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let text = article(dir.path(), "Lost Voice", 2);
    let a = start_worker(&server.url, dir.path(), "a", &[]);
    let out =
        farm(&server.url, &["submit", "--backend", "espeak-ng", "--voice", "no-such-voice", "-q", "--wait"], &[&text]);
    stop(a);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let id = job_ids(&out).remove(0);
    assert!(stderr(&out).contains(&format!("job {id} (lost-voice):")), "{}", stderr(&out));
    assert!(stderr(&out).contains("no-such-voice"), "{}", stderr(&out));
    let log = worker_log(dir.path(), "a");
    assert!(log.contains("attempt 1") && !log.contains("attempt 2"), "tried once only: {log}");

    // `farm` finds the server in readcast.toml's [cluster] and lists the failure with its reason.
    let config = dir.path().join("readcast.toml");
    std::fs::write(&config, format!("[cluster]\nnats = \"{}\"\n", server.url)).unwrap();
    let status = readcast().arg("--config").arg(&config).arg("farm").env_remove("READCAST_NATS").output().unwrap();
    assert_ok(&status);
    let report = stdout(&status);
    assert!(report.starts_with("jobs: 0 waiting, 0 running, 0 done, 1 failed"), "{report}");
    assert!(report.contains(&format!("failed   {id}  lost-voice")) && report.contains("no-such-voice"), "{report}");
}

#[test]
fn one_of_three_servers_killed_and_the_farm_goes_on() {
    let mut cluster = crate::common::nats_server::NatsCluster::start();
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<PathBuf> = (1..=4).map(|i| article(dir.path(), &format!("Cluster Note {i}"), 6)).collect();
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    // The cluster elects its JetStream leader in a few seconds; the first command waits for it.
    let start = Instant::now();
    let queued = loop {
        let args = ["submit", "--backend", "espeak-ng", "-q", "--replicas", "3", "--ack-wait", "3"];
        let out = farm(&cluster.url, &args, &inputs);
        if out.status.success() || start.elapsed() > Duration::from_secs(30) {
            break out;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    assert_ok(&queued);
    let workers: Vec<WorkerProcess> =
        ["a", "b"].iter().map(|name| start_worker(&cluster.url, dir.path(), name, &["--jobs", "1"])).collect();
    wait_for_status(&cluster.url, "running", Duration::from_secs(30));
    // Stop the first server: every client was connected to it first.
    drop(cluster.servers.remove(0));

    let waited = submit(&cluster.url, &inputs, true);
    assert_ok(&waited);
    assert!(status(&cluster.url).starts_with("jobs: 0 waiting, 0 running, 4 done, 0 failed"));
    workers.into_iter().for_each(stop);
    let out = dir.path().join("out");
    assert_ok(&farm(&cluster.url, &["collect", "-q", "-o", out.to_str().unwrap()], &[]));
    for i in 1..=4 {
        assert!(out.join(format!("cluster-note-{i}")).join("episode.mp3").is_file(), "episode {i} missing");
    }
}

/// Overwrite every entry of the shared segment cache with bytes that are not a clip.
fn damage_shared_segments(url: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use futures_util::StreamExt;
        let client = async_nats::connect(url).await.unwrap();
        let store = async_nats::jetstream::new(client).get_object_store("readcast-segments").await.unwrap();
        let mut names = Vec::new();
        let mut list = store.list().await.unwrap();
        while let Some(info) = list.next().await {
            names.push(info.unwrap().name);
        }
        assert!(!names.is_empty(), "the worker stored its segments");
        for name in names {
            store.put(name.as_str(), &mut &b"RCCLIP1\nnot a clip at all"[..]).await.unwrap();
        }
    });
}

#[test]
fn a_damaged_shared_segment_is_discarded_and_spoken_again() {
    let server = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let text = article(dir.path(), "Broken Tape", 3);
    let a = start_worker(&server.url, dir.path(), "a", &[]);
    assert_ok(&submit(&server.url, &[&text], true));
    stop(a);
    damage_shared_segments(&server.url);

    // The same sentences in a new job, on a worker with an empty local cache.
    std::fs::write(&text, std::fs::read_to_string(&text).unwrap() + "\n\nOne more line.\n").unwrap();
    let b = start_worker(&server.url, dir.path(), "b", &[]);
    assert_ok(&submit(&server.url, &[&text], true));
    stop(b);
    let out = dir.path().join("out");
    assert_ok(&farm(&server.url, &["collect", "-q", "-o", out.to_str().unwrap()], &[]));
    let manifest = read_json(&out.join("broken-tape").join("episode.json"));
    let segments = manifest["segments"].as_array().unwrap().len();
    assert_eq!(manifest["cached"], 0, "no damaged entry was used: {manifest}");
    assert_eq!(manifest["synthesized"], segments);
    assert!(read_wav(&out.join("broken-tape").join("episode.wav")).samples.iter().any(|s| *s != 0));
}

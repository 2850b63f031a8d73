//! `readcast serve` with real clients on 127.0.0.1: curl for ranges, HEAD and paths outside the
//! folder; 50 concurrent range requests over a large file with the server's memory watched;
//! feed-rs for the served feed; and gPodder's command-line client `gpo` subscribing, updating
//! and downloading every episode, byte for byte.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::{assert_ok, readcast, run_in, show_folder, stderr};

/// A running `readcast serve` and the base URL it printed; stopped with Ctrl-C (SIGINT) on drop.
struct Server {
    child: Child,
    base: String,
    /// The line after the URL: the first row of the QR code (empty with `-q`).
    qr: String,
}

impl Server {
    fn start(work: &Path, extra: &[&str]) -> Server {
        let mut child = readcast()
            .current_dir(work)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start readcast serve");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let base = line.trim().strip_suffix("feed.xml").unwrap_or_else(|| panic!("feed URL: {line}")).to_string();
        let mut qr = String::new();
        // With -q nothing follows the URL: reading on would wait for the server to end.
        if !extra.contains(&"-q") {
            stdout.read_line(&mut qr).unwrap();
        }
        Server { child, base, qr }
    }

    /// Stop with SIGINT, as Ctrl-C does, and return the exit status and stderr.
    fn stop(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        std::io::Read::read_to_string(&mut self.child.stderr.take().unwrap(), &mut err).unwrap();
        (status, err)
    }

    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn curl(args: &[&str]) -> std::process::Output {
    Command::new("curl").args(["-s", "--path-as-is"]).args(args).output().expect("run curl (apt-get install curl)")
}

fn render_two(work: &Path) {
    let a = "The Weir at Dawn\n\nThe weir was loud after the rain, and the path beside it was closed for a day.\n\nBy evening the water had dropped and the gate was opened again.\n";
    let b = "Bells of the Valley\n\nThe chapel bells rang for the first time in a year on Sunday morning.\n\nA team of ringers from the next village came to help the new learners.\n";
    std::fs::write(work.join("weir.txt"), a).unwrap();
    std::fs::write(work.join("bells.txt"), b).unwrap();
    assert_ok(&run_in(work, &["render", "-q", "--jobs", "2", "--format", "mp3", "weir.txt", "bells.txt"]));
}

#[test]
fn serve_answers_ranges_and_a_podcast_client_downloads_every_episode() {
    let work = show_folder();
    let work = work.path();
    render_two(work);
    let server = Server::start(work, &[]);
    // The feed is written for the address served (the port is known only now).
    assert_ok(&run_in(work, &["feed", "-q", "--base-url", &server.base]));
    let out = work.join("output");

    assert!(server.qr.contains('█'), "no QR code under the URL: {:?}", server.qr);
    let feed = curl(&[&format!("{}feed.xml", server.base)]);
    let parsed = feed_rs::parser::parse(feed.stdout.as_slice())
        .unwrap_or_else(|e| panic!("feed-rs reads the served feed: {e}: {}", String::from_utf8_lossy(&feed.stdout)));
    assert_eq!(parsed.entries.len(), 2);

    let mp3 = std::fs::read(out.join("the-weir-at-dawn/episode.mp3")).unwrap();
    let url = format!("{}the-weir-at-dawn/episode.mp3", server.base);
    let part = curl(&["-D", "-", "-r", "100-1099", &url]);
    let text = String::from_utf8_lossy(&part.stdout);
    assert!(text.starts_with("HTTP/1.1 206"), "{text}");
    assert!(text.contains(&format!("Content-Range: bytes 100-1099/{}", mp3.len())), "{text}");
    assert!(text.contains("Content-Type: audio/mpeg"), "{text}");
    let body_at = part.stdout.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(&part.stdout[body_at..], &mp3[100..1100]);
    let beyond = curl(&["-o", "/dev/null", "-w", "%{http_code}", "-r", &format!("{}-", mp3.len()), &url]);
    assert_eq!(String::from_utf8_lossy(&beyond.stdout), "416");
    let head = curl(&["-I", &format!("{}feed.xml", server.base)]);
    let head = String::from_utf8_lossy(&head.stdout);
    assert!(head.starts_with("HTTP/1.1 200") && head.contains("application/rss+xml"), "{head}");
    let etag = head.lines().find_map(|l| l.strip_prefix("ETag: ")).expect("ETag").trim().to_string();
    let again = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "-H",
        &format!("If-None-Match: {etag}"),
        &format!("{}feed.xml", server.base),
    ]);
    assert_eq!(String::from_utf8_lossy(&again.stdout), "304");
    std::fs::write(work.join("secret.txt"), "outside").unwrap();
    for outside in
        ["../secret.txt", "%2e%2e/secret.txt", "the-weir-at-dawn/%2E%2E/%2e%2e/secret.txt", "the-weir-at-dawn/"]
    {
        let answer = curl(&["-o", "/dev/null", "-w", "%{http_code}", &format!("{}{outside}", server.base)]);
        assert_eq!(String::from_utf8_lossy(&answer.stdout), "404", "{outside}");
    }

    gpodder_downloads_every_episode(&server.base, &out);
    let (status, err) = server.stop();
    assert!(status.success(), "{status:?} {err}");
    assert!(err.contains("stopped serving") && !err.contains("panicked"), "{err}");
    // readcast.toml's base_url (the show folder's) is not the address served: it says so.
    assert!(err.contains(&format!("base_url is {}", crate::common::SHOW_BASE_URL)), "{err}");
}

/// gPodder's `gpo` subscribes, updates and downloads; the files are the rendered ones.
fn gpodder_downloads_every_episode(base: &str, out: &Path) {
    let home = tempfile::tempdir().unwrap();
    let gpo = |args: &[&str]| {
        let output = Command::new("gpo")
            .args(args)
            .env("GPODDER_HOME", home.path())
            .env("GPODDER_DOWNLOAD_DIR", home.path().join("downloads"))
            .stdin(Stdio::null())
            .output()
            .expect("run gpo (apt-get install gpodder)");
        assert!(output.status.success(), "gpo {args:?}: {}", stderr(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let feed = format!("{base}feed.xml");
    gpo(&["subscribe", &feed]);
    gpo(&["update", &feed]);
    let episodes = gpo(&["episodes", "--guid", &feed]);
    assert!(episodes.contains("The Weir at Dawn") && episodes.contains("Bells of the Valley"), "{episodes}");
    gpo(&["download", &feed]);
    let downloaded = crate::common::files_under(&home.path().join("downloads"));
    let mut sums: Vec<Vec<u8>> =
        downloaded.iter().map(|f| std::fs::read(home.path().join("downloads").join(f)).unwrap()).collect();
    let mut rendered: Vec<Vec<u8>> = ["the-weir-at-dawn", "bells-of-the-valley"]
        .iter()
        .map(|slug| std::fs::read(out.join(slug).join("episode.mp3")).unwrap())
        .collect();
    sums.sort();
    rendered.sort();
    assert_eq!(sums.len(), 2, "gpo downloaded {downloaded:?}; episodes: {episodes}");
    assert!(sums == rendered, "the downloaded episodes differ from the rendered ones");
}

#[test]
fn fifty_concurrent_ranges_keep_memory_flat() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("output");
    std::fs::create_dir_all(&out).unwrap();
    // 64 MB of varied bytes: a server that read files whole would grow by that much at least.
    let big: Vec<u8> = (0..64u32 * 1024 * 1024).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    std::fs::write(out.join("big.mp3"), &big).unwrap();
    let server = Server::start(work.path(), &["-q"]);
    let before = server.rss_kb();
    let url = format!("{}big.mp3", server.base);
    let big = std::sync::Arc::new(big);
    let handles: Vec<_> = (0..50u64)
        .map(|n| {
            let (url, big) = (url.clone(), big.clone());
            std::thread::spawn(move || {
                let first = n * 1_300_000;
                let last = first + 999_999;
                let body = ureq::get(&url)
                    .header("Range", &format!("bytes={first}-{last}"))
                    .call()
                    .map(|mut r| {
                        (r.status().as_u16(), r.body_mut().with_config().limit(2_000_000).read_to_vec().unwrap())
                    })
                    .unwrap();
                assert_eq!(body.0, 206);
                assert!(body.1 == big[first as usize..=last as usize], "range {n} differs");
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a range request failed");
    }
    let after = server.rss_kb();
    eprintln!("readcast serve: {before} kB before, {after} kB after 50 concurrent 1 MB ranges of a 64 MB file");
    assert!(after < before + 16 * 1024, "server memory grew from {before} kB to {after} kB");
    let (status, _) = server.stop();
    assert!(status.success());
}

#[test]
fn a_port_in_use_is_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = readcast().args(["serve", "--addr", &addr]).stdin(Stdio::null()).output().unwrap();
    let line = crate::common::assert_one_line_error(&out);
    assert!(line.contains(&addr) && line.contains("already in use"), "{line}");
}

#[test]
fn connections_beyond_the_bound_are_refused_with_503() {
    let work = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(work.path().join("output")).unwrap();
    let server = Server::start(work.path(), &["-q"]);
    let addr = server.base.trim_start_matches("http://").trim_end_matches('/').to_string();
    // 150 silent connections: the workers take some, a bounded queue holds more, the rest are
    // refused at once.
    let held: Vec<std::net::TcpStream> = (0..150).map(|_| std::net::TcpStream::connect(&addr).unwrap()).collect();
    std::thread::sleep(std::time::Duration::from_secs(1));
    let refused: Vec<usize> = held
        .iter()
        .enumerate()
        .filter(|(_, stream)| {
            stream.set_nonblocking(true).unwrap();
            let mut buf = [0u8; 32];
            matches!(std::io::Read::read(&mut &**stream, &mut buf), Ok(n) if buf[..n].starts_with(b"HTTP/1.1 503"))
        })
        .map(|(i, _)| i)
        .collect();
    // How many are taken before the first refusal depends on how soon the workers start
    // waiting; at least the queue's 64 are, and far fewer than 150.
    assert!(!refused.is_empty(), "150 silent connections were all taken");
    assert!(refused[0] >= 64, "refused too early: {refused:?}");
    assert!(held.len() - refused.len() <= 100, "{} connections taken: {refused:?}", held.len() - refused.len());
    drop(held);
    // Once they are gone, the server answers again.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let again = curl(&["-o", "/dev/null", "-w", "%{http_code}", &format!("{}nothing", server.base)]);
    assert_eq!(String::from_utf8_lossy(&again.stdout), "404");
    let (status, _) = server.stop();
    assert!(status.success());
}

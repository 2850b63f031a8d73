//! The show's page, `index.html`, in a real browser: two episodes rendered with espeak-ng and
//! published with `readcast feed`, then opened in headless Chromium driven by chromedriver over
//! the WebDriver HTTP protocol, once from disk (file://) and once served over HTTP on 127.0.0.1
//! (by a small range-capable server, [`static_server`]).
//!
//! The browser must find the show's and the episodes' titles, load the player's duration (checked
//! against ffprobe's reading of the MP3) and, on a real click on a chapter, seek the player to
//! that chapter's start as `chapters.json` (written independently of the page) gives it.

mod static_server;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{assert_ok, ffprobe_duration, make_image, read_json, readcast, show_flags};
use serde_json::{Value, json};
use static_server::StaticServer;

const CHROMIUM: &str = "/usr/bin/chromium";
const SHOW_TITLE: &str = "Harbour & Bakery <Notes>";
/// The WebDriver wire name of an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

const CHAPTERED: &str = "\
# Harbour Lights at Dusk

The lamps along the quay come on at six.

## The Old Lighthouse

Its keeper retired last spring, and the lamp now runs by itself.

## Evening Boats

Two small fishing boats still leave after dark.
";

const PLAIN: &str = "\
# Bread & Butter at the Corner Bakery

The corner bakery opens at seven. Its rye loaves sell out before nine.
";

/// Render the two episodes and publish them: the whole setup the page needs, in one place.
fn publish(out: &Path) {
    let sources = tempfile::tempdir().expect("tempdir");
    let chaptered = sources.path().join("harbour-lights.md");
    let plain = sources.path().join("corner-bakery.md");
    std::fs::write(&chaptered, CHAPTERED).expect("write fixture");
    std::fs::write(&plain, PLAIN).expect("write fixture");
    let render = readcast()
        .args(["render", "-q", "--jobs", "2", "--format", "mp3", "-o"])
        .arg(out)
        .arg(&chaptered)
        .arg(&plain)
        .stdin(Stdio::null())
        .output()
        .expect("run readcast render");
    assert_ok(&render);
    let cover = sources.path().join("art.png");
    make_image(&cover, 1400, 1400);
    let mut flags = show_flags(&cover);
    let title_at = flags.iter().position(|f| f == "--show-title").expect("a title flag") + 1;
    flags[title_at] = SHOW_TITLE.to_string();
    let feed = readcast()
        .args(["feed", "-q", "-o"])
        .arg(out)
        .args(&flags)
        .stdin(Stdio::null())
        .output()
        .expect("run readcast feed");
    assert_ok(&feed);
}

/// A child process killed and reaped when the guard goes, also when a check fails.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind a free port").local_addr().expect("local addr").port()
}

fn wait_for_port(port: u16, what: &str, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited ({status}) before listening on port {port}");
        }
        assert!(Instant::now() < deadline, "{what} did not listen on port {port} within 15 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A WebDriver session in headless Chromium. Dropping it ends the session (which closes the
/// browser) and then kills chromedriver.
struct Browser {
    agent: ureq::Agent,
    session_url: String,
    _driver: KillOnDrop,
}

impl Browser {
    fn start() -> Browser {
        assert!(
            Path::new(CHROMIUM).is_file(),
            "{CHROMIUM} is missing: this test needs Debian's chromium and chromium-driver packages \
             (scripts/install-deps.sh test installs them)"
        );
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start chromedriver ({e}): this test needs Debian's chromium-driver package \
                     (scripts/install-deps.sh test installs it)"
                )
            });
        let mut driver = KillOnDrop(child);
        wait_for_port(port, "chromedriver", &mut driver.0);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--autoplay-policy=no-user-gesture-required"],
            },
        }}});
        let base = format!("http://127.0.0.1:{port}");
        let created = request(&agent, "POST", &format!("{base}/session"), Some(&capabilities));
        let session = created["sessionId"].as_str().unwrap_or_else(|| panic!("no session id in {created}"));
        Browser { session_url: format!("{base}/session/{session}"), agent, _driver: driver }
    }

    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        request(&self.agent, method, &format!("{}{path}", self.session_url), body)
    }

    fn open(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
    }

    fn script(&self, script: &str, args: Value) -> Value {
        self.command("POST", "/execute/sync", Some(&json!({ "script": script, "args": args })))
    }

    fn click(&self, element: &Value) {
        let id = element[ELEMENT_KEY].as_str().unwrap_or_else(|| panic!("not an element: {element}"));
        self.command("POST", &format!("/element/{id}/click"), Some(&json!({})));
    }

    /// Run `script` until it returns something other than null, for at most `limit`.
    fn poll(&self, limit: Duration, script: &str, args: Value, what: &str) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            let value = self.script(script, args.clone());
            if !value.is_null() {
                return value;
            }
            assert!(Instant::now() < deadline, "{what}: not within {limit:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Best effort: the browser quits with its session; chromedriver is killed after this.
        let _ = self.agent.delete(&self.session_url).call();
    }
}

/// One WebDriver call; its `value`, or a panic naming the WebDriver error.
fn request(agent: &ureq::Agent, method: &str, url: &str, body: Option<&Value>) -> Value {
    let response = match (method, body) {
        ("POST", Some(body)) => agent.post(url).header("Content-Type", "application/json").send(body.to_string()),
        ("GET", None) => agent.get(url).call(),
        _ => panic!("unsupported WebDriver call {method} {url}"),
    };
    let mut response = response.unwrap_or_else(|e| panic!("WebDriver {method} {url}: {e}"));
    let status = response.status();
    let text = response.body_mut().read_to_string().unwrap_or_else(|e| panic!("WebDriver answer to {url}: {e}"));
    let reply: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("WebDriver answer is not JSON ({e}): {text}"));
    assert!(status.is_success(), "WebDriver {method} {url} failed ({status}): {}", reply["value"]);
    reply["value"].clone()
}

struct Episode {
    slug: String,
    title: String,
    mp3: PathBuf,
    /// Chapter starts from chapters.json.
    chapter_starts: Vec<f64>,
}

fn episodes(out: &Path) -> Vec<Episode> {
    let mut found: Vec<Episode> = std::fs::read_dir(out)
        .expect("read output folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("episode.json").is_file())
        .map(|folder| {
            let manifest = read_json(&folder.join("episode.json"));
            let chapters = read_json(&folder.join("chapters.json"));
            Episode {
                slug: folder.file_name().expect("name").to_string_lossy().into_owned(),
                title: manifest["title"].as_str().expect("title").to_string(),
                mp3: folder.join("episode.mp3"),
                chapter_starts: chapters["chapters"]
                    .as_array()
                    .expect("chapters")
                    .iter()
                    .map(|c| c["startTime"].as_f64().expect("startTime"))
                    .collect(),
            }
        })
        .collect();
    found.sort_by(|a, b| a.slug.cmp(&b.slug));
    found
}

/// Everything the page must do, checked in the browser at `url`.
fn check_page(browser: &Browser, url: &str, episodes: &[Episode]) {
    browser.open(url);
    let title = browser.script("return document.title;", json!([]));
    assert_eq!(title, SHOW_TITLE, "page title at {url}");
    let heading = browser.script("return document.getElementById('show-title').textContent;", json!([]));
    assert_eq!(heading, SHOW_TITLE, "show heading at {url}");
    // The cover art, copied beside the page by `feed`, loads: the browser decoded its pixels.
    let art = browser.poll(
        Duration::from_secs(10),
        "var i = document.getElementById('cover'); return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth : null;",
        json!([]),
        &format!("the cover to load at {url}"),
    );
    assert_eq!(art.as_u64(), Some(1400), "the cover's width at {url}");
    for episode in episodes {
        let shown = browser.script(
            "var a = document.getElementById('ep-' + arguments[0]); \
             return a && a.querySelector('h2').textContent;",
            json!([episode.slug]),
        );
        assert_eq!(shown, episode.title.as_str(), "episode {} at {url}", episode.slug);
    }
    // The transcript is in the page itself, so it shows from disk too.
    let transcript = browser.script(
        "return Array.from(document.querySelectorAll('.transcript')).map(function (t) { return t.textContent; }).join(' ');",
        json!([]),
    );
    for sentence in
        ["Its keeper retired last spring, and the lamp now runs by itself.", "The corner bakery opens at seven."]
    {
        assert!(
            transcript.as_str().is_some_and(|t| t.contains(sentence)),
            "{sentence:?} not in the transcripts: {transcript}"
        );
    }

    let chaptered = episodes.iter().find(|e| e.chapter_starts.len() >= 3).expect("the episode with headings");
    let duration = browser.poll(
        Duration::from_secs(15),
        "var d = document.getElementById('ep-' + arguments[0]).querySelector('audio').duration; \
         return isFinite(d) ? d : null;",
        json!([chaptered.slug]),
        &format!("the player's duration at {url}"),
    );
    let duration = duration.as_f64().expect("a number");
    let probed = ffprobe_duration(&chaptered.mp3);
    assert!((duration - probed).abs() <= 0.1, "player says {duration} s, ffprobe {probed} s, at {url}");

    // The last chapter, then back to the second: a forward and a backward seek.
    for index in [chaptered.chapter_starts.len() - 1, 1] {
        let start = chaptered.chapter_starts[index];
        assert!(start > 1.0, "chapter {index} starts at {start}: too early to tell a seek from no seek");
        // Where the player stood when the seek finished, before playing moved it on.
        browser.script(
            "var audio = document.getElementById('ep-' + arguments[0]).querySelector('audio'); \
             window.seekedAt = null; \
             audio.addEventListener('seeked', function () { window.seekedAt = audio.currentTime; }, {once: true});",
            json!([chaptered.slug]),
        );
        let button = browser.script(
            "return document.getElementById('ep-' + arguments[0]).querySelectorAll('button.chapter')[arguments[1]];",
            json!([chaptered.slug, index]),
        );
        browser.click(&button);
        let seeked = browser.poll(
            Duration::from_secs(10),
            "return window.seekedAt;",
            json!([]),
            &format!("a seek after clicking chapter {index} at {url}"),
        );
        let seeked = seeked.as_f64().expect("a number");
        assert!(
            (seeked - start).abs() <= 0.3,
            "chapter {index} starts at {start} s, the player went to {seeked} s, at {url}"
        );
    }
}

#[test]
fn the_page_plays_and_seeks_from_disk_and_served() {
    let out = tempfile::tempdir().expect("tempdir");
    publish(out.path());
    let episodes = episodes(out.path());
    assert_eq!(episodes.len(), 2, "two episodes rendered");
    assert!(episodes.iter().any(|e| e.title.contains('&')), "a title that needs escaping: {:?}", episodes[0].title);
    assert!(out.path().join("index.html").is_file(), "feed writes index.html");

    let browser = Browser::start();
    let page = out.path().join("index.html");
    let page = page.to_str().expect("a UTF-8 temp path");
    assert!(!page.contains(['%', '#', '?', ' ']), "a temp path usable in a file URL as is: {page}");
    check_page(&browser, &format!("file://{page}"), &episodes);

    // Served with range requests, as any real host serves it (see static_server.rs for why not
    // Python's http.server).
    let server = StaticServer::start(out.path());
    check_page(&browser, &format!("http://127.0.0.1:{}/index.html", server.port), &episodes);
}

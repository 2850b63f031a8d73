//! A small static file server for the page test: one folder on 127.0.0.1, with HTTP range
//! requests. A browser seeks in served audio by asking for byte ranges; Python's `http.server`
//! answers every range request with the whole file and no `Accept-Ranges`, so Chromium treats the
//! audio as unseekable and a chapter click lands at 0. Any real host (nginx, Apache, S3, GitHub
//! Pages) answers ranges, and so does this server.
//!
//! One thread per connection and `Connection: close`: the browser keeps a media request open
//! while it asks for other ranges, and the test needs nothing faster.

use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// A request head larger than this is refused.
const MAX_HEAD_BYTES: usize = 16 * 1024;

pub struct StaticServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serve `root` on a free port of 127.0.0.1 until dropped.
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the test server");
        let port = listener.local_addr().expect("local addr").port();
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                std::thread::spawn(move || {
                    // A browser dropping a media request half way is normal, not a failure.
                    let _ = serve(stream, &root);
                });
            }
        });
        StaticServer { port, stop, thread: Some(thread) }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let n = reader.by_ref().take((MAX_HEAD_BYTES - before) as u64).read_until(b'\n', &mut head)?;
        if n == 0 || head.len() >= MAX_HEAD_BYTES {
            return Ok(());
        }
        if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") {
            break;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let mut request_line = lines.next().unwrap_or("").split_whitespace();
    let (method, target) = (request_line.next().unwrap_or(""), request_line.next().unwrap_or("/"));
    let range = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("range"))
        .map(|(_, value)| value.trim().to_string());

    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return status_only(&mut out, "405 Method Not Allowed");
    }
    let Some(path) = local_path(root, target) else { return status_only(&mut out, "404 Not Found") };
    let Ok(mut file) = std::fs::File::open(&path) else { return status_only(&mut out, "404 Not Found") };
    let len = file.metadata()?.len();
    let (status, start, end) = match range.as_deref().map(|r| byte_range(r, len)) {
        None => ("200 OK", 0, len),
        Some(Some((start, end))) => ("206 Partial Content", start, end),
        Some(None) => {
            let head = format!(
                "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{len}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return out.write_all(head.as_bytes());
        }
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n",
        content_type(&path),
        end - start
    );
    if status.starts_with("206") {
        head.push_str(&format!("Content-Range: bytes {start}-{}/{len}\r\n", end - 1));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if method == "GET" {
        file.seek(SeekFrom::Start(start))?;
        std::io::copy(&mut file.take(end - start), &mut out)?;
    }
    out.flush()?;
    out.shutdown(Shutdown::Write)
}

fn status_only(out: &mut TcpStream, status: &str) -> std::io::Result<()> {
    out.write_all(format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes())
}

/// The file a request path names inside `root`: percent-decoded, no `..`, a folder's index.html.
fn local_path(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let relative = PathBuf::from(String::from_utf8(decoded).ok()?.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = root.join(relative);
    if full.is_dir() { Some(full.join("index.html")) } else { Some(full) }
}

/// `bytes=START-END`, `bytes=START-` or `bytes=-SUFFIX` as a half-open range inside `len`;
/// `None` when it is malformed or unsatisfiable.
fn byte_range(header: &str, len: u64) -> Option<(u64, u64)> {
    let spec = header.strip_prefix("bytes=")?.trim();
    let (first, last) = spec.split_once('-')?;
    let (start, end) = if first.is_empty() {
        let suffix: u64 = last.parse().ok()?;
        (len.saturating_sub(suffix), len)
    } else {
        let start: u64 = first.parse().ok()?;
        let end = if last.is_empty() { len } else { last.parse::<u64>().ok()?.saturating_add(1).min(len) };
        (start, end)
    };
    (start < end).then_some((start, end))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("mp3") => "audio/mpeg",
        Some("wav") => "audio/wav",
        Some("json") => "application/json",
        Some("xml") => "application/rss+xml",
        Some("vtt") => "text/vtt",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

//! A tiny HTTP server on 127.0.0.1 for the tests that fetch URLs: each path maps to a raw
//! response, so a test states exactly what the server says (headers, bodies, silence).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// A tiny HTTP server on 127.0.0.1: each path maps to a raw response; it serves `count`
/// connections and stops. A response of `None` means: accept and never answer.
pub fn serve(routes: Vec<(&'static str, Option<Vec<u8>>)>, count: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held: Vec<TcpStream> = Vec::new();
        for stream in listener.incoming().take(count) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            match routes.iter().find(|(p, _)| *p == path) {
                Some((_, Some(response))) => {
                    let _ = stream.write_all(response);
                }
                Some((_, None)) => held.push(stream),
                None => {
                    let _ =
                        stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                }
            }
        }
        drop(held);
    });
    format!("http://{addr}")
}

pub fn response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A page of a [`Site`]: what the server answers for one path.
#[derive(Debug, Clone)]
pub struct Page {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// Sent as `ETag`; a request with a matching `If-None-Match` gets `304 Not Modified`.
    pub etag: Option<String>,
    /// Sent as `Last-Modified`; a matching `If-Modified-Since` gets `304` too.
    pub last_modified: Option<String>,
}

impl Page {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Page {
        Page { status: 200, content_type: content_type.into(), body: body.into(), etag: None, last_modified: None }
    }

    pub fn with_etag(mut self, etag: &str, last_modified: &str) -> Page {
        self.etag = Some(etag.into());
        self.last_modified = Some(last_modified.into());
        self
    }
}

/// One request a [`Site`] received: its path and its conditional headers.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    /// The status answered.
    pub status: u16,
}

type Pages = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Page>>>;

/// A small web site on 127.0.0.1 whose pages a test can change while it runs, answering
/// conditional GETs as a real server does and recording every request. It serves until the
/// test process ends.
pub struct Site {
    base: String,
    pages: Pages,
    log: std::sync::Arc<std::sync::Mutex<Vec<Request>>>,
}

impl Site {
    pub fn start() -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let pages: Pages = Default::default();
        let log: std::sync::Arc<std::sync::Mutex<Vec<Request>>> = Default::default();
        let (pages_in, log_in) = (pages.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (pages, log) = (pages_in.clone(), log_in.clone());
                std::thread::spawn(move || answer(stream, &pages, &log));
            }
        });
        Site { base, pages, log }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn set(&self, path: &str, page: Page) {
        self.pages.lock().unwrap().insert(path.to_string(), page);
    }

    /// The requests received so far for `path`.
    pub fn requests(&self, path: &str) -> Vec<Request> {
        self.log.lock().unwrap().iter().filter(|r| r.path == path).cloned().collect()
    }
}

fn answer(mut stream: TcpStream, pages: &Pages, log: &std::sync::Mutex<Vec<Request>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
    let header = |name: &str| {
        text.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
        })
    };
    let (if_none_match, if_modified_since) = (header("if-none-match"), header("if-modified-since"));
    let page = pages.lock().unwrap().get(&path).cloned();
    let (status, response) = match page {
        None => (404, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()),
        Some(page) => {
            let fresh = (page.etag.is_some() && page.etag == if_none_match)
                || (if_none_match.is_none() && page.last_modified.is_some() && page.last_modified == if_modified_since);
            if fresh { (304, not_modified(&page)) } else { (page.status, full(&page)) }
        }
    };
    log.lock().unwrap().push(Request { path, if_none_match, if_modified_since, status });
    let _ = stream.write_all(&response);
}

fn validators(page: &Page) -> String {
    let mut out = String::new();
    if let Some(etag) = &page.etag {
        out.push_str(&format!("ETag: {etag}\r\n"));
    }
    if let Some(modified) = &page.last_modified {
        out.push_str(&format!("Last-Modified: {modified}\r\n"));
    }
    out
}

fn not_modified(page: &Page) -> Vec<u8> {
    format!("HTTP/1.1 304 Not Modified\r\n{}Connection: close\r\n\r\n", validators(page)).into_bytes()
}

fn full(page: &Page) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\n{}Connection: close\r\n\r\n",
        page.status,
        page.content_type,
        page.body.len(),
        validators(page)
    )
    .into_bytes();
    out.extend_from_slice(&page.body);
    out
}

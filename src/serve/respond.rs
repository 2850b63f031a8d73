//! Answering the requests of one connection: headers, conditional requests, ranges, and the
//! body streamed from the file in pieces.

use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::net::TcpStream;
use std::path::Path;

use super::files::{content_type, resolve};
use super::range::{RangeAsk, parse_range};
use super::request::{ReadError, read_request};

/// Answer requests on `stream` until the client closes, asks to, errs, or `max` were answered.
pub fn connection(stream: TcpStream, root: &Path, max: usize) {
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    for _ in 0..max {
        let request = match read_request(&mut reader) {
            Ok(request) => request,
            Err(ReadError::Closed) => return,
            Err(ReadError::TooLarge) => return drop(simple(&mut writer, "431 Request Header Fields Too Large", true)),
            Err(ReadError::Malformed) => return drop(simple(&mut writer, "400 Bad Request", true)),
        };
        let close = request.close;
        if answer(&mut writer, root, &request).is_err() || close {
            return;
        }
    }
}

/// Refuse a connection when every worker is busy and the queue is full.
pub fn busy(mut stream: TcpStream) {
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

fn simple(writer: &mut impl Write, status: &str, close: bool) -> std::io::Result<()> {
    let connection = if close { "Connection: close\r\n" } else { "" };
    write!(writer, "HTTP/1.1 {status}\r\nContent-Length: 0\r\n{connection}\r\n")?;
    writer.flush()
}

fn answer(writer: &mut TcpStream, root: &Path, request: &super::request::Request) -> std::io::Result<()> {
    let head_only = match request.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => {
            write!(writer, "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\n\r\n")?;
            return writer.flush();
        }
    };
    let Some(path) = resolve(root, &request.target) else { return simple(writer, "404 Not Found", request.close) };
    let Ok(mut file) = std::fs::File::open(&path) else { return simple(writer, "404 Not Found", request.close) };
    let meta = file.metadata()?;
    let size = meta.len();
    let modified = meta.modified().ok();
    let etag = entity_tag(size, modified);
    let last_modified = modified.map(http_date).unwrap_or_default();
    let mut headers = format!(
        "Content-Type: {}\r\nAccept-Ranges: bytes\r\nETag: {etag}\r\nLast-Modified: {last_modified}\r\n",
        content_type(&path)
    );
    if request.close {
        headers.push_str("Connection: close\r\n");
    }
    if not_modified(request, &etag, &last_modified) {
        write!(writer, "HTTP/1.1 304 Not Modified\r\n{headers}\r\n")?;
        return writer.flush();
    }
    let (status, first, length) = match parse_range(request.range.as_deref(), size) {
        RangeAsk::Whole => ("200 OK", 0, size),
        RangeAsk::Part(range) => {
            headers.push_str(&format!("Content-Range: bytes {}-{}/{size}\r\n", range.first, range.last));
            ("206 Partial Content", range.first, range.len())
        }
        RangeAsk::Unsatisfiable => {
            write!(
                writer,
                "HTTP/1.1 416 Range Not Satisfiable\r\n{headers}Content-Range: bytes */{size}\r\nContent-Length: 0\r\n\r\n"
            )?;
            return writer.flush();
        }
    };
    write!(writer, "HTTP/1.1 {status}\r\n{headers}Content-Length: {length}\r\n\r\n")?;
    if !head_only {
        file.seek(SeekFrom::Start(first))?;
        // io::copy moves the file through a small buffer: memory stays flat for any size.
        let sent = std::io::copy(&mut (&mut file).take(length), writer)?;
        if sent < length {
            // The file shrank under us: the client must not take the short body for the whole.
            return Err(std::io::Error::other("file shorter than announced"));
        }
    }
    writer.flush()
}

/// A conditional request whose copy is current: `If-None-Match` wins over `If-Modified-Since`.
fn not_modified(request: &super::request::Request, etag: &str, last_modified: &str) -> bool {
    match &request.if_none_match {
        Some(tags) => {
            tags.split(',').map(str::trim).any(|t| t == etag || t == "*" || t.strip_prefix("W/") == Some(etag))
        }
        None => request
            .if_modified_since
            .as_deref()
            .is_some_and(|since| !last_modified.is_empty() && since == last_modified),
    }
}

/// A strong validator from the file's size and modification time: both change when a render
/// rewrites a file.
fn entity_tag(size: u64, modified: Option<std::time::SystemTime>) -> String {
    let nanos = modified.and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    format!("\"{size:x}-{nanos:x}\"")
}

/// An HTTP date (RFC 9110 IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(when: std::time::SystemTime) -> String {
    let t = time::OffsetDateTime::from(when);
    let (weekday, month) = (t.weekday().to_string(), t.month().to_string());
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        &weekday[..3],
        t.day(),
        &month[..3],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_imf_fixdate() {
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(784_111_777);
        assert_eq!(http_date(when), "Sun, 06 Nov 1994 08:49:37 GMT");
    }
}
